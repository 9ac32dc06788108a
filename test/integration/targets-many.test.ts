// A plan with 40 targets: each target keeps its own figures. Targets used to get a per-person bit from a
// 32-bit `1 << i`, so target 33 shared target 1's bit, 34 shared 2's, and so on (issue 10, defect 3).
//
// One agency, five people:            a CONG_CHUC head · b CONG_CHUC IT full-time · c VIEN_CHUC tag đội ứng cứu
//                                     d NGUOI_LAO_DONG · e CAN_BO head
// Completions: everyone attt-co-ban; b t35; d t37.
// Targets 1..32: everyone, attt-co-ban → 5/5 each. Targets 33..40 (worked out by hand):
//   33 everyone, t33                        → audience 5, completed 0
//   34 heads only, attt-co-ban              → a, e: 2, completed 2
//   35 IT full-time, t35                    → b: 1, completed 1
//   36 VIEN_CHUC, t33                       → c: 1, completed 0
//   37 NGUOI_LAO_DONG, t37                  → d: 1, completed 1
//   38 everyone, t33 or t35                 → 5, completed 1 (b)
//   39 tag doi-ung-cuu-su-co, attt-co-ban   → c: 1, completed 1
//   40 CAN_BO or CONG_CHUC, t37             → a, b, e: 3, completed 0 (d holds t37 but is NGUOI_LAO_DONG)
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { StaffCategory } from "~/generated/prisma/enums";
import { computePlanFigures } from "~/modules/targets/figures.server";
import { makeAgency, makePerson, makePlan, makeTarget, type TargetOverrides } from "../fixtures/factories";

let planId: string;
let agencyId: string;
const targetIds: string[] = [];

beforeAll(async () => {
  const agency = await makeAgency({ code: "NHIEU", name: "Sở Nhiều Chỉ Tiêu", kind: "DEPARTMENT" });
  agencyId = agency.id;
  const person = (fullName: string, staffCategory: StaffCategory, extra: Record<string, unknown> = {}) =>
    makePerson({ agencyId, fullName, staffCategory, ...extra });
  const a = await person("Người A", "CONG_CHUC", { isHeadOfUnit: true });
  const b = await person("Người B", "CONG_CHUC", { itRole: "FULL_TIME" });
  const c = await person("Người C", "VIEN_CHUC", { tags: ["doi-ung-cuu-su-co"] });
  const d = await person("Người D", "NGUOI_LAO_DONG");
  const e = await person("Người E", "CAN_BO", { isHeadOfUnit: true });
  const done = (personId: string, topic: string) => ({
    personId,
    topics: [topic],
    source: "ONLINE" as const,
    completedAt: new Date("2026-01-15T02:00:00Z"),
  });
  await db.completion.createMany({
    data: [...[a, b, c, d, e].map((p) => done(p.id, "attt-co-ban")), done(b.id, "t35"), done(d.id, "t37")],
  });
  const plan = await makePlan({
    documentNumber: "40/KH-THU",
    title: "Kế hoạch 40 chỉ tiêu",
    agencyId,
    startsAt: new Date("2025-12-31T17:00:00Z"),
  });
  planId = plan.id;
  const special: Record<number, Omit<TargetOverrides, "planId">> = {
    33: { topics: ["t33"] },
    34: { headOfUnitOnly: true, topics: ["attt-co-ban"] },
    35: { itRoles: ["FULL_TIME"], topics: ["t35"] },
    36: { staffCategories: ["VIEN_CHUC"], topics: ["t33"] },
    37: { staffCategories: ["NGUOI_LAO_DONG"], topics: ["t37"] },
    38: { topics: ["t33", "t35"] },
    39: { tags: ["doi-ung-cuu-su-co"], topics: ["attt-co-ban"] },
    40: { staffCategories: ["CAN_BO", "CONG_CHUC"], topics: ["t37"] },
  };
  for (let i = 1; i <= 40; i++) {
    const t = await makeTarget({
      planId,
      code: `T${i}`,
      title: `Chỉ tiêu ${i}`,
      position: i,
      deadline: new Date("2030-12-31T16:59:59Z"),
      ...special[i],
    });
    targetIds.push(t.id);
  }
});

describe("a plan with 40 targets", () => {
  it("gives targets 33..40 their own audience and completions, and leaves 1..32 alone", async () => {
    const { table } = await computePlanFigures(planId);
    const fig = (n: number) => {
      const f = table.figures[targetIds[n - 1]!]![agencyId]!;
      return [f.audience, f.completed];
    };
    expect(table.targets).toHaveLength(40);
    for (let i = 1; i <= 32; i++) expect(fig(i), `T${i}`).toEqual([5, 5]);
    expect({
      33: fig(33),
      34: fig(34),
      35: fig(35),
      36: fig(36),
      37: fig(37),
      38: fig(38),
      39: fig(39),
      40: fig(40),
    }).toEqual({
      33: [5, 0],
      34: [2, 2],
      35: [1, 1],
      36: [1, 0],
      37: [1, 1],
      38: [5, 1],
      39: [1, 1],
      40: [3, 0],
    });
  });

  it("keeps a second bit column apart from the first (70 targets: 63 and up start a new one)", async () => {
    const plan = await makePlan({
      documentNumber: "70/KH-THU",
      title: "Kế hoạch 70 chỉ tiêu",
      agencyId,
      startsAt: new Date("2025-12-31T17:00:00Z"),
    });
    const ids: string[] = [];
    for (let i = 1; i <= 70; i++) {
      const rule =
        i === 63 ? { headOfUnitOnly: true, topics: ["attt-co-ban"] } : i > 63 ? { topics: ["t33"] } : {};
      const t = await makeTarget({
        planId: plan.id,
        code: `T${i}`,
        title: `Chỉ tiêu ${i}`,
        position: i,
        deadline: new Date("2030-12-31T16:59:59Z"),
        ...rule,
      });
      ids.push(t.id);
    }
    const { table } = await computePlanFigures(plan.id);
    const fig = (n: number) => {
      const f = table.figures[ids[n - 1]!]![agencyId]!;
      return [f.audience, f.completed];
    };
    for (let i = 1; i <= 62; i++) expect(fig(i), `T${i}`).toEqual([5, 5]);
    expect(fig(63)).toEqual([2, 2]);
    for (let i = 64; i <= 70; i++) expect(fig(i), `T${i}`).toEqual([5, 0]);
  });
});
