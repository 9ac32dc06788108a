// The person page (people.$personId): the person within the viewer's scope, their training record and
// agency history, and — for those who manage the person's agency — the agencies the edit form offers.
import { listAgencyOptions } from "~/modules/agencies/agencies.server";
import { indentedAgencyOptions } from "~/modules/agencies/options";
import { type Actor, inScope, manageScope, type Scope } from "~/modules/auth/scope";
import { getPerson, membershipHistory } from "~/modules/people/people.server";
import { trainingRecord } from "./training-record.server";

/** Throws the people module's 404 DomainError when the person is not in `scope`. */
export async function personPage(actor: Actor, scope: Scope, personId: string) {
  const person = await getPerson(scope, personId);
  // Reviewers read the record too; only those who manage the person's agency see the edit form.
  const canManage = inScope(manageScope(actor), person.agency.path);
  const [agencies, history, record] = await Promise.all([
    canManage ? listAgencyOptions(manageScope(actor)) : Promise.resolve([]),
    membershipHistory(person.id),
    trainingRecord(person),
  ]);
  return {
    person: {
      id: person.id,
      fullName: person.fullName,
      email: person.email,
      agencyId: person.agencyId,
      staffCategory: person.staffCategory,
      position: person.position,
      isHeadOfUnit: person.isHeadOfUnit,
      itRole: person.itRole,
      tags: person.tags,
      staffCode: person.staffCode,
      active: person.active,
    },
    agencies: indentedAgencyOptions(agencies),
    history,
    record,
    canManage,
  };
}
