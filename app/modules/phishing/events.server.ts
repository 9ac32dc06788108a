// Drill events on a recipient: each is a timestamp set once. The UPDATE's `IS NULL` test runs under the
// row lock, so of 1,000 simultaneous clicks of one link exactly one sets clickedAt; the others change
// nothing and are told so. Links stop recording once the campaign's linksExpireAt has passed.
import { db, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";

export type DrillEvent = "delivered" | "opened" | "clicked" | "submitted" | "reported";

const COLUMN: Record<DrillEvent, Prisma.Sql> = {
  delivered: Prisma.raw(`"deliveredAt"`),
  opened: Prisma.raw(`"openedAt"`),
  clicked: Prisma.raw(`"clickedAt"`),
  submitted: Prisma.raw(`"submittedAt"`),
  reported: Prisma.raw(`"reportedAt"`),
};

/**
 * Records `event` for a recipient if it was not recorded before and the campaign's links have not
 * expired (reports are accepted after expiry: a late report is still a report). True when this call
 * recorded it. A click also implies nothing else; the caller decides (a submit implies a click).
 */
export async function markEvent(
  recipientId: string,
  event: DrillEvent,
  at: Date,
  client: typeof db | Tx = db,
): Promise<boolean> {
  const col = COLUMN[event];
  const live = event === "reported" ? Prisma.sql`TRUE` : Prisma.sql`c."linksExpireAt" > ${at}::timestamptz`;
  const n = await client.$executeRaw`
    UPDATE "PhishingRecipient" r SET ${col} = ${at}::timestamptz
    FROM "PhishingCampaign" c
    WHERE r.id = ${recipientId}::uuid AND c.id = r."campaignId" AND r.${col} IS NULL AND ${live}`;
  return n === 1;
}
