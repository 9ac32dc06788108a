// The learning fixture kinds of the e2e route (test/fixtures/e2e-fixtures-learning.ts) make what the specs
// need, and cleanup removes every row they made: nothing is left behind, nothing else is touched.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { runFixture } from "../fixtures/e2e-fixtures";
import type { LearningAnswers, LearningRequest } from "../fixtures/e2e-fixtures-learning";
import { makeCourseVersion } from "../fixtures/courses";
import { makeAgency, makePlan } from "../fixtures/factories";

const counts = async () => ({
  agencies: await db.agency.count(),
  people: await db.person.count(),
  users: await db.user.count(),
  assignments: await db.assignment.count(),
  members: await db.assignmentMember.count(),
  offerings: await db.classOffering.count(),
  registrations: await db.registration.count(),
  completions: await db.completion.count(),
  certificates: await db.certificate.count(),
  enrollments: await db.enrollment.count(),
  attempts: await db.quizAttempt.count(),
  snapshots: await db.snapshot.count(),
});

beforeAll(async () => {
  const province = await makeAgency({ code: "20", name: "UBND tỉnh Thử nghiệm", kind: "PROVINCE" });
  await makeCourseVersion({ code: "attt-co-ban", title: "An toàn thông tin cơ bản" });
  await makeCourseVersion({ code: "attt-lanh-dao", topics: ["attt-lanh-dao"], title: "Người đứng đầu" });
  const plan = await makePlan({ agencyId: province.id, active: true });
  await db.target.create({
    data: {
      planId: plan.id,
      code: "ATTT-CB",
      title: "100% CBCCVC",
      position: 1,
      topics: ["attt-co-ban"],
      staffCategories: ["CONG_CHUC"],
      targetPercent: 100,
      deadline: new Date("2026-12-31T16:59:59Z"),
    },
  });
});

describe("e2e learning fixtures", () => {
  it("make an agency's world and remove all of it", async () => {
    const before = await counts();
    const made: Record<string, string[]> = { userIds: [], personIds: [], agencyIds: [] };
    const run = async <R extends LearningRequest>(input: R) => {
      const a = (await runFixture(input as Parameters<typeof runFixture>[0])) as LearningAnswers[R["kind"]];
      for (const [list, ids] of Object.entries(a.made)) made[list] = [...ids, ...(made[list] ?? [])];
      return a;
    };
    const account = (await runFixture({ kind: "account", role: "COORDINATOR", session: true })) as {
      userId: string;
      personId: string;
      agency: { id: string };
    };
    made.userIds!.push(account.userId);
    made.personIds!.push(account.personId);
    made.agencyIds!.push(account.agency.id);

    const unit = await run({
      kind: "agency",
      parentId: account.agency.id,
      agencyKind: "UNIT",
    });
    const { people } = await run({
      kind: "people",
      agencyId: unit.id,
      count: 3,
      itRole: "FULL_TIME",
      sinceDaysAgo: 30,
      namePrefix: "Cán bộ",
    });
    expect(people).toHaveLength(3);
    const { count } = await run({
      kind: "assignment",
      courseCode: "attt-co-ban",
      agencyId: account.agency.id,
      createdById: account.userId,
      dueInDays: -5,
      assignedDaysAgo: 20,
    });
    expect(count).toBe(4);
    await run({
      kind: "completion",
      personId: people[0]!.personId,
      topic: "attt-co-ban",
      source: "IMPORTED",
      completedDaysAgo: 10,
    });
    await run({
      kind: "offering",
      organiserAgencyId: account.agency.id,
      offeringKind: "CLASS",
      capacity: 10,
      confirmedIds: people.map((p) => p.personId),
    });
    await run({ kind: "training-record", personId: people[1]!.personId });
    await run({ kind: "snapshot", asOfDaysAgo: 5 });

    const during = await counts();
    expect(during.assignments - before.assignments).toBe(1);
    expect(during.offerings - before.offerings).toBe(2); // the class and the record's drill
    expect(during.registrations - before.registrations).toBe(4);
    expect(during.completions - before.completions).toBe(3);
    expect(during.certificates - before.certificates).toBe(1);
    expect(during.attempts - before.attempts).toBe(2);
    expect(during.snapshots - before.snapshots).toBe(1);

    const cleanup = await runFixture({
      kind: "cleanup",
      worlds: [],
      userIds: made.userIds!,
      personIds: made.personIds!,
      agencyIds: made.agencyIds!,
      assignmentIds: made.assignmentIds ?? [],
      offeringIds: made.offeringIds ?? [],
      completionIds: made.completionIds ?? [],
      enrollmentIds: made.enrollmentIds ?? [],
      snapshotIds: made.snapshotIds ?? [],
    });
    expect(cleanup).toEqual({ left: 0 });
    expect(await counts()).toEqual(before);
  });
});
