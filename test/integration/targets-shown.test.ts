// The dashboard computes only the figures it renders (the focus agency, its listed rows, each target's card),
// rolled up in SQL (resolveView with shownOnly; docs/decisions/014-figures-summary.md). Its page data must
// equal the page data built from the full table for every agency, target, kind filter and scope: on the
// hand-built tree (with a merged agency and, later, agencies cut off under a deactivated parent) and on a
// random set.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { mergeAgencies } from "~/modules/agencies/agencies.server";
import type { Actor, Scope } from "~/modules/auth/scope";
import { dashboardData } from "~/modules/targets/dashboard.server";
import type { KindFilter } from "~/modules/targets/figures";
import { resolveView, type ViewQuery } from "~/modules/targets/view.server";
import { buildRandomTargetsWorld } from "./helpers/random-targets-world";
import { buildTargetsWorld, vn } from "./targets-fixture";

const actor: Actor = {
  userId: "00000000-0000-4000-8000-000000000000",
  email: "xem@thu.gov.vn",
  personId: null,
  fullName: "Người xem",
  locale: "vi",
  mustChangePassword: false,
  grants: [],
};

/** The dashboard's data both ways; returns how many figures each table held. */
async function expectSameDashboard(q: ViewQuery, scope: Scope) {
  const full = await resolveView(q, scope);
  const shown = await resolveView(q, scope, undefined, { shownOnly: true });
  expect(shown === null, "both find a plan or neither").toBe(full === null);
  if (!full || !shown) return { full: 0, shown: 0, completed: 0 };
  expect({ targetId: shown.targetId, agencyId: shown.agencyId }).toEqual({
    targetId: full.targetId,
    agencyId: full.agencyId,
  });
  // The live trend point is stamped with the instant each call ran: compared without it.
  const data = async (v: typeof full) => {
    const d = await dashboardData(v, actor, scope, "vi");
    return { ...d, trend: d.trend.map((p) => (p.live ? { ...p, x: 0 } : p)) };
  };
  const a = await data(full);
  const b = await data(shown);
  expect(b, JSON.stringify(q)).toEqual(a);
  const count = (v: typeof full) =>
    Object.values(v.table.figures).reduce((n, byAgency) => n + Object.keys(byAgency).length, 0);
  const completed = a.rows.reduce((n, r) => n + r.figure.completed, 0) + (a.focus.figure?.completed ?? 0);
  return { full: count(full), shown: count(shown), completed };
}

const KINDS: KindFilter[] = ["ALL", "DEPARTMENT", "COMMUNE"];
/** Hundreds of views compared each, on a shared, loaded machine. */
const SLOW = { timeout: 300_000 };

async function expectSameEverywhere(
  planId: string,
  targetIds: string[],
  agencyIds: (string | undefined)[],
  scopes: Scope[],
) {
  let completed = 0;
  for (const scope of scopes)
    for (const target of [undefined, ...targetIds])
      for (const agency of agencyIds)
        for (const kind of KINDS) {
          const q: ViewQuery = { plan: planId, target, agency, kind, snapshot: undefined };
          // Agencies outside a coordinator's scope are 404s both ways.
          const full = await resolveView(q, scope).then(
            () => "ok",
            (e: unknown) => e,
          );
          if (full !== "ok") {
            const shown = await resolveView(q, scope, undefined, { shownOnly: true }).then(
              () => "ok",
              (e: unknown) => e,
            );
            expect(shown).toEqual(full);
            continue;
          }
          completed += (await expectSameDashboard(q, scope)).completed;
        }
  expect(completed, "some figure is not zero").toBeGreaterThan(0);
}

describe("dashboard figures on the hand-built tree", () => {
  let w: Awaited<ReturnType<typeof buildTargetsWorld>>;
  beforeAll(async () => {
    w = await buildTargetsWorld();
    await mergeAgencies(w.agencies.U2.id, w.agencies.U1.id, null);
    // Someone still filed under the merged-away U2 (written past the merge): counts at U1 in both.
    const late = await db.person.create({
      data: {
        fullName: "Muộn",
        email: "muon@thu.gov.vn",
        agencyId: w.agencies.U2.id,
        staffCategory: "CONG_CHUC",
      },
    });
    await db.completion.create({
      data: { personId: late.id, topics: ["attt-co-ban"], source: "ONLINE", completedAt: vn("2026-11-02") },
    });
  });

  it("equal the full table's for every agency, target, kind and scope", SLOW, async () => {
    const { P, S1, U1, G, X1, X2, S2 } = w.agencies;
    await expectSameEverywhere(
      w.plan.id,
      Object.values(w.targets).map((t) => t.id),
      [undefined, P.id, S1.id, U1.id, G.id, X1.id, X2.id, S2.id],
      ["ALL", [S1.path], [G.path, S2.path]],
    );
  });

  it("stay equal with agencies cut off under a deactivated parent", SLOW, async () => {
    // X1 and X2 stay active under an inactive G: the full roll-up counts them only on their own.
    await db.agency.update({ where: { id: w.agencies.G.id }, data: { active: false } });
    const { P, S1, X1, X2 } = w.agencies;
    await expectSameEverywhere(
      w.plan.id,
      Object.values(w.targets).map((t) => t.id),
      [undefined, P.id, S1.id, X1.id, X2.id],
      ["ALL", [X1.path]],
    );
  });
});

describe("dashboard figures on a random set", () => {
  it("equal the full table's, and the dashboard computes far fewer figures", SLOW, async () => {
    const { plan } = await buildRandomTargetsWorld(3_000);
    const targets = await db.target.findMany({ where: { planId: plan.id }, orderBy: { position: "asc" } });
    const agencies = await db.agency.findMany({
      where: { code: { startsWith: "RND." } },
      orderBy: { code: "asc" },
      select: { id: true, path: true },
    });
    const sample = agencies.filter((_, i) => i % 20 === 0);
    await expectSameEverywhere(
      plan.id,
      targets.map((t) => t.id),
      [undefined, ...sample.map((a) => a.id)],
      ["ALL", [sample[1]!.path]],
    );
    const counts = await expectSameDashboard(
      { plan: plan.id, target: undefined, agency: undefined, kind: "ALL", snapshot: undefined },
      "ALL",
    );
    // The root, its 20 departments and one card per target, against every agency × target.
    expect(counts.shown).toBeLessThan(counts.full / 5);
  });
});
