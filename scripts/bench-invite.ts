// `npm run bench:invite`: plans and sends invitations to sign in for 30,000 people in one agency subtree on
// PostgreSQL (target < 10 s), then measures the outbox's send rate to a loopback SMTP server. Runs on a
// scratch database created on the server of TEST_DATABASE_URL or DATABASE_URL (else the local server) and
// dropped at the end.
import { performance } from "node:perf_hooks";
import nodemailer from "nodemailer";
import pg from "pg";
import { startSmtp } from "../test/integration/helpers/smtp.ts";
import { applyMigrations } from "./lib/schema-engine.ts";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 30_000);
const EMAILS = Number(process.env.BENCH_EMAILS ?? 2_000);
const TARGET_S = 10;

// Read once: DATABASE_URL is pointed at the scratch database below.
const SERVER = serverUrl();
function serverUrl(): URL {
  const base =
    process.env.TEST_DATABASE_URL ??
    process.env.DATABASE_URL ??
    "postgresql://postgres@127.0.0.1:5432/postgres";
  return new URL(base);
}

async function onServer(sql: string) {
  const admin = new pg.Client({ connectionString: SERVER.toString() });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** Wall and CPU (this process: hashing, random secrets, composing emails, driver) time of a step. */
async function timed<T>(run: () => Promise<T>): Promise<{ result: T; wallS: number; cpuS: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await run();
  const cpu = process.cpuUsage(cpu0);
  return { result, wallS: (performance.now() - t0) / 1000, cpuS: (cpu.user + cpu.system) / 1e6 };
}

async function main() {
  const name = `hoc_bench_invite_${process.pid}`;
  await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await onServer(`CREATE DATABASE "${name}"`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  await applyMigrations({ url: url.toString() });
  // The app's db module reads DATABASE_URL on first use, so app modules are imported only now.
  process.env.DATABASE_URL = url.toString();
  const { db, closeDb } = await import("../app/db.server.ts");
  const { authConfigSchema, setAuthConfigForTests } = await import("../app/modules/auth/config.server.ts");
  const { planInvitations, sendInvitations } = await import("../app/modules/auth/invitations.server.ts");
  const { processOutbox } = await import("../app/modules/notifications/outbox.server.ts");
  const { createTransportFromEnv } = await import("../app/modules/notifications/mailer.server.ts");
  const { makeAgency } = await import("../test/fixtures/factories.ts");
  const smtp = await startSmtp();
  try {
    setAuthConfigForTests(
      authConfigSchema.parse({ provinceName: "Tỉnh Đo Thử", publicUrl: "https://hoc.example.vn" }),
    );
    // A province with 30 departments of 3 units each; the people spread over the units.
    const province = await makeAgency({ code: "BI", name: "UBND tỉnh Đo Thử", kind: "PROVINCE" });
    const units: string[] = [];
    for (let d = 1; d <= 30; d++) {
      const dept = await makeAgency({ code: `BI.S${d}`, name: `Sở số ${d}`, parent: province });
      for (let u = 1; u <= 3; u++)
        units.push(
          (await makeAgency({ code: `${dept.code}.P${u}`, name: `Phòng ${u}`, kind: "UNIT", parent: dept }))
            .id,
        );
    }
    await db.$executeRaw`
      INSERT INTO "Person" (id, "fullName", email, "agencyId", "staffCategory", "searchText", "sortKey", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), 'Cán bộ số ' || i, 'can-bo-' || i || '@bench.gov.vn',
             (${units}::uuid[])[1 + i % ${units.length}::int], 'CONG_CHUC'::"StaffCategory",
             'can bo so ' || i, lpad(i::text, 8, '0'), now(), now()
      FROM generate_series(1, ${PEOPLE}::int) AS i`;
    await db.$executeRawUnsafe("ANALYZE");
    const coordinator = await db.user.create({ data: { email: "dieu-phoi@bench.gov.vn" } });
    const actor = {
      userId: coordinator.id,
      email: coordinator.email,
      personId: null,
      fullName: "Cán bộ phụ trách đào tạo",
      locale: "vi" as const,
      mustChangePassword: false,
      grants: [{ role: "COORDINATOR" as const, agencyId: province.id, agencyPath: province.path }],
    };
    const source = { mode: "subtree" as const, agency: province.id };

    const plan = await timed(() => planInvitations(actor, source));
    const send = await timed(() => sendInvitations(actor, source));
    const again = await timed(() => sendInvitations(actor, source));
    const live = await db.authToken.count({ where: { kind: "INVITE", usedAt: null, revokedAt: null } });
    const queued = await db.outboxEmail.count({ where: { status: "PENDING" } });

    // Delivery through the app's own SMTP transport, first with a connection per email (SMTP_POOL=false).
    const transport = createTransportFromEnv({
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(smtp.port),
      SMTP_SECURE: "false",
      SMTP_POOL: "false",
    })!;
    let sent = 0;
    const delivery = await timed(async () => {
      while (sent < EMAILS) {
        const r = await processOutbox({
          transport,
          workerId: "bench",
          batchSize: Math.min(50, EMAILS - sent),
        });
        if (r.claimed === 0) break;
        sent += r.sent;
      }
    });
    const received = smtp.inbox.length;
    // The same with a pooled SMTP connection (nodemailer `pool: true`), for comparison.
    const pooled = nodemailer.createTransport({
      host: "127.0.0.1",
      port: smtp.port,
      secure: false,
      pool: true,
    });
    let pooledSent = 0;
    const pooledRun = await timed(async () => {
      while (pooledSent < EMAILS) {
        const r = await processOutbox({
          transport: pooled,
          workerId: "bench-pool",
          batchSize: Math.min(50, EMAILS - pooledSent),
        });
        if (r.claimed === 0) break;
        pooledSent += r.sent;
      }
    });
    pooled.close();

    const mark = (ok: boolean) => (ok ? "✓" : "✗");
    const f = (s: number) => `${s.toFixed(2)} s`;
    console.log(
      `\nInvitation benchmark on ${url.host} (${PEOPLE.toLocaleString("en")} people in one subtree)`,
    );
    console.log(
      `  plan only (who, skips)         wall ${f(plan.wallS)}  cpu ${f(plan.cpuS)}  (${plan.result.invitees.length} invitees)`,
    );
    console.log(
      `  ${mark(send.wallS < TARGET_S)} plan + send (tokens, emails)  wall ${f(send.wallS)}  cpu ${f(send.cpuS)}  (target < ${TARGET_S} s; ${send.result.invited} invited)`,
    );
    console.log(
      `  re-invite everyone (revokes)   wall ${f(again.wallS)}  cpu ${f(again.cpuS)}  (${again.result.reinvited} re-invited)`,
    );
    console.log(`  live invitation links          ${live} (one per person)`);
    console.log(`  emails queued in the outbox    ${queued} (the first round's were withdrawn)`);
    console.log(
      `  outbox → SMTP, no pool         ${sent} emails in ${f(delivery.wallS)} = ${(sent / delivery.wallS).toFixed(0)} emails/s (cpu ${f(delivery.cpuS)}; ${received} received)\n`,
    );
    console.log(
      `  same, pooled (the default)     ${pooledSent} emails in ${f(pooledRun.wallS)} = ${(pooledSent / pooledRun.wallS).toFixed(0)} emails/s\n`,
    );
    if (send.wallS >= TARGET_S || live !== PEOPLE || received !== sent) process.exitCode = 1;
  } finally {
    await smtp.close();
    await closeDb();
    await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
