// Snapshots freeze figures: later completions, renames and moves change the live figures, never a snapshot's;
// a report regenerated from the snapshot (XLSX) still reads as it did.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { mergeAgencies, moveAgency, renameAgency } from "~/modules/agencies/agencies.server";
import { reportRows } from "~/modules/targets/figures";
import { computePlanFigures } from "~/modules/targets/figures.server";
import { reportXlsx } from "~/modules/targets/report.server";
import { ensureMonthlySnapshots, loadSnapshotTable, takeSnapshot } from "~/modules/targets/snapshots.server";
import { AS_OF_A, buildTargetsWorld, vn } from "./targets-fixture";

type World = Awaited<ReturnType<typeof buildTargetsWorld>>;
let w: World;
let snapshotId: string;

beforeAll(async () => {
  w = await buildTargetsWorld();
  await mergeAgencies(w.agencies.U2.id, w.agencies.U1.id, null);
  const s = await takeSnapshot({ planId: w.plan.id, asOf: AS_OF_A, period: "Q3", label: "Quý III năm 2026" });
  snapshotId = s.id;
  // 7 agencies × T1–T4 + 2 agencies (S1, U1) × T5.
  expect(s.rowCount).toBe(7 * 4 + 2);
});

async function xlsxRows(res: Response) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  const out: ExcelJS.CellValue[][] = [];
  wb.worksheets[0].eachRow((row) => out.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return out;
}

describe("a snapshot", () => {
  it("keeps its figures when completions are added; live figures move", async () => {
    const { T1 } = w.targets;
    const before = (await loadSnapshotTable(snapshotId)).table.figures[T1.id][w.agencies.P.id];
    expect([before.audience, before.completed]).toEqual([33, 12]); // as in targets-figures.test.ts at A
    // Four more CBCCVC finish ATTT basics (x2b, x2d, s2f, s2i), dated before A and recorded afterwards.
    const late = ["x2b", "x2d", "s2f", "s2i"];
    await db.completion.createMany({
      data: late.map((k) => ({
        personId: w.people[k],
        topics: ["attt-co-ban"],
        source: "IMPORTED" as const,
        completedAt: vn("2026-09-01"),
        externalRef: `LATE-${k}`,
      })),
    });
    const live = (await computePlanFigures(w.plan.id, { asOf: AS_OF_A })).table.figures[T1.id];
    expect([live[w.agencies.P.id].audience, live[w.agencies.P.id].completed]).toEqual([33, 16]);
    expect(live[w.agencies.X2.id].completed).toBe(4);
    const after = (await loadSnapshotTable(snapshotId)).table.figures[T1.id];
    expect([after[w.agencies.P.id].audience, after[w.agencies.P.id].completed]).toEqual([33, 12]);
    expect(after[w.agencies.X2.id].completed).toBe(2);
    expect(after[w.agencies.P.id].status).toBe("CHAM");
  });

  it("keeps the old names and tree after a rename and a move", async () => {
    await renameAgency(w.agencies.X1.id, { name: "Phường Một (mới)" }, null);
    await moveAgency(w.agencies.S2.id, w.agencies.S1.id, null);
    const live = await computePlanFigures(w.plan.id);
    expect(live.table.agencies.find((a) => a.id === w.agencies.X1.id)?.name).toBe("Phường Một (mới)");
    expect(live.table.agencies.find((a) => a.id === w.agencies.S2.id)?.parentId).toBe(w.agencies.S1.id);

    const { table } = await loadSnapshotTable(snapshotId);
    expect(table.agencies.find((a) => a.id === w.agencies.X1.id)?.name).toBe("Xã Một");
    const underP = reportRows(table, w.targets.T1.id, w.agencies.P.id, "ALL").map((r) => r.agency.code);
    // S2 still sits under P, as at the snapshot. Order: P's own staff, then Vietnamese order of names:
    // "Sở Hai" (S2), "Sở Một" (S1), "UBND các xã" (G).
    expect(underP).toEqual(["P", "S2", "S1", "G"]);
  });

  it("regenerates the same XLSX report from its stored rows", async () => {
    const { table } = await loadSnapshotTable(snapshotId);
    const res = await reportXlsx({
      table,
      targetId: w.targets.T1.id,
      agencyId: w.agencies.G.id,
      kind: "ALL",
      snapshotLabel: "Quý III năm 2026",
      locale: "vi",
    });
    const rows = await xlsxRows(res);
    expect(
      rows.some((r) => r[0] === 'Số liệu tính đến ngày 30/09/2026 — số liệu chốt "Quý III năm 2026"'),
    ).toBe(true);
    const header = rows.findIndex((r) => r[0] === "STT");
    // Under G at the snapshot: X1 "Xã Một" 5/1 (20 %), X2 "Xã Hai" 5/2 (40 %); total 10/3 = 30 %. The late
    // completions and the rename do not show.
    expect(rows.slice(header + 1)).toEqual([
      [1, "Xã Hai", 5, 2, 40, 100, "Chậm"],
      [2, "Xã Một", 5, 1, 20, 100, "Chậm"],
      [undefined, "Tổng cộng", 10, 3, 30, 100, "Chậm"],
    ]);
  });

  it("writes the same report in English for an English reader (the stored label as it is)", async () => {
    const { table } = await loadSnapshotTable(snapshotId);
    const rows = await xlsxRows(
      await reportXlsx({
        table,
        targetId: w.targets.T1.id,
        agencyId: w.agencies.G.id,
        kind: "ALL",
        snapshotLabel: "Quý III năm 2026",
        locale: "en",
      }),
    );
    expect(rows.some((r) => r[0] === 'Figures as of 30/09/2026 — snapshot "Quý III năm 2026"')).toBe(true);
    const header = rows.findIndex((r) => r[0] === "No.");
    expect(rows[header]).toEqual([
      "No.",
      "Agency",
      "Total",
      "Completed",
      "Rate (%)",
      "Target (%)",
      "Assessment",
    ]);
    expect(rows.at(-1)).toEqual([undefined, "Total", 10, 3, 30, 100, "Behind"]);
  });
});

describe("ensureMonthlySnapshots", () => {
  it("takes each missing month-end once", async () => {
    const now = vn("2026-04-10");
    expect(await ensureMonthlySnapshots(now)).toBe(3); // 31/01, 28/02, 31/03
    expect(await ensureMonthlySnapshots(now)).toBe(0);
    expect(await ensureMonthlySnapshots(vn("2026-05-02"))).toBe(1); // 30/04
    const auto = await db.snapshot.findMany({
      where: { planId: w.plan.id, automatic: true },
      orderBy: { asOf: "asc" },
    });
    expect(auto.map((s) => s.label)).toEqual([
      "Tự động tháng 01/2026",
      "Tự động tháng 02/2026",
      "Tự động tháng 03/2026",
      "Tự động tháng 04/2026",
    ]);
  });
});
