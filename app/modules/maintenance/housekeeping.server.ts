// Housekeeping run by the background scheduler: rows that only ever grow and stop mattering after a while.
// History that counts (memberships, completions, audit, sent emails) is never touched here.
import { db, type Tx } from "~/db.server";

const HOUR = 3_600_000;
/** Import previews nobody applied within a day are dropped (they hold whole files as JSON). */
export const PREVIEW_TTL_MS = 24 * HOUR;
/** Login attempts only matter inside the 15-minute rate-limit window; a day is kept for inspection. */
export const LOGIN_ATTEMPT_TTL_MS = 24 * HOUR;

export type HousekeepingResult = { previews: number; sessions: number; loginAttempts: number };

export async function housekeeping(now: Date = new Date(), client: Tx = db): Promise<HousekeepingResult> {
  const previews = await client.peopleImport.deleteMany({
    where: { status: "PREVIEW", createdAt: { lt: new Date(now.getTime() - PREVIEW_TTL_MS) } },
  });
  const sessions = await client.session.deleteMany({ where: { expiresAt: { lt: now } } });
  const loginAttempts = await client.loginAttempt.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - LOGIN_ATTEMPT_TTL_MS) } },
  });
  return { previews: previews.count, sessions: sessions.count, loginAttempts: loginAttempts.count };
}
