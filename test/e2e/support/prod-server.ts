// A Playwright fixture for the specs of the deployment (cluster.spec.ts, nginx.spec.ts): the built production
// server (`node server.js`, scripts/lib/prod-server.ts) on a fresh PostgreSQL database of the spec's own, as
// `prod`. The test is skipped without TEST_DATABASE_URL; after it the server is killed (if the test did not
// stop it) and the database dropped. A spec sets the database name, env overrides and seed with
// `test.use({ prodSetup: … })`.
import { test as base } from "@playwright/test";
import {
  type ProdServer,
  freshDatabase,
  migrate,
  prodEnv,
  root,
  startProdServer,
} from "../../../scripts/lib/prod-server";

export { expect } from "@playwright/test";

export type ProdSetup = {
  /** The database is `hoc_e2e_<name>_<pid>`. */
  name: string;
  /** Over prodEnv's production env; an `undefined` removes the variable. */
  env?: Record<string, string | undefined>;
  /** Load the demo data after the migrations. */
  seed?: boolean;
};

export type Prod = { server: ProdServer; databaseUrl: string };

export const test = base.extend<{ prodSetup: ProdSetup; prod: Prod }>({
  prodSetup: [{ name: "prod" }, { option: true }],
  prod: [
    async ({ prodSetup }, provide, testInfo) => {
      const serverUrl = process.env.TEST_DATABASE_URL;
      testInfo.skip(!serverUrl, "needs TEST_DATABASE_URL (a PostgreSQL server)");
      const db = await freshDatabase(serverUrl!, `hoc_e2e_${prodSetup.name}_${process.pid}`);
      let server: ProdServer | undefined;
      try {
        const env = prodEnv(db.url, prodSetup.env);
        migrate(root, env, { seed: prodSetup.seed ?? false });
        server = await startProdServer({ cwd: root, env });
        await provide({ server, databaseUrl: db.url });
      } finally {
        server?.child.kill("SIGKILL");
        await db.drop();
      }
    },
    // Migrations, demo data and a two-worker start on a busy machine: not counted in the test's own timeout.
    { timeout: 240_000 },
  ],
});
