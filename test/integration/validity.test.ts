// Certificate validity is one rule whatever the source (issue 10, defect 4): a quiz passed and a class
// finished at the same instant — 02:00 on 31/01 in Hà Nội, which is still 30/01 in UTC — are valid until the
// same moment, 28/02 02:00 Vietnam time. (The class used UTC arithmetic and gave 01/03.)
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "~/db.server";
import type { AttemptItem } from "~/modules/learning/grading";
import { startAttempt, submitAttempt } from "~/modules/learning/quiz.server";
import { markAttendance } from "~/modules/scheduling/attendance.server";
import { nominate } from "~/modules/scheduling/seats.server";
import { formatDateTime } from "~/utils/format";
import { answerSheet, makeCourseVersion } from "../fixtures/courses";
import { makeAgencyTree } from "../fixtures/factories";
import { coordinatorOf, itSpecialist, makeOffering } from "./helpers/scheduling-world";

const INSTANT = new Date("2026-01-30T19:00:00.000Z"); // 31/01/2026 02:00 in Hà Nội

let tree: Awaited<ReturnType<typeof makeAgencyTree>>;
beforeAll(async () => {
  tree = await makeAgencyTree("VAL");
});
afterEach(() => {
  vi.useRealTimers();
});

describe("validUntil of a completion", () => {
  it("is the same for a quiz and a class completed at 02:00 on 31/01 (Vietnam): 28/02 02:00", async () => {
    // Quiz: graded "now", so the clock is set to the instant (Date only; timers and I/O run normally).
    const f = await makeCourseVersion({ validityMonths: 1, questionCount: 3, bankSize: 3 });
    const learner = await itSpecialist(tree.a.id, "Học Viên Trắc Nghiệm");
    vi.useFakeTimers({ toFake: ["Date"], now: INSTANT });
    const { attemptId } = await startAttempt(learner.id, f.course.id);
    const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    await submitAttempt(
      learner.id,
      attemptId,
      answerSheet(attempt.items as unknown as AttemptItem[], f.questions),
    );
    vi.useRealTimers();
    const quiz = await db.completion.findUniqueOrThrow({ where: { attemptId } });

    // Class: its completion dates from the end of the last session, 02:00 on 31/01 in Hà Nội.
    const coord = coordinatorOf(tree.a);
    const o = await makeOffering(coord, tree.a.id, [["2026-01-31T00:30", "2026-01-31T02:00"]], {
      kind: "CLASS",
      validityMonths: 1,
    });
    const [session] = await db.classSession.findMany({ where: { offeringId: o.id } });
    const trainee = await itSpecialist(tree.a.id, "Học Viên Lớp Học");
    const r = await nominate(coord, o.id, trainee.id);
    await markAttendance(coord, o.id, session!.id, [{ registrationId: r.registrationId, present: true }]);
    const klass = await db.completion.findFirstOrThrow({ where: { personId: trainee.id } });

    expect(quiz.completedAt.toISOString()).toBe(INSTANT.toISOString());
    expect(klass.completedAt.toISOString()).toBe(INSTANT.toISOString());
    expect(klass.source).toBe("CLASS");
    expect(formatDateTime(quiz.validUntil)).toBe("28/02/2026 02:00");
    expect(formatDateTime(klass.validUntil)).toBe("28/02/2026 02:00");
    expect(klass.validUntil?.toISOString()).toBe(quiz.validUntil?.toISOString());
  });
});
