// People (CBCCVC): read and change one person, always inside the caller's scope. Lists live in list.server.ts.
import { db, type Tx } from "~/db.server";
import type { Agency, Person, Prisma } from "~/generated/prisma/client";
import { audit } from "~/modules/audit/audit.server";
import { inScope, personWhere, type Scope } from "~/modules/auth/scope";
import { endAccessForPeople } from "~/modules/auth/sessions.server";
import { peopleChanged } from "~/modules/events/people-changed.server";
import { DomainError } from "~/utils/errors";
import { derivedPersonFields, personInputSchema, type PersonData, type PersonInput } from "~/domain/people";
import { isUuid } from "~/utils/uuid";

export { listPeople, type ListPeopleInput, type PeopleSort, type PersonListRow } from "./list.server";
export { personInputSchema, type PersonData, type PersonInput } from "~/domain/people";

export type PersonWithAgency = Person & { agency: Agency };

const NOT_FOUND = "people.notFound";
const EMAIL_TAKEN = "people.emailTaken";
const STAFF_CODE_TAKEN = "people.staffCodeTaken";

/** Membership.reason values written here (agency merges write "MERGED"). */
export const MEMBERSHIP_REASON = { created: "CREATED", moved: "MOVED", imported: "IMPORTED" } as const;

/** A person outside the scope is "not found", exactly like a missing one, so ids reveal nothing. */
export async function getPerson(
  scope: Scope,
  id: string,
  client: typeof db | Tx = db,
): Promise<PersonWithAgency> {
  const person = isUuid(id)
    ? await client.person.findFirst({ where: { id, ...personWhere(scope) }, include: { agency: true } })
    : null;
  if (!person) throw new DomainError(NOT_FOUND, { status: 404 });
  return person;
}

function parseInput(input: PersonInput): PersonData {
  const parsed = personInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw DomainError.fromIssue(issue, { field: issue.path.join(".") || undefined });
}

/** The agency a person is being put into: it must exist, be live, and lie inside the caller's scope. */
async function targetAgency(tx: Tx, scope: Scope, agencyId: string): Promise<Agency> {
  const agency = await tx.agency.findUnique({ where: { id: agencyId } });
  if (!agency) throw new DomainError("people.agencyNotFound", { field: "agencyId" });
  if (!inScope(scope, agency.path))
    throw new DomainError("people.agencyForbidden", { status: 403, field: "agencyId" });
  if (!agency.active) throw new DomainError("people.agencyInactive", { field: "agencyId" });
  return agency;
}

async function assertEmailFree(tx: Tx, email: string, exceptId?: string) {
  const other = await tx.person.findUnique({ where: { email }, select: { id: true } });
  // Same answer whoever holds the email, so the form does not reveal people outside the scope.
  if (other && other.id !== exceptId)
    throw new DomainError(EMAIL_TAKEN, { params: { email }, field: "email" });
}

async function assertStaffCodeFree(tx: Tx, staffCode: string | null | undefined, exceptId?: string) {
  if (!staffCode) return;
  const other = await tx.person.findUnique({ where: { staffCode }, select: { id: true } });
  if (other && other.id !== exceptId)
    throw new DomainError(STAFF_CODE_TAKEN, { params: { code: staffCode }, field: "staffCode" });
}

/** A unique race lost between the check and the write reads as the same field error. */
function uniqueViolation(error: unknown, staffCode?: string | null): never {
  if ((error as { code?: string }).code === "P2002") {
    if (/staffCode/.test(JSON.stringify((error as { meta?: unknown }).meta ?? "") + String(error)))
      throw new DomainError(STAFF_CODE_TAKEN, { params: { code: staffCode ?? "" }, field: "staffCode" });
    throw new DomainError(EMAIL_TAKEN, { field: "email" });
  }
  throw error;
}

/** A person write: the input checked, one transaction, a taken email or staff code as its field error. */
function writePerson(input: PersonInput, write: (tx: Tx, data: PersonData) => Promise<Person>) {
  const data = parseInput(input);
  return db.$transaction((tx) => write(tx, data)).catch((e) => uniqueViolation(e, data.staffCode));
}

export async function createPerson(
  scope: Scope,
  input: PersonInput,
  actorUserId: string | null,
): Promise<Person> {
  return writePerson(input, async (tx, data) => {
    const agency = await targetAgency(tx, scope, data.agencyId);
    await assertEmailFree(tx, data.email);
    await assertStaffCodeFree(tx, data.staffCode);
    const person = await tx.person.create({
      data: {
        ...data,
        ...derivedPersonFields(data),
        memberships: { create: { agencyId: agency.id, reason: MEMBERSHIP_REASON.created } },
      },
    });
    // Standing assignments reach a new hire at once.
    await peopleChanged({ personIds: [person.id], tx });
    await audit(
      {
        actorUserId,
        action: "person.create",
        entityType: "Person",
        entityId: person.id,
        agencyId: agency.id,
        data: { ...data },
      },
      tx,
    );
    return person;
  });
}

const TRACKED = [
  "fullName",
  "email",
  "agencyId",
  "staffCategory",
  "position",
  "isHeadOfUnit",
  "itRole",
  "tags",
  "staffCode",
] as const;

/** Field → [before, after] for the audit log; empty when nothing changed. */
export function personChanges(before: Pick<Person, (typeof TRACKED)[number]>, after: PersonData) {
  const changes: Record<string, [Prisma.InputJsonValue, Prisma.InputJsonValue]> = {};
  for (const key of TRACKED) {
    const a = before[key];
    const b = after[key];
    if (b === undefined) continue; // an optional field the caller did not send is unchanged
    const same =
      Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b;
    if (!same) changes[key] = [a ?? null, b ?? null] as [Prisma.InputJsonValue, Prisma.InputJsonValue];
  }
  return changes;
}

export async function updatePerson(
  scope: Scope,
  id: string,
  input: PersonInput,
  actorUserId: string | null,
): Promise<Person> {
  return writePerson(input, async (tx, data) => {
    // Order matters: a person outside the scope is a 404 before anything is said about the target agency.
    const before = await getPerson(scope, id, tx);
    const changes = personChanges(before, data);
    if (Object.keys(changes).length === 0) return before;
    if (changes.agencyId) await targetAgency(tx, scope, data.agencyId);
    if (changes.email) await assertEmailFree(tx, data.email, id);
    if (changes.staffCode) await assertStaffCodeFree(tx, data.staffCode, id);
    const person = await tx.person.update({
      where: { id },
      data: { ...data, ...derivedPersonFields(data) },
    });
    if (changes.agencyId) await moveMembership(tx, [id], data.agencyId, MEMBERSHIP_REASON.moved);
    // A new agency, category, IT role or tags may put the person into (or out of) standing assignments.
    await peopleChanged({ personIds: [id], tx });
    await audit(
      {
        actorUserId,
        action: "person.update",
        entityType: "Person",
        entityId: id,
        agencyId: data.agencyId,
        data: { changes },
      },
      tx,
    );
    return person;
  });
}

/** Closes the open membership rows of these people and opens one at their new agency, at one instant. */
export async function moveMembership(
  tx: Tx,
  personIds: string[],
  agencyId: string,
  reason: string,
  now = new Date(),
) {
  if (!personIds.length) return;
  await tx.membership.updateMany({
    where: { personId: { in: personIds }, endedAt: null },
    data: { endedAt: now },
  });
  await tx.membership.createMany({
    data: personIds.map((personId) => ({ personId, agencyId, startedAt: now, reason })),
  });
}

export async function setPersonActive(
  scope: Scope,
  id: string,
  active: boolean,
  actorUserId: string | null,
): Promise<Person> {
  return db.$transaction(async (tx) => {
    const before = await getPerson(scope, id, tx);
    if (before.active === active) return before;
    const person = await tx.person.update({ where: { id }, data: { active } });
    // Deactivation takes effect at once: the account's sessions end and its emailed links stop working.
    const ended = active ? null : await endAccessForPeople(tx, [id]);
    await audit(
      {
        actorUserId,
        action: active ? "person.reactivate" : "person.deactivate",
        entityType: "Person",
        entityId: id,
        agencyId: person.agencyId,
        ...(ended ? { data: ended } : {}),
      },
      tx,
    );
    return person;
  });
}

/** Where the person has worked, newest first (the person page's history). */
export function membershipHistory(personId: string) {
  return db.membership.findMany({
    where: { personId },
    orderBy: { startedAt: "desc" },
    select: {
      id: true,
      startedAt: true,
      endedAt: true,
      reason: true,
      agency: { select: { name: true, code: true } },
    },
  });
}
