// Demo assignments in Sở Khoa học và Công nghệ's units (some overdue, some due soon) and one staff member
// with a full training record (assignments, completions, a certificate, attempts, a drill), so the
// coordinator's "Quá hạn" list and the person page have something to show.
// Idempotent: assignments are found by title, the demo person by email; a rerun adds nothing.
import { db, LONG_TX } from "../app/db.server.ts";
import { createAssignment } from "../app/modules/assignments/assignments.server.ts";
import { issueCertificate } from "../app/modules/learning/grade.server.ts";
import { upsertPerson } from "../test/fixtures/factories.ts";

const DAY = 86_400_000;
export const RECORD_DEMO_EMAIL = "dinh.thihongnhung.cntt@langson.gov.vn";

const ASSIGNMENTS = [
  { title: "Đợt mẫu: ATTT cơ bản 2026", course: "attt-co-ban", agency: "20.SKHCN.CNTT", dueInDays: -20 },
  {
    title: "Đợt mẫu: Kỹ năng số 2026",
    course: "ky-nang-so-co-ban",
    agency: "20.SKHCN.TTCNTT",
    dueInDays: -9,
  },
  { title: "Đợt mẫu: Phân tích dữ liệu", course: "phan-tich-du-lieu", agency: "20.SKHCN.CNTT", dueInDays: 4 },
] as const;

async function recordDemoPerson() {
  const agency = await db.agency.findUniqueOrThrow({ where: { code: "20.SKHCN.CNTT" } });
  return upsertPerson({ email: RECORD_DEMO_EMAIL, fullName: "Đinh Thị Hồng Nhung", agencyId: agency.id });
}

/** Past learning for one person: a failed then a passed quiz with its certificate, an old (expired) import and a
 * pending drill seat (in `drillId`, else the first drill). Used by the seed for the demo person and by the e2e
 * fixtures (test/fixtures/e2e-fixtures-learning.ts) for a test's own person; returns what it wrote. */
export async function seedRecord(personId: string, agencyId: string, now: Date, drillId?: string) {
  const course = await db.course.findUniqueOrThrow({ where: { code: "attt-lanh-dao" } });
  const versionId = course.currentVersionId!;
  const version = await db.courseVersion.findUniqueOrThrow({ where: { id: versionId } });
  if (await db.enrollment.findUnique({ where: { personId_courseId: { personId, courseId: course.id } } }))
    return null;
  const done = new Date(now.getTime() - 45 * DAY);
  const written = await db.$transaction(async (tx) => {
    const enrollment = await tx.enrollment.create({
      data: {
        personId,
        versionId,
        courseId: course.id,
        startedAt: new Date(done.getTime() - 2 * DAY),
        completedAt: done,
      },
    });
    await tx.quizAttempt.create({
      data: {
        enrollmentId: enrollment.id,
        personId,
        versionId,
        number: 1,
        items: [],
        status: "GRADED",
        startedAt: new Date(done.getTime() - DAY),
        submittedAt: new Date(done.getTime() - DAY + 900_000),
        score: 60,
        correctCount: 6,
        passed: false,
      },
    });
    const passed = await tx.quizAttempt.create({
      data: {
        enrollmentId: enrollment.id,
        personId,
        versionId,
        number: 2,
        items: [],
        status: "GRADED",
        startedAt: new Date(done.getTime() - 900_000),
        submittedAt: done,
        score: 90,
        correctCount: 9,
        passed: true,
      },
    });
    const validUntil = new Date(done);
    validUntil.setUTCMonth(validUntil.getUTCMonth() + version.validityMonths);
    const online = await tx.completion.create({
      data: {
        personId,
        courseId: course.id,
        versionId,
        topics: course.topics,
        source: "ONLINE",
        completedAt: done,
        validUntil,
        attemptId: passed.id,
        score: 90,
      },
    });
    const imported = await tx.completion.create({
      data: {
        personId,
        topics: ["attt-co-ban"],
        source: "IMPORTED",
        completedAt: new Date("2023-11-20T03:00:00Z"),
        validUntil: new Date("2025-11-20T03:00:00Z"),
        externalRef: "HS-2023-0457",
        note: "Chứng chỉ bồi dưỡng ATTT cơ bản (Sở TT&TT, 2023)",
      },
    });
    return { enrollmentId: enrollment.id, completionIds: [online.id, imported.id] };
  }, LONG_TX);
  await issueCertificate(db, written.completionIds[0]!, done);
  const drill = drillId
    ? { id: drillId }
    : await db.classOffering.findFirst({ where: { kind: "DRILL" }, orderBy: { createdAt: "asc" } });
  if (drill)
    await db.registration.upsert({
      where: { offeringId_personId: { offeringId: drill.id, personId } },
      update: {},
      create: { offeringId: drill.id, personId, agencyId, status: "PENDING_APPROVAL", source: "SELF" },
    });
  return written;
}

export async function seedAssignments(now: Date = new Date()): Promise<string> {
  const coordinator = await db.user.findUnique({ where: { email: "daotao.skhcn@langson.gov.vn" } });
  if (!coordinator) return "";
  const person = await recordDemoPerson();
  await seedRecord(person.id, person.agencyId, now);
  let created = 0;
  let members = 0;
  for (const spec of ASSIGNMENTS) {
    if (await db.assignment.findFirst({ where: { title: spec.title } })) continue;
    const course = await db.course.findUnique({ where: { code: spec.course } });
    const agency = await db.agency.findUnique({ where: { code: spec.agency } });
    if (!course || !agency) continue;
    const assignedAt = new Date(now.getTime() - 40 * DAY);
    const r = await createAssignment(
      "ALL",
      {
        title: spec.title,
        courseId: course.id,
        agencyId: agency.id,
        dueAt: new Date(now.getTime() + spec.dueInDays * DAY),
      },
      coordinator.id,
      spec.dueInDays < 0 ? assignedAt : now,
    );
    // Old rounds were announced when they were made; only the current one is left for the digest to tell.
    if (spec.dueInDays < 0)
      await db.assignmentMember.updateMany({
        where: { assignmentId: r.id },
        data: { notifiedAt: assignedAt },
      });
    created++;
    members += r.count;
  }
  return created ? `Giao khóa học mẫu: ${created} đợt, ${members} lượt giao.` : "";
}
