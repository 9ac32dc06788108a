// One order of people everywhere (issue 10, defect 11): Vietnamese lists sort by given name, then full name.
// "Trần Văn An", "Nguyễn Thị Bình", "Lê Văn Anh" → An, Anh, Bình — in the people list, the assignment
// progress (and its exports), the offering roster (and its exports) and the sign-in sheet. The progress,
// roster and sheet used to sort by the full name, i.e. by family name: Lê, Nguyễn, Trần.
import { beforeAll, describe, expect, it } from "vitest";
import { assignmentProgress, createAssignment } from "~/modules/assignments/assignments.server";
import { listPeople } from "~/modules/people/list.server";
import { rosterExport } from "~/modules/scheduling/roster.server";
import { nominate } from "~/modules/scheduling/seats.server";
import { rosterFor } from "~/modules/scheduling/views.server";
import { loader as signInLoader } from "~/routes/offerings.$offeringId.sign-in";
import { makeCourseVersion } from "../fixtures/courses";
import { makeAgencyTree } from "../fixtures/factories";
import { coordinatorOf, itSpecialist, makeOffering } from "./helpers/scheduling-world";
import { call, get, signedInAccount } from "./helpers/world";

const EXPECTED = ["Trần Văn An", "Lê Văn Anh", "Nguyễn Thị Bình"];

let tree: Awaited<ReturnType<typeof makeAgencyTree>>;
beforeAll(async () => {
  tree = await makeAgencyTree("ORD");
  for (const name of ["Trần Văn An", "Nguyễn Thị Bình", "Lê Văn Anh"]) await itSpecialist(tree.a1.id, name);
});

describe("people are listed in one order", () => {
  it("people list, assignment progress, roster, exports and sign-in sheet: An, Anh, Bình", async () => {
    const people = await listPeople({ scope: "ALL", agencyId: tree.a1.id, includeSubagencies: false });
    expect(people.rows.map((r) => r.fullName)).toEqual(EXPECTED);

    const account = await signedInAccount({
      email: "coord-ord@test.vn",
      grants: [{ role: "COORDINATOR", agencyId: tree.a.id }],
    });
    const f = await makeCourseVersion();
    const assignment = await createAssignment(
      "ALL",
      { courseId: f.course.id, agencyId: tree.a1.id, includeSubagencies: false, dueAt: "31/12/2030" },
      account.user.id,
    );
    const progress = await assignmentProgress("ALL", assignment.id, {});
    expect(progress.rows.map((r) => r.fullName)).toEqual(EXPECTED);
    // A page of two keeps the order across pages.
    const page2 = await assignmentProgress("ALL", assignment.id, { page: 2, pageSize: 2 });
    expect(page2.rows.map((r) => r.fullName)).toEqual(EXPECTED.slice(2));

    const coord = coordinatorOf(tree.a);
    const o = await makeOffering(coord, tree.a.id, [["2030-10-05T08:00", "2030-10-05T11:30"]]);
    for (const p of people.rows) await nominate(coord, o.id, p.id);
    const roster = await rosterFor(coord, o.id);
    expect(roster.rows.map((r) => r.person.fullName)).toEqual(EXPECTED);
    const exported = await rosterExport(coord, o.id);
    expect(exported.rows.map((r) => r[1])).toEqual(EXPECTED);

    const sheet = await call(signInLoader, get(`/offerings/${o.id}/sign-in`, account.cookie), {
      offeringId: o.id,
    });
    expect(sheet.status).toBe(200);
    expect((sheet.data as { people: { fullName: string }[] }).people.map((p) => p.fullName)).toEqual(
      EXPECTED,
    );
  });
});
