// A small province of the test's own for the targets dashboard (the seeded plan and its five targets count it):
// under `rootId` a sở with a unit, and a second sở, each with staff, some of whom completed ATTT cơ bản
// before and some after a snapshot taken 20 days ago, so the trend line has a past point and a live one.
import type { FixtureClient } from "./fixtures";

export const SO = "Sở Khoa học và Công nghệ";

export async function targetsWorld(fixtures: FixtureClient, rootId: string) {
  const so = await fixtures.make({ kind: "agency", parentId: rootId, name: SO, agencyKind: "DEPARTMENT" });
  const unit = await fixtures.make({
    kind: "agency",
    parentId: so.id,
    name: "Phòng Công nghệ thông tin và Chuyển đổi số",
  });
  const other = await fixtures.make({
    kind: "agency",
    parentId: rootId,
    name: "Sở Tài chính",
    agencyKind: "DEPARTMENT",
  });
  // [agency, staff, completed long ago, completed lately]
  for (const [agency, count, early, late] of [
    [so, 2, 1, 0],
    [unit, 4, 1, 2],
    [other, 3, 0, 1],
  ] as const) {
    const { people } = await fixtures.make({ kind: "people", agencyId: agency.id, count, sinceDaysAgo: 60 });
    for (const [i, p] of people.entries())
      if (i < early + late)
        await fixtures.make({
          kind: "completion",
          personId: p.personId,
          topic: "attt-co-ban",
          completedDaysAgo: i < early ? 40 : 5,
        });
  }
  await fixtures.make({ kind: "snapshot", asOfDaysAgo: 20 });
  return { so, unit, other };
}
