// The public tracking endpoints' work (open pixel, click, landing submit, report, teachable page). Each
// records its event in one statement that also answers what the route needs to show, so a click costs one
// round trip; the token is checked without the database (token.server.ts). Nothing here ever reads what a
// person typed: the submit route does not parse its body.
import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { translate, type Locale } from "~/i18n";
import { renderMarkdown } from "~/modules/content/markdown.server";
import { formatDay } from "~/utils/vn-calendar";
import { escapeHtml, renderDrillEmail, renderLanding } from "./render";
import { verifyToken } from "./token.server";
import { DRILL_PATHS } from "./urls";

export type EventOutcome = "recorded" | "again" | "expired" | "missing";

/** The recipient a token names, or null for a malformed or forged token (no database read). */
export async function recipientOf(token: string | undefined): Promise<string | null> {
  if (!token) return null;
  try {
    return await verifyToken(token);
  } catch {
    return null;
  }
}

const COLUMN = {
  opened: Prisma.raw(`"openedAt"`),
  submitted: Prisma.raw(`"submittedAt"`),
  reported: Prisma.raw(`"reportedAt"`),
} as const;

/**
 * Records opened, submitted or reported once, and says what happened, in one statement. Reports are taken
 * after the links expire (a late report is still a report); the others are not.
 */
export async function recordEvent(
  recipientId: string,
  event: keyof typeof COLUMN,
  at: Date,
): Promise<EventOutcome> {
  const col = COLUMN[event];
  const live = event === "reported" ? Prisma.sql`TRUE` : Prisma.sql`c."linksExpireAt" > ${at}::timestamptz`;
  const [row] = await db.$queryRaw<{ live: boolean; hit: number }[]>`
    WITH hit AS (
      UPDATE "PhishingRecipient" r SET ${col} = ${at}::timestamptz
      FROM "PhishingCampaign" c
      WHERE r.id = ${recipientId}::uuid AND c.id = r."campaignId" AND r.${col} IS NULL AND ${live}
      RETURNING 1
    )
    SELECT ${live} AS live, (SELECT count(*) FROM hit)::int AS hit
    FROM "PhishingRecipient" r JOIN "PhishingCampaign" c ON c.id = r."campaignId"
    WHERE r.id = ${recipientId}::uuid`;
  if (!row) return "missing";
  if (!row.live) return "expired";
  return row.hit === 1 ? "recorded" : "again";
}

export type ClickOutcome =
  | { outcome: "missing" | "expired" }
  | { outcome: "recorded" | "again"; landing: "FORM" | "TEACH"; templateVersionId: string };

/**
 * Records a click once and, on the first, assigns the follow-up course (a NAMED member of the campaign's
 * follow-up assignment, due followUpDueDays later; an existing member is left alone) and sets followUpAt —
 * all in one statement, so 1,000 simultaneous clicks make one click and one member.
 */
export async function recordClick(recipientId: string, at: Date): Promise<ClickOutcome> {
  const [row] = await db.$queryRaw<
    { landing: "FORM" | "TEACH"; live: boolean; templateVersionId: string; hit: number }[]
  >`
    WITH hit AS (
      UPDATE "PhishingRecipient" r SET "clickedAt" = ${at}::timestamptz,
        "followUpAt" = CASE WHEN c."followUpAssignmentId" IS NULL THEN r."followUpAt"
          ELSE coalesce(r."followUpAt", ${at}::timestamptz) END
      FROM "PhishingCampaign" c
      WHERE r.id = ${recipientId}::uuid AND c.id = r."campaignId" AND r."clickedAt" IS NULL
        AND c."linksExpireAt" > ${at}::timestamptz
      RETURNING r."personId", c."followUpAssignmentId", c."followUpDueDays"
    ), member AS (
      INSERT INTO "AssignmentMember" (id, "assignmentId", "personId", source, "assignedAt", "dueAt")
      SELECT gen_random_uuid(), h."followUpAssignmentId", h."personId", 'NAMED'::"MemberSource",
        ${at}::timestamptz, ${at}::timestamptz + make_interval(days => h."followUpDueDays")
      FROM hit h WHERE h."followUpAssignmentId" IS NOT NULL
      ON CONFLICT ("assignmentId", "personId") DO NOTHING
      RETURNING 1
    )
    SELECT c.landing::text AS landing, c."linksExpireAt" > ${at}::timestamptz AS live,
      r."templateVersionId", (SELECT count(*) FROM hit)::int AS hit
    FROM "PhishingRecipient" r JOIN "PhishingCampaign" c ON c.id = r."campaignId"
    WHERE r.id = ${recipientId}::uuid`;
  if (!row) return { outcome: "missing" };
  if (!row.live) return { outcome: "expired" };
  return {
    outcome: row.hit === 1 ? "recorded" : "again",
    landing: row.landing,
    templateVersionId: row.templateVersionId,
  };
}

// Template versions never change once written: their landing pages are kept per process.
const landingCache = new Map<string, Promise<string>>();

export function landingHtmlOf(templateVersionId: string): Promise<string> {
  let html = landingCache.get(templateVersionId);
  if (!html) {
    html = db.phishingTemplateVersion
      .findUniqueOrThrow({ where: { id: templateVersionId }, select: { landingHtml: true } })
      .then((v) => v.landingHtml);
    html.catch(() => landingCache.delete(templateVersionId));
    if (landingCache.size > 500) landingCache.clear();
    landingCache.set(templateVersionId, html);
  }
  return html;
}

/** Headers of every drill answer: not indexed, no referrer to anywhere, nothing loaded from outside. */
export const DRILL_HEADERS: Record<string, string> = {
  "X-Robots-Tag": "noindex, nofollow",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
  "Content-Security-Policy":
    "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

/**
 * A tracking answer before it is a Response: the express fast path (server.js, trackingAnswer) writes it
 * as is, the Remix routes wrap it (toResponse).
 */
export type PlainAnswer = { status: number; headers: Record<string, string>; body: string | Buffer | null };

export function toResponse(a: PlainAnswer): Response {
  return new Response(typeof a.body === "string" || a.body === null ? a.body : new Uint8Array(a.body), {
    status: a.status,
    headers: a.headers,
  });
}

function page(title: string, body: string, locale: Locale): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">${body}</body></html>`;
}

const HTML = "text/html; charset=utf-8";

/** The plain 404 of a bad, forged or expired link (no app layout: nothing about the app is revealed). */
export function notFoundAnswer(locale: Locale = "vi"): PlainAnswer {
  const title = translate(locale, "phishingDrill.notFound.title");
  const body = `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(translate(locale, "phishingDrill.notFound.body"))}</p>`;
  return {
    status: 404,
    headers: { ...DRILL_HEADERS, "Content-Type": HTML },
    body: page(title, body, locale),
  };
}

export const drillNotFound = (locale: Locale = "vi") => toResponse(notFoundAnswer(locale));

// The smallest transparent GIF (43 bytes).
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
const PIXEL_ANSWER: PlainAnswer = {
  status: 200,
  headers: { ...DRILL_HEADERS, "Content-Type": "image/gif", "Content-Length": String(PIXEL.length) },
  body: PIXEL,
};

export function seeOther(location: string): PlainAnswer {
  return { status: 303, headers: { ...DRILL_HEADERS, Location: location }, body: null };
}

/** GET /t/o/<token>.gif: "opened" once, then the pixel; a bad or expired token is a 404. */
export async function openAnswer(file: string, now = new Date()): Promise<PlainAnswer> {
  const id = file.endsWith(".gif") ? await recipientOf(file.slice(0, -4)) : null;
  if (!id) return notFoundAnswer();
  const outcome = await recordEvent(id, "opened", now);
  return outcome === "recorded" || outcome === "again" ? PIXEL_ANSWER : notFoundAnswer();
}

/** GET /t/c/<token>: the click once (with the follow-up course), then the landing page or the teachable page. */
export async function clickAnswer(token: string, now = new Date()): Promise<PlainAnswer> {
  const id = await recipientOf(token);
  if (!id) return notFoundAnswer();
  const click = await recordClick(id, now);
  if (!("landing" in click)) return notFoundAnswer();
  if (click.landing === "TEACH") return seeOther(DRILL_PATHS.lesson(token));
  const filled = renderLanding(await landingHtmlOf(click.templateVersionId), DRILL_PATHS.submit(token));
  const html = /<html[\s>]/i.test(filled) ? filled : page("", filled, "vi");
  return { status: 200, headers: { ...DRILL_HEADERS, "Content-Type": HTML }, body: html };
}

/**
 * The express fast path's answer for a tracking path (/t/o/…, /t/c/…), or null for any other path: a click
 * must cost far less than a page, and Remix's request handling was a good part of its cost.
 */
export function trackingAnswer(method: string, path: string): Promise<PlainAnswer> | null {
  if (method !== "GET") return null;
  const m = /^\/t\/([oc])\/([^/]{1,64})$/.exec(path);
  if (!m) return null;
  return m[1] === "o" ? openAnswer(m[2]!) : clickAnswer(m[2]!);
}

export type RedFlag = { id: string; title: string; explanation: string };

function redFlagsOf(value: unknown): RedFlag[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((f: unknown) => {
    const o = f as Partial<RedFlag> | null;
    return o && typeof o.id === "string" && typeof o.title === "string"
      ? [{ id: o.id, title: o.title, explanation: typeof o.explanation === "string" ? o.explanation : "" }]
      : [];
  });
}

/**
 * The email as the person saw it, for a sandboxed iframe's srcdoc: its sender and subject above its body,
 * every element marked data-flag outlined and numbered like the list beside it. Links lead nowhere.
 */
export function emailPicture(
  v: { senderName: string; senderAddress: string; subject: string; emailHtml: string; emailText: string },
  person: { fullName: string; email: string; agency: string; date: string },
  flags: RedFlag[],
  labels: { from: string; subject: string },
): string {
  const mail = renderDrillEmail(v, { ...person, link: "#", reportLink: "#", pixelUrl: null });
  // Only the elements of this email's red flags are outlined and numbered: a data-flag the template's list
  // does not name (the header's "sender" and "subject" when no flag has those ids) stays plain, so every red
  // box on the picture has its number in the list beside it.
  const sel = (f: RedFlag) => `[data-flag="${f.id.replace(/["\\]/g, "")}"]`;
  const outlined = flags.length
    ? `${flags.map(sel).join(",")}{outline:2px solid #dc2626;outline-offset:2px;background:#fef2f2}`
    : "";
  const numbered = flags
    .map(
      (f, i) =>
        `${sel(f)}::before{content:"${i + 1}";display:inline-block;min-width:1.4em;margin-right:.3em;padding:0 .2em;border-radius:999px;background:#dc2626;color:#fff;font:bold 12px/1.4em sans-serif;text-align:center}`,
    )
    .join("");
  const style = `body{font-family:sans-serif;font-size:14px;margin:12px;color:#0f172a;overflow-wrap:anywhere}img{max-width:100%}${outlined}.hdr{border-bottom:1px solid #cbd5e1;padding-bottom:8px;margin-bottom:12px}.hdr p{margin:4px 0}${numbered}`;
  const header = `<div class="hdr"><p><b>${escapeHtml(labels.from)}:</b> <span data-flag="sender">${escapeHtml(v.senderName)} &lt;${escapeHtml(v.senderAddress)}&gt;</span></p><p><b>${escapeHtml(labels.subject)}:</b> <span data-flag="subject">${escapeHtml(mail.subject)}</span></p></div>`;
  return `<!doctype html><html><head><meta charset="utf-8"><base target="_self"><style>${style}</style></head><body>${header}${mail.html}</body></html>`;
}

export type TeachablePage = {
  senderName: string;
  senderAddress: string;
  subject: string;
  pictureHtml: string;
  flags: RedFlag[];
  adviceHtml: string;
  course: { code: string; title: string } | null;
  dueAt: Date | null;
};

/** What the teachable page shows for a recipient, or null when the link is unknown or expired. */
export async function teachablePage(
  recipientId: string,
  now: Date,
  locale: Locale,
): Promise<TeachablePage | null> {
  const r = await db.phishingRecipient.findUnique({
    where: { id: recipientId },
    select: {
      personId: true,
      agencyId: true,
      email: true,
      scheduledAt: true,
      queuedAt: true,
      person: { select: { fullName: true } },
      campaign: { select: { linksExpireAt: true, followUpCourseId: true, followUpAssignmentId: true } },
      templateVersion: {
        select: {
          senderName: true,
          senderAddress: true,
          subject: true,
          emailHtml: true,
          emailText: true,
          redFlags: true,
          lessonMarkdown: true,
        },
      },
    },
  });
  if (!r || r.campaign.linksExpireAt <= now) return null;
  const [agency, course, member] = await Promise.all([
    db.agency.findUnique({ where: { id: r.agencyId }, select: { name: true } }),
    r.campaign.followUpCourseId
      ? db.course.findUnique({
          where: { id: r.campaign.followUpCourseId },
          select: { code: true, title: true },
        })
      : null,
    r.campaign.followUpAssignmentId
      ? db.assignmentMember.findUnique({
          where: {
            assignmentId_personId: { assignmentId: r.campaign.followUpAssignmentId, personId: r.personId },
          },
          select: { dueAt: true, removedAt: true },
        })
      : null,
  ]);
  const v = r.templateVersion;
  const flags = redFlagsOf(v.redFlags);
  return {
    senderName: v.senderName,
    senderAddress: v.senderAddress,
    subject: v.subject,
    pictureHtml: emailPicture(
      v,
      {
        fullName: r.person.fullName,
        email: r.email,
        agency: agency?.name ?? "",
        date: formatDay(r.queuedAt ?? r.scheduledAt),
      },
      flags,
      {
        from: translate(locale, "phishingDrill.teach.from"),
        subject: translate(locale, "phishingDrill.teach.subject"),
      },
    ),
    flags,
    adviceHtml: renderMarkdown(v.lessonMarkdown),
    course: course ? { code: course.code, title: course.title } : null,
    dueAt: member && !member.removedAt ? member.dueAt : null,
  };
}
