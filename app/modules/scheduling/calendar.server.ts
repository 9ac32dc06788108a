// Calendars: the .ics of one offering, and a personal feed behind a secret URL (/calendar/<token>.ics) that a
// calendar app polls without logging in. Only the token's SHA-256 is stored, as for sessions.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { db } from "~/db.server";
import { audit } from "~/modules/audit/audit.server";
import { type IcsEvent, buildCalendar, offeringEvents } from "./ics";
import type { LoadedOffering } from "./access.server";

const TOKEN = /^[a-z2-7]{32}$/;

export function feedTokenHash(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** The .ics text of one offering (all its sessions; cancelled ones say so). */
export function offeringIcs(o: LoadedOffering, now = new Date()): string {
  return buildCalendar({ name: o.title, events: offeringEvents(o, `/offerings/${o.id}`), now });
}

/** Creates the person's feed, or replaces its token (the old URL stops working). Returns the new token once. */
export async function rotateFeedToken(personId: string, actorUserId: string | null): Promise<string> {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  const token = encodeBase32LowerCaseNoPadding(bytes);
  const tokenHash = feedTokenHash(token);
  await db.calendarFeed.upsert({
    where: { personId },
    create: { personId, tokenHash },
    update: { tokenHash, revokedAt: null, createdAt: new Date() },
  });
  await audit({ actorUserId, action: "calendar.rotate", entityType: "Person", entityId: personId });
  return token;
}

export async function revokeFeed(personId: string, actorUserId: string | null): Promise<void> {
  await db.calendarFeed.updateMany({ where: { personId, revokedAt: null }, data: { revokedAt: new Date() } });
  await audit({ actorUserId, action: "calendar.revoke", entityType: "Person", entityId: personId });
}

export async function feedStatus(personId: string) {
  return db.calendarFeed.findUnique({ where: { personId }, select: { createdAt: true, revokedAt: true } });
}

const sessionsInclude = { sessions: { orderBy: { position: "asc" as const } } };

/**
 * The feed behind a token: every session of the person's CONFIRMED registrations and of the offerings they
 * teach (cancelled sessions and offerings stay in, marked cancelled, so calendars remove them). Null when the
 * token is unknown or revoked.
 */
export async function feedIcs(token: string, now = new Date()): Promise<string | null> {
  if (!TOKEN.test(token)) return null;
  const feed = await db.calendarFeed.findUnique({
    where: { tokenHash: feedTokenHash(token) },
    include: { person: { select: { fullName: true, active: true } } },
  });
  if (!feed || feed.revokedAt || !feed.person.active) return null;
  const offerings = await db.classOffering.findMany({
    where: {
      status: { not: "DRAFT" },
      OR: [
        { registrations: { some: { personId: feed.personId, status: "CONFIRMED" } } },
        { instructors: { some: { personId: feed.personId } } },
      ],
    },
    include: sessionsInclude,
    orderBy: { createdAt: "asc" },
  });
  const events: IcsEvent[] = offerings.flatMap((o) => offeringEvents(o, `/offerings/${o.id}`));
  return buildCalendar({ name: `Lịch học ATTT — ${feed.person.fullName}`, events, now });
}

export function icsResponse(text: string, fileName: string): Response {
  return new Response(text, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
