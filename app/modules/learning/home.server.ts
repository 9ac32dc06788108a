// The learner's home page (/learn): their assignments, the courses they started, what fits them next, and
// their own profile. Only the caller's records: the person id comes from the session, never the request.
// The person and their enrollments are read once and shared by the sections; only what the page shows is
// sent to it.
import { listMyAssignments } from "~/modules/assignments/assignments.server";
import { DomainError } from "~/utils/errors";
import { catalogOf, myLearning } from "./enrollment.server";
import { readLearnerHome } from "./reads.server";
import { recertifyNotices } from "./recertify.server";

export async function getLearnerHome(actor: { personId: string | null; fullName: string }) {
  if (!actor.personId)
    return { name: actor.fullName, person: null, courses: [], recommended: [], assigned: [], recertify: [] };
  const personId = actor.personId;
  // One query for the person, their enrollments and the catalog's courses (reads.server.ts).
  const [read, assigned, recertify] = await Promise.all([
    readLearnerHome(personId),
    listMyAssignments(personId),
    recertifyNotices(personId),
  ]);
  if (!read?.person.active) throw new DomainError("learning.learnerNotFound", { status: 404 });
  const { person } = read;
  const [mine, catalog] = await Promise.all([
    myLearning(read.enrollments),
    catalogOf(person, read.catalog, read.enrollments),
  ]);
  return {
    name: actor.fullName,
    person: {
      position: person.position,
      staffCategory: person.staffCategory,
      itRole: person.itRole,
      agency: person.agency,
    },
    courses: mine.map(({ courseId: _id, startedAt: _startedAt, ...c }) => c),
    recommended: catalog
      .filter((c) => c.fits && !c.started)
      .map((c) => ({ code: c.code, title: c.title, summary: c.summary })),
    assigned,
    /** Courses whose material new version supersedes this person's pass (decision 012). */
    recertify,
  };
}
