// Writes an import plan inside the caller's transaction, set-based: each chunk of people is one JSON
// parameter expanded by jsonb_to_recordset, so 30,000 rows are a dozen statements, not 30,000. (Prisma's
// createMany binds every field as its own parameter and was ~4x slower at this size.)
import { randomUUID } from "node:crypto";
import type { Tx } from "~/db.server";
import type { PlannedPerson, PlannedUpdate } from "./import-plan.server";
import { derivedPersonFields } from "~/domain/people";
import { MEMBERSHIP_REASON } from "./people.server";

const CHUNK = 5_000;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function personColumns(p: PlannedPerson) {
  return {
    fullName: p.fullName,
    email: p.email,
    agencyId: p.agencyId,
    staffCategory: p.staffCategory,
    position: p.position,
    isHeadOfUnit: p.isHeadOfUnit,
    itRole: p.itRole,
    tags: p.tags,
    staffCode: p.staffCode,
    ...derivedPersonFields(p),
  };
}

/** Opens a membership row per person at the given agency (ids made here: Prisma, not the DB, defaults them). */
async function openMemberships(tx: Tx, rows: { personId: string; agencyId: string }[], now: Date) {
  for (const part of chunks(rows)) {
    const json = JSON.stringify(part.map((m) => ({ id: randomUUID(), ...m })));
    await tx.$executeRaw`
      INSERT INTO "Membership" (id, "personId", "agencyId", "startedAt", reason)
      SELECT v.id, v."personId", v."agencyId", ${now}, ${MEMBERSHIP_REASON.imported}
      FROM jsonb_to_recordset(${json}::jsonb) AS v(id uuid, "personId" uuid, "agencyId" uuid)`;
  }
}

export async function writeCreates(tx: Tx, creates: PlannedPerson[], now: Date): Promise<void> {
  // Ids are made here so memberships can be written without reading the new people back.
  const withIds = creates.map((p) => ({ id: randomUUID(), ...personColumns(p) }));
  for (const part of chunks(withIds)) {
    await tx.$executeRaw`
      INSERT INTO "Person" (id, "fullName", email, "agencyId", "staffCategory", position, "isHeadOfUnit", "itRole",
                            tags, "staffCode", active, "searchText", "sortKey", "createdAt", "updatedAt")
      SELECT v.id, v."fullName", v.email, v."agencyId", v."staffCategory"::"StaffCategory", v.position, v."isHeadOfUnit",
             v."itRole"::"ItRole", v.tags, v."staffCode", TRUE, v."searchText", v."sortKey", ${now}, ${now}
      FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb) AS v(
        id uuid, "fullName" text, email text, "agencyId" uuid, "staffCategory" text, position text, "isHeadOfUnit" boolean,
        "itRole" text, tags text[], "staffCode" text, "searchText" text, "sortKey" text)`;
  }
  await openMemberships(
    tx,
    withIds.map((p) => ({ personId: p.id, agencyId: p.agencyId })),
    now,
  );
}

export async function writeUpdates(tx: Tx, updates: PlannedUpdate[], now: Date): Promise<void> {
  for (const part of chunks(updates)) {
    const json = JSON.stringify(part.map((u) => ({ id: u.id, ...personColumns(u) })));
    await tx.$executeRaw`
      UPDATE "Person" AS p SET
        "fullName" = v."fullName", "agencyId" = v."agencyId", "staffCategory" = v."staffCategory"::"StaffCategory",
        position = v.position, "isHeadOfUnit" = v."isHeadOfUnit", "itRole" = v."itRole"::"ItRole", tags = v.tags,
        "staffCode" = v."staffCode",
        "searchText" = v."searchText", "sortKey" = v."sortKey", "updatedAt" = ${now}
      FROM jsonb_to_recordset(${json}::jsonb) AS v(
        id uuid, "fullName" text, "agencyId" uuid, "staffCategory" text, position text, "isHeadOfUnit" boolean,
        "itRole" text, tags text[], "staffCode" text, "searchText" text, "sortKey" text)
      WHERE p.id = v.id`;
  }
  // People who changed agency: close their open membership and open one at the new agency, same instant.
  const moved = updates.filter((u) => u.agencyId !== u.previousAgencyId);
  for (const part of chunks(moved)) {
    const ids = part.map((u) => u.id);
    await tx.$executeRaw`
      UPDATE "Membership" SET "endedAt" = ${now} WHERE "personId" = ANY(${ids}::uuid[]) AND "endedAt" IS NULL`;
  }
  await openMemberships(
    tx,
    moved.map((u) => ({ personId: u.id, agencyId: u.agencyId })),
    now,
  );
}
