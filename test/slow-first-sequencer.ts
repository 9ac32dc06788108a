// The order files start in. Each worker takes the next file when it is free, so a long file started late
// leaves the other core idle until it ends: on a 2-core run db-move (2 min) started last held the PGlite
// pass alone for its last two minutes. Vitest's own order (longest first by the previous run's durations,
// else largest file first) knows nothing in a fresh clone (CI) and, with the results cache shared by
// checkouts that ran a few files, is a guess. So the files measured slowest start first, in this order;
// the rest keep Vitest's order.
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Slowest first: durations in whole passes on a busy 2-core machine (load 15-20), PGlite / PostgreSQL, 2026-12-04. */
const SLOW_FIRST = [
  "integration/fuzz-actions", // 135 s / 229 s
  "integration/targets-shown", // 160 s / 149 s
  "integration/db-move", // 127 s / 0 s (its moves run in the PGlite pass only)
  "integration/targets-summary", // 5 s / 85 s
  "integration/pglite-lock", // 43 s / 72 s
  "integration/cluster", // 4 s / 68 s
  "integration/scheduling-seats", // 24 s / 59 s
  "integration/recovery", // 33 s / 47 s
];

const rank = (spec: TestSpecification) => {
  const i = SLOW_FIRST.findIndex((name) => spec.moduleId.endsWith(`/test/${name}.test.ts`));
  return i < 0 ? SLOW_FIRST.length : i;
};

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // Array.prototype.sort is stable: files of equal rank keep Vitest's order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
