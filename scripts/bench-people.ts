// `npm run bench:people`: imports 30,000 staff from a CSV into PostgreSQL, then measures people search.
// Targets: preview + apply under 15 s; search p95 under 50 ms. Uses DATABASE_URL when set (it writes 30,000
// people and ~300 agencies there, tagged with a run id), otherwise recreates the `hoc_bench` database.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { demoPerson, rng } from "../prisma/demo-names.ts";
import { csvBytes } from "../test/fixtures/people/files.ts";
import { benchDatabase, ms, percentile } from "./lib/bench.ts";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 30_000);
const SEARCHES = 200;

async function main() {
  const url = await benchDatabase("hoc_bench");
  // The app's db module reads DATABASE_URL on first use, so it is imported only now.
  process.env.DATABASE_URL = url;
  const { db, closeDb } = await import("../app/db.server.ts");
  const { makeAgency } = await import("../test/fixtures/factories.ts");
  await import("../app/wiring.server.ts");
  const { previewPeopleImport, applyPeopleImport } = await import("../app/modules/people/import.server.ts");
  const { listPeople } = await import("../app/modules/people/list.server.ts");
  try {
    const run = randomUUID().slice(0, 6);
    const rand = rng(20260101);

    // ~300 agencies: a province, 20 departments with 4 units each, 199 communes.
    let t0 = performance.now();
    const province = await makeAgency({ code: `B${run}`, name: "UBND tỉnh Đo Thử", kind: "PROVINCE" });
    const leaves: { code: string; commune: boolean }[] = [];
    const departments = [];
    for (let d = 1; d <= 20; d++) {
      const dept = await makeAgency({ code: `B${run}.S${d}`, name: `Sở số ${d}`, parent: province });
      departments.push(dept);
      leaves.push({ code: dept.code, commune: false });
      for (let u = 1; u <= 4; u++) {
        const unit = await makeAgency({
          code: `${dept.code}.P${u}`,
          name: `Phòng ${u} Sở ${d}`,
          kind: "UNIT",
          parent: dept,
        });
        leaves.push({ code: unit.code, commune: false });
      }
    }
    for (let c = 1; c <= 199; c++) {
      const commune = await makeAgency({
        code: `B${run}.X${c}`,
        name: `Xã số ${c}`,
        kind: "COMMUNE",
        parent: province,
      });
      leaves.push({ code: commune.code, commune: true });
    }
    const agencySeconds = ms(t0) / 1000;

    const people = Array.from({ length: PEOPLE }, (_, i) => {
      const agency = leaves[Math.floor(rand() * leaves.length)];
      const p = demoPerson(rand, i + 1, `${run}.bench.gov.vn`, agency.commune);
      return { ...p, agencyCode: agency.code };
    });
    const staffLabel = {
      CAN_BO: "Cán bộ",
      CONG_CHUC: "Công chức",
      VIEN_CHUC: "Viên chức",
      NGUOI_LAO_DONG: "Người lao động",
    };
    const itLabel = { NONE: "Không", FULL_TIME: "Chuyên trách", PART_TIME: "Kiêm nhiệm" };
    const bytes = csvBytes(
      people.map((p) => [
        p.fullName,
        p.email,
        p.agencyCode,
        staffLabel[p.staffCategory],
        p.position,
        "không",
        itLabel[p.itRole],
        p.tags.join("; "),
        "",
      ]),
      { bom: true },
    );
    const actorUserId = randomUUID();

    t0 = performance.now();
    const preview = await previewPeopleImport({ scope: "ALL", fileName: "bench.csv", bytes, actorUserId });
    const previewMs = ms(t0);
    if (preview.summary.errors.length)
      throw new Error(`Preview errors: ${JSON.stringify(preview.summary.errors.slice(0, 3))}`);
    t0 = performance.now();
    const applied = await applyPeopleImport({ scope: "ALL", importId: preview.id, actorUserId });
    const applyMs = ms(t0);
    if (!applied.ok) throw new Error("Apply refused");

    // The same file again: every row is compared, nothing is written.
    t0 = performance.now();
    const again = await previewPeopleImport({ scope: "ALL", fileName: "bench.csv", bytes, actorUserId });
    const reMs = ms(t0);

    // Every row changed (new position): exercises the set-based update path.
    const changed = csvBytes(
      people.map((p) => [
        p.fullName,
        p.email,
        p.agencyCode,
        staffLabel[p.staffCategory],
        `${p.position} (2026)`,
      ]),
      { header: ["Họ và tên", "Email", "Mã đơn vị", "Đối tượng", "Chức vụ"] },
    );
    t0 = performance.now();
    const upPreview = await previewPeopleImport({
      scope: "ALL",
      fileName: "bench-2.csv",
      bytes: changed,
      actorUserId,
    });
    const upApplied = await applyPeopleImport({ scope: "ALL", importId: upPreview.id, actorUserId });
    const updateMs = ms(t0);
    if (!upApplied.ok) throw new Error("Update apply refused");

    await db.$executeRawUnsafe(`ANALYZE`);
    const deptScope = [departments[0].path];
    const fold = (s: string) =>
      s
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/đ/g, "d")
        .replace(/Đ/g, "D")
        .toLowerCase();
    const queries: { q: string; scope: "ALL" | string[] }[] = [];
    for (let i = 0; i < SEARCHES; i++) {
      const p = people[Math.floor(rand() * people.length)];
      const words = fold(p.fullName).split(" ");
      const kind = i % 5;
      const q =
        kind === 0
          ? words.join(" ") // full unaccented name
          : kind === 1
            ? words.slice(-2).join(" ") // "thi yen"
            : kind === 2
              ? words[0].slice(0, 4) // a family-name fragment: many matches
              : kind === 3
                ? p.email // an exact email
                : p.email.split("@")[0].slice(0, 6); // the start of an email
      queries.push({ q, scope: i % 2 === 0 ? "ALL" : deptScope });
    }
    // Warm up the connection pool and the plan cache, as a running server would be.
    for (const { q, scope } of queries.slice(0, 10)) await listPeople({ scope, q, page: 1, pageSize: 25 });
    const timings: number[] = [];
    for (const { q, scope } of queries) {
      t0 = performance.now();
      await listPeople({ scope, q, sort: "name", page: 1, pageSize: 25 });
      timings.push(ms(t0));
    }
    const browse: number[] = [];
    for (let i = 0; i < 20; i++) {
      t0 = performance.now();
      await listPeople({ scope: i % 2 ? "ALL" : deptScope, page: 1 + i * 10, pageSize: 25 });
      browse.push(ms(t0));
    }
    timings.sort((a, b) => a - b);
    browse.sort((a, b) => a - b);

    const importSeconds = (previewMs + applyMs) / 1000;
    const p95 = percentile(timings, 95);
    const mark = (ok: boolean) => (ok ? "✓" : "✗");
    console.log(
      `\nPeople benchmark on ${url.replace(/\/\/[^@]*@/, "//…@")} (${PEOPLE.toLocaleString("en")} people, ${leaves.length + 1} agencies)`,
    );
    console.log(`  agencies created              ${agencySeconds.toFixed(2)} s`);
    console.log(`  import preview                ${(previewMs / 1000).toFixed(2)} s`);
    console.log(
      `  import apply                  ${(applyMs / 1000).toFixed(2)} s  (${applied.counts.created} created)`,
    );
    console.log(
      `  ${mark(importSeconds < 15)} import total                ${importSeconds.toFixed(2)} s  (target < 15 s)`,
    );
    console.log(
      `  re-import preview (no change) ${(reMs / 1000).toFixed(2)} s  (${again.summary.unchanged} unchanged)`,
    );
    console.log(
      `  update import (all rows)      ${(updateMs / 1000).toFixed(2)} s  (${upApplied.counts.updated} updated)`,
    );
    console.log(`  search p50                    ${percentile(timings, 50).toFixed(1)} ms`);
    console.log(
      `  ${mark(p95 < 50)} search p95                  ${p95.toFixed(1)} ms  (target < 50 ms; ${SEARCHES} searches)`,
    );
    console.log(`  search max                    ${timings[timings.length - 1].toFixed(1)} ms`);
    console.log(
      `  browse (no query) p50 / p95   ${percentile(browse, 50).toFixed(1)} / ${percentile(browse, 95).toFixed(1)} ms\n`,
    );
    if (importSeconds >= 15 || p95 >= 50) process.exitCode = 1;
  } finally {
    await closeDb();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
