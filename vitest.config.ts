import path from "node:path";
import { defineConfig } from "vitest/config";
import SlowFirstSequencer from "./test/slow-first-sequencer";

const alias = { "~": path.resolve(import.meta.dirname, "app") };

export default defineConfig({
  resolve: { alias },
  test: {
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          setupFiles: ["test/integration/setup.ts"],
          // This run's database prefix and teardown; a streaming replica of the PostgreSQL server, once per run
          // (TEST_DB=postgres only).
          globalSetup: ["test/integration/global-setup.ts", "test/integration/standby-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file gets its own database (in-memory PGlite or a fresh PostgreSQL database). Two worker
          // processes, each running file after file with the modules it loaded (PGlite's WASM, Prisma, the app)
          // kept: a fresh process per file spent ~2 s of CPU loading them again. setup.ts undoes what a file
          // could leave to the next (environment, database and the caches of its rows, scheduler, timers).
          pool: "forks",
          isolate: false,
          maxWorkers: 2,
        },
      },
    ],
  },
});
