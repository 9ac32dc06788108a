// Assignment benchmark on PostgreSQL: 30,000 people in ~300 agencies; times giving one course to all of them
// (createAssignment, one transaction, INSERT … SELECT) and one day's reminder queries (due in 7/1/0 days and
// overdue). Targets: < 5 s each. Uses DATABASE_URL, else a fresh database hoc_bench_assign on the local server.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { demoPerson, rng } from "../prisma/demo-names.ts";
import { benchDatabase, ms } from "./lib/bench.ts";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 30_000);

async function main() {
  const url = await benchDatabase("hoc_bench_assign");
  // The app's db module reads DATABASE_URL on first use, so it is imported only now.
  process.env.DATABASE_URL = url;
  const { db, closeDb } = await import("../app/db.server.ts");
  const { makeAgency } = await import("../test/fixtures/factories.ts");
  const { makeCourseVersion } = await import("../test/fixtures/courses.ts");
  const { derivedPersonFields } = await import("../app/modules/people/schema.ts");
  const assignments = await import("../app/modules/assignments/assignments.server.ts");
  try {
    const run = randomUUID().slice(0, 6);
    const rand = rng(20260202);

    // ~300 agencies: a province, 20 departments with 4 units each, 199 communes.
    let t0 = performance.now();
    const province = await makeAgency({ code: `A${run}`, name: "UBND tỉnh Đo Thử", kind: "PROVINCE" });
    const leaves: { id: string; commune: boolean }[] = [];
    for (let d = 1; d <= 20; d++) {
      const dept = await makeAgency({ code: `A${run}.S${d}`, name: `Sở số ${d}`, parent: province });
      leaves.push({ id: dept.id, commune: false });
      for (let u = 1; u <= 4; u++) {
        const unit = await makeAgency({
          code: `${dept.code}.P${u}`,
          name: `Phòng ${u} Sở ${d}`,
          kind: "UNIT",
          parent: dept,
        });
        leaves.push({ id: unit.id, commune: false });
      }
    }
    for (let c = 1; c <= 199; c++) {
      const commune = await makeAgency({
        code: `A${run}.X${c}`,
        name: `Xã số ${c}`,
        kind: "COMMUNE",
        parent: province,
      });
      leaves.push({ id: commune.id, commune: true });
    }
    const people = Array.from({ length: PEOPLE }, (_, i) => {
      const agency = leaves[Math.floor(rand() * leaves.length)];
      const p = demoPerson(rand, i + 1, `${run}.bench.gov.vn`, agency.commune);
      return { ...p, ...derivedPersonFields(p), agencyId: agency.id };
    });
    for (let i = 0; i < people.length; i += 5000)
      await db.person.createMany({ data: people.slice(i, i + 5000) });
    const setupSeconds = ms(t0) / 1000;
    const { course } = await makeCourseVersion({ topics: ["bench-attt"] });
    await db.$executeRawUnsafe(`ANALYZE`);

    const input = {
      courseId: course.id,
      agencyId: province.id,
      includeSubagencies: true,
      dueDays: 30,
      standing: true,
    };
    t0 = performance.now();
    const preview = await assignments.previewAssignment("ALL", input);
    const previewMs = ms(t0);
    t0 = performance.now();
    const created = await assignments.createAssignment("ALL", input, randomUUID());
    const createMs = ms(t0);
    if (created.count !== PEOPLE || preview.count !== PEOPLE)
      throw new Error(`Expected ${PEOPLE} members, got ${created.count} (preview ${preview.count})`);

    // A realistic day: due dates spread over −10…+10 days, a third already completed.
    await db.$executeRaw`
      UPDATE "AssignmentMember" SET "dueAt" = now() + ((abs(hashtext(id::text)) % 21) - 10) * interval '1 day'
      WHERE "assignmentId" = ${created.id}::uuid`;
    await db.$executeRaw`
      INSERT INTO "Completion" (id, "personId", "courseId", topics, source, "completedAt", "validUntil")
      SELECT gen_random_uuid(), m."personId", ${course.id}::uuid, '{}', 'ONLINE', now(), now() + interval '2 years'
      FROM "AssignmentMember" m WHERE m."assignmentId" = ${created.id}::uuid AND abs(hashtext(m."personId"::text)) % 3 = 0`;
    await db.$executeRawUnsafe(`ANALYZE`);

    const now = new Date();
    t0 = performance.now();
    const { dueSoon: soon, overdue } = await assignments.reminderMembers(now, [7, 1, 0]);
    const remindMs = ms(t0);

    t0 = performance.now();
    const refresh = await assignments.refreshStandingAssignments();
    const refreshMs = ms(t0);

    t0 = performance.now();
    const progress = await assignments.assignmentProgress("ALL", created.id, { page: 1, pageSize: 50 });
    const progressMs = ms(t0);

    const mark = (ok: boolean) => (ok ? "✓" : "✗");
    console.log(
      `\nAssignment benchmark on ${url.replace(/\/\/[^@]*@/, "//…@")} (${PEOPLE.toLocaleString("en")} people, ${leaves.length + 1} agencies)`,
    );
    console.log(`  setup (agencies + people)       ${setupSeconds.toFixed(2)} s`);
    console.log(`  preview (count + sample)        ${previewMs.toFixed(0)} ms`);
    console.log(
      `  ${mark(createMs < 5000)} createAssignment (all)       ${(createMs / 1000).toFixed(2)} s  (${created.count} members; target < 5 s)`,
    );
    console.log(
      `  ${mark(remindMs < 5000)} one day's reminders          ${(remindMs / 1000).toFixed(2)} s  (${soon.length} due in 7/1/0 days, ${overdue.length} overdue; target < 5 s)`,
    );
    console.log(
      `  standing refresh (everyone)     ${(refreshMs / 1000).toFixed(2)} s  (+${refresh.added} / −${refresh.removed})`,
    );
    console.log(
      `  progress page (counts + page)   ${progressMs.toFixed(0)} ms  (${JSON.stringify(progress.counts)})\n`,
    );
    if (createMs >= 5000 || remindMs >= 5000) process.exitCode = 1;
  } finally {
    await closeDb();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
