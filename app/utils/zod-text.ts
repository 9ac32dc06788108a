// Building blocks for every free-text and number field of the app's zod schemas (forms, imports, services).
// Text is stored NFC (files from macOS or old converters carry decomposed Vietnamese), without the invisible
// characters a paste brings along, and refuses what PostgreSQL cannot store (NUL) or nobody means to type
// (control characters, the U+FFFD that bytes which were not UTF-8 turn into). Numbers are plain decimal
// digits: Number("0x10") is 16 and Number("1e3") is 1000, which a capacity field must not accept.
// The messages are keys of app/i18n/common.ts (text.*, number.*), rendered in the reader's locale by the route.
import { z } from "zod";
import type { MessageKey } from "~/i18n";

export const TEXT_MESSAGES = {
  control: "text.control",
  encoding: "text.encoding",
  notText: "text.notText",
  digits: "number.digits",
} as const satisfies Record<string, MessageKey>;

// C0 controls, DEL and C1 controls. Multi-line text keeps tab, line feed and carriage return.
/* eslint-disable no-control-regex -- matching control characters is the point */
const CONTROL_LINE = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */
// Zero-width space / non-joiner / joiner, word joiner, BOM: invisible, so a title made of them looks empty.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
// U+FFFD is what a decoder makes of bytes that were not UTF-8; lone surrogates cannot be stored either.
const BAD_ENCODING = /\ufffd|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** One line as stored: NFC, invisible characters dropped, runs of spaces collapsed, trimmed. */
export function cleanLine(s: string): string {
  return s
    .normalize("NFC")
    .replace(INVISIBLE, "")
    .replace(/[^\S\t\n\r]+/g, " ")
    .trim();
}

/** Several lines as stored: NFC, CRLF → LF, invisible characters dropped, trimmed. */
export function cleanMultiline(s: string): string {
  return s.normalize("NFC").replace(/\r\n?/g, "\n").replace(INVISIBLE, "").trim();
}

/** The message key for what a cleaned text may not contain, or null when it is fine. */
export function textProblem(s: string, multiline = false): MessageKey | null {
  if (BAD_ENCODING.test(s)) return TEXT_MESSAGES.encoding;
  if ((multiline ? CONTROL_MULTILINE : CONTROL_LINE).test(s)) return TEXT_MESSAGES.control;
  return null;
}

const stringOf = (message?: MessageKey) => z.string({ error: message ?? TEXT_MESSAGES.notText });

/**
 * A one-line text field: cleaned, then refused (with a field error) when it holds control characters or bad
 * encoding. Still a ZodString, so callers chain .min()/.max()/.regex() with their own messages.
 */
export function text(message?: MessageKey) {
  return stringOf(message)
    .overwrite(cleanLine)
    .refine((s) => !BAD_ENCODING.test(s), TEXT_MESSAGES.encoding)
    .refine((s) => !CONTROL_LINE.test(s), TEXT_MESSAGES.control);
}

/** A multi-line text field (description, notes): tab and line breaks allowed, other controls refused. */
export function multilineText(message?: MessageKey) {
  return stringOf(message)
    .overwrite(cleanMultiline)
    .refine((s) => !BAD_ENCODING.test(s), TEXT_MESSAGES.encoding)
    .refine((s) => !CONTROL_MULTILINE.test(s), TEXT_MESSAGES.control);
}

/** Tags, topics and other short labels: each one cleaned and checked, empties and repeats dropped. */
export function tagList(maxLength: number, tooLong: MessageKey) {
  return z.array(text().max(maxLength, tooLong)).transform((tags) => [...new Set(tags.filter(Boolean))]);
}

/** A "a, b; c" box as its list (for z.preprocess): split on commas and semicolons, trimmed, no empties. */
export function commaList(v: unknown): unknown {
  if (typeof v !== "string") return v ?? [];
  return v
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const DIGITS = /^[+-]?\d{1,15}$/;

/** "25" → 25; "0x10", "1e3", "1.5", " ", "abc" → NaN (a number, so zod gives the field's own message). */
export function decimalValue(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const s = v.trim();
  return DIGITS.test(s) ? Number(s) : Number.NaN;
}

/**
 * A whole number written in plain decimal digits (an optional sign), or a number already. `message` is
 * shown for anything else; the range checks take their own messages.
 */
export function decimalInt(
  message: MessageKey = TEXT_MESSAGES.digits,
  range: { min?: [number, MessageKey]; max?: [number, MessageKey] } = {},
) {
  let n = z.number({ error: message }).int(message);
  if (range.min) n = n.min(range.min[0], range.min[1]);
  if (range.max) n = n.max(range.max[0], range.max[1]);
  return z.preprocess(decimalValue, n);
}
