// iCalendar (RFC 5545) written by hand: one VEVENT per session, times in UTC, CRLF line ends, lines folded at
// 75 octets without splitting a UTF-8 character, TEXT values escaped. Pure, so it is unit-tested against an
// independent parser (ical.js).
import { VN_TIME_ZONE } from "~/utils/vn-calendar";

export type IcsEvent = {
  /** Stable across updates: `<sessionId>@hoc-attt`, so a calendar replaces the event instead of adding one. */
  uid: string;
  /** Raised on every calendar-visible change (ClassOffering.sequence). */
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location?: string | null;
  url?: string | null;
  description?: string | null;
  cancelled?: boolean;
};

export type IcsSession = {
  id: string;
  position: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  venue: string;
  onlineUrl: string | null;
  cancelledAt: Date | null;
};

export type IcsOffering = {
  title: string;
  description: string;
  sequence: number;
  status: string;
  sessions: IcsSession[];
};

export const ICS_DOMAIN = "hoc-attt";
const CRLF = "\r\n";
const encoder = new TextEncoder();

/** TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and newlines as \n. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Folds a content line into chunks of at most 75 octets; continuation lines start with one space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > limit) {
      out.push(current);
      current = "";
      octets = 0;
      limit = 74; // the leading space of a continuation line counts toward its 75 octets
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

/** 2026-12-05T01:00:00.000Z → 20261205T010000Z */
export function icsUtc(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** A URI value must not carry line breaks; anything else passes as is (it is not TEXT, so not escaped). */
function uri(value: string): string {
  return value.replace(/[\r\n]/g, "");
}

export function buildCalendar(input: { name: string; events: IcsEvent[]; now?: Date }): string {
  const stamp = icsUtc(input.now ?? new Date());
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:-//${ICS_DOMAIN}//Hoc ATTT//VI`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(input.name)}`,
    `X-WR-TIMEZONE:${VN_TIME_ZONE}`,
  ];
  for (const e of input.events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `SEQUENCE:${e.sequence}`,
      `DTSTART:${icsUtc(e.startsAt)}`,
      `DTEND:${icsUtc(e.endsAt)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.url) lines.push(`URL:${uri(e.url)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    lines.push(`STATUS:${e.cancelled ? "CANCELLED" : "CONFIRMED"}`, "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** One event per session; a cancelled session, or every session of a cancelled offering, says STATUS:CANCELLED. */
export function offeringEvents(offering: IcsOffering, link?: string): IcsEvent[] {
  const offeringCancelled = offering.status === "CANCELLED";
  const many = offering.sessions.length > 1;
  return [...offering.sessions]
    .sort((a, b) => a.position - b.position)
    .map((s) => {
      const part = s.title || (many ? `Buổi ${s.position}` : "");
      const description = [offering.description, s.onlineUrl ? `Trực tuyến: ${s.onlineUrl}` : "", link ?? ""]
        .filter(Boolean)
        .join("\n");
      return {
        uid: `${s.id}@${ICS_DOMAIN}`,
        sequence: offering.sequence,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        summary: part ? `${offering.title} — ${part}` : offering.title,
        location: s.venue || (s.onlineUrl ? "Trực tuyến" : null),
        url: s.onlineUrl,
        description,
        cancelled: offeringCancelled || s.cancelledAt !== null,
      };
    });
}
