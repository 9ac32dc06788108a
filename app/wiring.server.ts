// The composition place: modules that follow another module's events are attached here, once, so the module
// that emits knows nothing of its followers. Loaded by app/entry.server.tsx (the server build), by
// test/integration/setup.ts and by the scripts that change people.
import { refreshStandingAssignments } from "~/modules/assignments/audience.server";
import { followPeopleChanges } from "~/modules/events/people-changed.server";

// Standing assignments reach a new hire, a moved or re-classified person at once, in the same transaction.
followPeopleChanges("standing-assignments", ({ personIds, tx }) =>
  refreshStandingAssignments({ personIds, client: tx }),
);
