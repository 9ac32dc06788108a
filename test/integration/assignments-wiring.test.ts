// Standing assignments follow people through the ordinary people service, import and agency merge,
// without anyone calling the refresh by hand.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { mergeAgencies } from "~/modules/agencies/agencies.server";
import { createAssignment } from "~/modules/assignments/assignments.server";
import { createPerson, updatePerson } from "~/modules/people/people.server";
import { makeCourseVersion } from "../fixtures/courses";
import { buildWorld, makeAgency } from "./helpers/world";

let w: Awaited<ReturnType<typeof buildWorld>>;
let assignmentId: string;
const members = async () =>
  db.assignmentMember.findMany({ where: { assignmentId }, select: { personId: true, removedAt: true } });

beforeAll(async () => {
  w = await buildWorld();
  const fx = await makeCourseVersion({ topics: ["attt-chuyen-sau"] });
  const created = await createAssignment(
    [w.a.path],
    {
      courseId: fx.course.id,
      agencyId: w.a.id,
      includeSubagencies: true,
      itRoles: ["FULL_TIME", "PART_TIME"],
      dueDays: 30,
      standing: true,
    },
    w.coordA.user.id,
  );
  assignmentId = created.id;
  expect(created.count).toBe(0);
});

const base = {
  staffCategory: "CONG_CHUC" as const,
  position: "Chuyên viên",
  isHeadOfUnit: false,
  tags: [] as string[],
};

describe("standing assignments are kept true by ordinary writes", () => {
  it("a new hire who matches gets it, with a due date relative to joining", async () => {
    const p = await createPerson(
      "ALL",
      { ...base, fullName: "Hà Văn Mới", email: "moi@a.vn", agencyId: w.a1.id, itRole: "FULL_TIME" },
      null,
    );
    const m = await db.assignmentMember.findUniqueOrThrow({
      where: { assignmentId_personId: { assignmentId, personId: p.id } },
    });
    const days = (m.dueAt.getTime() - m.assignedAt.getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThan(31);
  });

  it("moving someone in and making them IT staff adds them; moving them out keeps the row as history", async () => {
    const p = w.personB;
    await updatePerson(
      "ALL",
      p.id,
      { ...base, fullName: p.fullName, email: p.email, agencyId: w.a.id, itRole: "PART_TIME" },
      null,
    );
    expect((await members()).find((m) => m.personId === p.id)?.removedAt).toBeNull();
    await updatePerson(
      "ALL",
      p.id,
      { ...base, fullName: p.fullName, email: p.email, agencyId: w.b.id, itRole: "PART_TIME" },
      null,
    );
    expect((await members()).find((m) => m.personId === p.id)?.removedAt).toBeInstanceOf(Date);
  });

  it("people of an agency merged into A join A's standing assignment", async () => {
    const c = await makeAgency({ code: "C", name: "Sở cũ sáp nhập", parent: w.province });
    const p = await createPerson(
      "ALL",
      { ...base, fullName: "Lò Văn Sáp", email: "sap@c.vn", agencyId: c.id, itRole: "FULL_TIME" },
      null,
    );
    expect((await members()).some((m) => m.personId === p.id)).toBe(false);
    await mergeAgencies(c.id, w.a.id, null);
    expect((await members()).find((m) => m.personId === p.id)?.removedAt).toBeNull();
  });
});
