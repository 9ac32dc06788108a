// The learner's home page (/learn): their assignments, the courses they started, what fits them next, and
// their own profile. Only the caller's records: the person id comes from the session, never the request.
import { db } from "~/db.server";
import { listMyAssignments } from "~/modules/assignments/assignments.server";
import { getMyLearning, listCatalog } from "./enrollment.server";
import { recertifyNotices } from "./recertify.server";

export async function getLearnerHome(actor: { personId: string | null; fullName: string }) {
  if (!actor.personId)
    return { name: actor.fullName, person: null, courses: [], recommended: [], assigned: [], recertify: [] };
  const [person, courses, catalog, assigned, recertify] = await Promise.all([
    db.person.findUnique({
      where: { id: actor.personId },
      select: {
        position: true,
        staffCategory: true,
        itRole: true,
        isHeadOfUnit: true,
        agency: { select: { name: true } },
      },
    }),
    getMyLearning(actor.personId),
    listCatalog(actor.personId),
    listMyAssignments(actor.personId),
    recertifyNotices(actor.personId),
  ]);
  return {
    name: actor.fullName,
    person,
    courses,
    recommended: catalog.filter((c) => c.fits && !c.started),
    assigned,
    /** Courses whose material new version supersedes this person's pass (decision 012). */
    recertify,
  };
}
