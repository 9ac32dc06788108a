// vitest globalSetup of the integration project: one hot standby of the TEST_DATABASE_URL server per run
// (pg_basebackup takes seconds), for the files that read from a replica. Only with TEST_DB=postgres, and only
// when the run may include such a file. Tests get its port through inject("standby").
import type { TestProject } from "vitest/node";
import { type Standby, standbyUnavailable, startStandby } from "../support/standby";

declare module "vitest" {
  export interface ProvidedContext {
    standby: { port: number } | { skipped: string };
  }
}

/** Files that use the standby: a run filtered to other files does not pay for one. */
const USERS = /replica/;

export default async function setup(project: TestProject) {
  const base = process.env.TEST_DATABASE_URL;
  if (process.env.TEST_DB !== "postgres" || !base) {
    project.provide("standby", { skipped: "needs TEST_DB=postgres and TEST_DATABASE_URL" });
    return;
  }
  // The CLI's file filters (vitest run test/integration/x.test.ts): none names a replica test → no standby.
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  if (filters?.length && !filters.some((f) => USERS.test(f))) {
    project.provide("standby", { skipped: "no replica test in this run" });
    return;
  }
  const why = await standbyUnavailable(base);
  // .ci/run allows replication and sets REQUIRE_REPLICA: there the replica tests must run, never skip.
  if (why && process.env.REQUIRE_REPLICA === "1") throw new Error(`REQUIRE_REPLICA=1 but no standby: ${why}`);
  if (why) {
    project.provide("standby", { skipped: why });
    return;
  }
  const standby: Standby = await startStandby(base);
  project.provide("standby", { port: standby.port });
  return () => standby.close();
}
