// The one definition of a valid person (CBCCVC): the add/edit form (in the browser and in the action), the
// service and the bulk import share it. Pure, so the form component may import it.
import { UUID_PATTERN } from "~/utils/uuid";
import { z } from "zod";
import { IT_ROLES, STAFF_CATEGORIES } from "~/domain/staff";
import { foldVietnamese, personSortKey } from "~/utils/text";
import { cleanLine, commaList, tagList, text } from "~/utils/zod-text";

export const MAX_NAME = 150;
export const MAX_POSITION = 200;
export const MAX_TAG = 60;
export const MAX_TAGS = 20;
export const MAX_STAFF_CODE = 50;
/** Mã cán bộ: letters, digits and . _ - / (as the province's staff list writes it; compared exactly). */
export const STAFF_CODE = /^[\p{L}\p{N}._\-/]+$/u;

/**
 * Text as stored: NFC (files from macOS or old converters carry decomposed Vietnamese, which would break
 * equality and search), invisible characters dropped, runs of spaces collapsed.
 */
export function cleanText(s: string): string {
  // Imported cells may hold line breaks (Alt+Enter in Excel): as spaces here; other controls are refused.
  return cleanLine(s.replace(/[\t\n\r]+/g, " "));
}

/** Tags as stored: cleaned, without empties or repeats, in the order given. */
export function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(cleanText).filter(Boolean))];
}

export const emailSchema = z
  .string({ error: "people.emailRequired" })
  .trim()
  .toLowerCase()
  .min(1, "people.emailRequired")
  .max(254, "people.emailTooLong")
  .pipe(z.email({ error: "people.emailInvalid" }));

export const personInputSchema = z.object({
  fullName: text("people.nameRequired").min(1, "people.nameRequired").max(MAX_NAME, "people.nameTooLong"),
  email: emailSchema,
  agencyId: z.string({ error: "people.agencyRequired" }).trim().regex(UUID_PATTERN, "people.agencyRequired"),
  staffCategory: z.enum(STAFF_CATEGORIES, {
    error: "people.categoryRequired",
  }),
  position: text().max(MAX_POSITION, "people.positionTooLong").default(""),
  isHeadOfUnit: z.boolean().default(false),
  itRole: z.enum(IT_ROLES, { error: "people.itRoleInvalid" }).default("NONE"),
  // Absent: unchanged (callers that predate the field); empty: no code.
  staffCode: text()
    .max(MAX_STAFF_CODE, "people.staffCodeTooLong")
    .refine((v) => v === "" || STAFF_CODE.test(v), "people.staffCodeInvalid")
    .transform((v) => v || null)
    .nullable()
    .optional(),
  tags: tagList(MAX_TAG, "people.tagTooLong")
    .pipe(z.array(z.string()).max(MAX_TAGS, "people.tooManyTags"))
    .default([]),
});

export type PersonInput = z.input<typeof personInputSchema>;
export type PersonData = z.output<typeof personInputSchema>;

/** Columns derived from the others; every writer (form, import, seed, factories) goes through this. */
export function derivedPersonFields(p: { fullName: string; email: string; position: string }) {
  return {
    searchText: foldVietnamese(`${p.fullName} ${p.email} ${p.position}`),
    sortKey: personSortKey(p.fullName),
  };
}

// The tags box is one field: a problem with one tag ("tags[1]") is reported on "tags", next to the box.
const tagsBox = z.preprocess(
  commaList,
  z.array(z.string()).transform((tags, ctx) => {
    const parsed = personInputSchema.shape.tags.safeParse(tags);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: [] } as z.core.$ZodRawIssue);
    return z.NEVER;
  }),
);

/**
 * The add/edit person form: the HTML fields (a checkbox, comma-separated tags, a staff code box whose empty
 * value means "no code") read as personInputSchema reads a person. Parse it with conform's own coercion off
 * (PERSON_FORM_OPTIONS): the fields read the raw strings.
 */
export const personFormSchema = personInputSchema.extend({
  isHeadOfUnit: z.preprocess((v) => v === "true", z.boolean()),
  tags: tagsBox,
});

export const PERSON_FORM_OPTIONS = { disableAutoCoercion: true } as const;
