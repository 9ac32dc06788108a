// Reports read from a real streaming replica (a hot standby made by test/integration/standby-setup.ts):
// the same figures once it has caught up; a browser that just wrote reads the primary until the replica has
// replayed that write (replay paused here, so the replica is visibly behind), everyone else reads the replica.
import ExcelJS from "exceljs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { closeDb, db, readDb, replicaClient } from "~/db.server";
import { computePlanFigures, planFrame } from "~/modules/targets/figures.server";
import { runWithReadContext } from "~/read-context.server";
import { READ_COOKIE, withReadYourWrites } from "~/read-your-writes.server";
import { loader as dashboardLoader } from "~/routes/targets._index";
import { action as importAction } from "~/routes/targets.completions.import";
import { loader as exportLoader } from "~/routes/people.export";
import { buildWorldWithTarget, call, get, makePerson, upload } from "./helpers/world";

const standby = inject("standby");
const port = "port" in standby ? standby.port : null;
if (!port) console.log(`(!) Bỏ qua read-replica.test.ts: ${"skipped" in standby ? standby.skipped : ""}`);

/** This file's database (test/integration/setup.ts made it on the primary) on the standby. */
function onStandby(url: string): string {
  const u = new URL(url);
  u.port = String(port);
  return u.toString();
}
if (port) process.env.DATABASE_READ_URL = onStandby(process.env.DATABASE_URL!);

type World = Awaited<ReturnType<typeof buildWorldWithTarget>>;
type Dash = { focus: { id: string; figure: { audience: number; completed: number } } };
let w: World;
let planId: string;
let primary: pg.Client;
let replica: pg.Client;

// A shared server busy with bulk loads (benchmarks) can put the standby minutes behind: wait for replay, not
// for a time. These limits only catch a standby that is stuck.
const WAIT = 15 * 60_000;

/** Waits until the standby has replayed everything the primary has written so far. */
async function caughtUp() {
  const { rows } = await primary.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn");
  for (let i = 0; i < WAIT / 100; i++) {
    const r = await replica.query<{ ok: boolean }>("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok", [
      rows[0]!.lsn,
    ]);
    if (r.rows[0]!.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the standby did not catch up within ${WAIT / 60_000} minutes`);
}

/** A route function called as server.js calls it: inside withReadYourWrites. */
async function through(fn: Parameters<typeof call>[0], request: Request) {
  let out: Awaited<ReturnType<typeof call>> | undefined;
  const response = await withReadYourWrites(request, async () => {
    out = await call(fn, request);
    return out.response ?? new Response(null, { status: out.status });
  });
  return { ...out!, setCookie: response.headers.get("set-cookie") };
}

/** Sở KH&CN's (A's) audience and completed on the dashboard, as `cookie` sees it. */
async function figureOfA(cookie: string) {
  const res = await through(dashboardLoader, get(`/targets?agency=${w.a.id}`, cookie));
  expect(res.status).toBe(200);
  const { focus } = res.data as Dash;
  expect(focus.id).toBe(w.a.id);
  return [focus.figure.audience, focus.figure.completed];
}

/** The names in the people export (Excel) as `cookie` downloads it. */
async function exportedNames(cookie: string) {
  const res = await through(exportLoader, get("/people/export", cookie));
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.response!.arrayBuffer());
  const names: string[] = [];
  wb.worksheets[0]!.eachRow((row, i) => {
    if (i > 1) names.push(String(row.getCell(2).value));
  });
  return names;
}

describe.skipIf(!port)("read replica", { timeout: WAIT }, () => {
  beforeAll(async () => {
    primary = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await primary.connect();
    w = await buildWorldWithTarget();
    planId = w.plan.id;
    // The database itself reaches the standby by replication: wait for it before connecting there.
    replica = new pg.Client({ connectionString: onStandby("postgresql://postgres@127.0.0.1/postgres") });
    await replica.connect();
    await caughtUp();
  }, WAIT);

  afterAll(async () => {
    await replica?.query("SELECT pg_wal_replay_resume()").catch(() => {});
    await replica?.end();
    await primary?.end();
  });

  it("the read client is the standby, and it refuses writes", async () => {
    const client = replicaClient()!;
    expect(client).not.toBeNull();
    const [r] = await client.$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`;
    expect(r!.standby).toBe(true);
    await expect(client.person.updateMany({ data: { position: "x" } })).rejects.toThrow(/read-only/);
    // Outside a request (a report script) reads go to the replica; during a POST to the primary.
    expect(await readDb()).toBe(client);
    const post = { primaryOnly: true, minLsn: null, wrote: false };
    expect(await runWithReadContext(post, readDb)).toBe(db);
  });

  it("figures read through the replica equal the primary's once it has caught up", async () => {
    await caughtUp();
    const fromPrimary = await computePlanFigures(planId, { client: db });
    const fromReplica = await computePlanFigures(planId, { client: replicaClient()! });
    expect(fromReplica.table.figures).toEqual(fromPrimary.table.figures);
    expect(fromReplica.table.agencies).toEqual(fromPrimary.table.agencies);
    // The dashboard's read (TargetCount kept per process, re-read by the standby's own snapshots) too.
    const shown = async (client: typeof db) => {
      const frame = await planFrame(planId, { client });
      return frame.fill(frame.table.agencies.map((a) => a.id));
    };
    for (let i = 0; i < 2; i++) expect(await shown(replicaClient()!)).toEqual(await shown(db));
    expect(await figureOfA(w.reviewer.cookie)).toEqual([4, 1]);
    expect(await exportedNames(w.reviewer.cookie)).toContain("Trần Thị Bình");
  });

  it("after a write, the writer reads the primary while the replica is behind; others read the replica", async () => {
    await caughtUp();
    await replica.query("SELECT pg_wal_replay_pause()");
    for (let i = 0; i < 100; i++) {
      const r = await replica.query<{ s: string }>("SELECT pg_get_wal_replay_pause_state() AS s");
      if (r.rows[0]!.s === "paused") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const csv =
      "Email,Chủ đề,Ngày hoàn thành,Hiệu lực đến,Số chứng nhận,Ghi chú\r\nbinh@a1.vn,attt-co-ban,01/04/2026,,GCN-11,";
    // A refused upload (400) wrote nothing: no cookie.
    const bad = await through(
      importAction,
      upload("/targets/completions/import", w.coordA.cookie, "kq.txt", "x"),
    );
    expect(bad.status).toBe(400);
    expect(bad.setCookie).toBeNull();
    const preview = await through(
      importAction,
      upload("/targets/completions/import", w.coordA.cookie, "kq.csv", csv),
    );
    expect(preview.status).toBe(200);
    const form = new FormData();
    form.set("intent", "apply");
    form.set("fileName", "kq.csv");
    form.set("content", (preview.data as { content: string }).content);
    const apply = new Request("http://localhost/targets/completions/import", {
      method: "POST",
      headers: { cookie: w.coordA.cookie, origin: "http://localhost" },
      body: form,
    });
    const applied = await through(importAction, apply);
    expect(applied.status).toBe(302);
    const lsn = new RegExp(`${READ_COOKIE}=([0-9A-F]+/[0-9A-F]+)`, "i").exec(applied.setCookie ?? "")?.[1];
    expect(lsn).toBeTruthy();
    // The coordinator's next page, with the cookie: the primary (Bình's completion counts)…
    const writer = `${w.coordA.cookie}; ${READ_COOKIE}=${lsn}`;
    expect(await figureOfA(writer)).toEqual([4, 2]);
    expect(await runWithReadContext({ primaryOnly: false, minLsn: lsn!, wrote: false }, readDb)).toBe(db);
    // …while the reviewer, who did not write, reads the paused replica: still one.
    expect(await figureOfA(w.reviewer.cookie)).toEqual([4, 1]);
    // The people export too: a person added now is not in the reviewer's file until replay resumes.
    await makePerson({ fullName: "Phạm Văn Mới", email: "moi@a.vn", agencyId: w.a.id });
    expect(await exportedNames(w.reviewer.cookie)).not.toContain("Phạm Văn Mới");

    await replica.query("SELECT pg_wal_replay_resume()");
    await caughtUp();
    expect(await figureOfA(w.reviewer.cookie)).toEqual([5, 2]); // Bình done; Mới counted too
    expect(await exportedNames(w.reviewer.cookie)).toContain("Phạm Văn Mới");
    // Once replayed, the writer's reads go back to the replica.
    expect(await runWithReadContext({ primaryOnly: false, minLsn: lsn!, wrote: false }, readDb)).toBe(
      replicaClient(),
    );
  });
  it("a replica that does not answer sends reports to the primary instead of failing them", async () => {
    const readUrl = process.env.DATABASE_READ_URL;
    await closeDb();
    const u = new URL(readUrl!);
    u.port = "1"; // nothing listens there
    process.env.DATABASE_READ_URL = u.toString();
    try {
      expect(replicaClient()).not.toBeNull();
      expect(await readDb()).toBe(db);
      expect(await figureOfA(w.reviewer.cookie)).toEqual([5, 2]);
    } finally {
      await closeDb();
      process.env.DATABASE_READ_URL = readUrl;
    }
  });
});

describe.runIf(process.env.TEST_DB !== "postgres")("on the embedded database", () => {
  it("DATABASE_READ_URL is ignored with a message, and every read goes to PGlite", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    process.env.DATABASE_READ_URL = "postgresql://postgres@127.0.0.1:1/replica";
    try {
      expect(replicaClient()).toBeNull();
      expect(warn.mock.calls.flat().join(" ")).toMatch(/DATABASE_READ_URL bị bỏ qua.*PGlite/);
      expect(await readDb()).toBe(db);
    } finally {
      delete process.env.DATABASE_READ_URL;
      warn.mockRestore();
    }
  });
});
