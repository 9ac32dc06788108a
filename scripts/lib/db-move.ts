// `npm run db:move -- postgresql://…` (issue 14.6): the embedded database of a province that tried the product
// with `npm start` goes, row for row, into an empty PostgreSQL database, and the copy is proved table by table.
// Both sides are PostgreSQL (PGlite is PostgreSQL in WASM) with the same migrations, so every value travels as
// its own text form and is cast back to the column's type; the tables are read in primary-key batches, so a
// 2.5-million-row table never sits in memory.
import { existsSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { acquireDirLock } from "../../app/db-lock.server.ts";
import {
  BATCH_ROWS,
  MIGRATION_ROWS,
  SESSION_SETTINGS,
  type Side,
  type Table,
  appliedMigrations,
  checksum,
  copyTable,
  ident,
  pgSide,
  pgliteSide,
  readSequences,
  readTables,
  tablesWithRows,
} from "./db-copy.ts";
import { applyMigrations, readMigrations } from "./schema-engine.ts";

/** A refusal or a failure the operator reads as is (Vietnamese, no stack). */
export class MoveError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "MoveError";
  }
}

export type TableReport = {
  name: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  equal: boolean;
};
export type SequenceReport = { name: string; source: string; target: string; equal: boolean };
export type MoveReport = { tables: TableReport[]; sequences: SequenceReport[]; ok: boolean };

/** The URL as the operator may see it again: the password is never printed. */
export function shownUrl(url: URL): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

/** The target URL, or a MoveError (exit 2) saying what a valid one looks like. */
export function parseTargetUrl(raw: string | undefined): URL {
  const usage =
    "Cách dùng: npm run db:move -- postgresql://người_dùng:mật_khẩu@máy_chủ:5432/tên_csdl\n" +
    "(chép cơ sở dữ liệu nhúng data/pglite, hoặc PGLITE_DIR, vào một cơ sở dữ liệu PostgreSQL trống)";
  if (!raw) throw new MoveError(usage, 2);
  let url: URL | null = null;
  try {
    url = /^postgres(ql)?:\/\//.test(raw) ? new URL(raw) : null;
  } catch {
    url = null;
  }
  if (!url || !url.hostname) {
    throw new MoveError(`Địa chỉ PostgreSQL không hợp lệ: "${raw}".\n${usage}`, 2);
  }
  if (url.pathname.replace(/^\//, "") === "") {
    throw new MoveError(`Địa chỉ ${shownUrl(url)} thiếu tên cơ sở dữ liệu (…:5432/tên_csdl).\n${usage}`, 2);
  }
  return url;
}

function refuseNonEmpty(url: URL, full: string[]): never {
  const some = full.slice(0, 5).join(", ") + (full.length > 5 ? `, … (${full.length} bảng)` : "");
  throw new MoveError(
    `Cơ sở dữ liệu đích ${shownUrl(url)} đã có dữ liệu (bảng ${some}).\n` +
      `db:move chỉ chép vào một cơ sở dữ liệu trống, để hai bộ dữ liệu không bị trộn vào nhau. ` +
      `Hãy tạo một cơ sở dữ liệu mới (ví dụ: createdb -h máy_chủ hoc_attt) rồi chạy lại.\n` +
      `Chưa có gì được ghi vào cơ sở dữ liệu đích.`,
  );
}

export function connectionMessage(url: URL, error: unknown): string {
  const e = error as { code?: string; message?: string };
  const where = shownUrl(url);
  const db = url.pathname.replace(/^\//, "");
  if (e.code === "3D000")
    return `Máy chủ PostgreSQL chưa có cơ sở dữ liệu "${db}" (${where}). Hãy tạo nó trước: createdb -h ${url.hostname} ${db}`;
  if (e.code === "28P01" || e.code === "28000")
    return `PostgreSQL từ chối đăng nhập vào ${where}: sai người dùng hoặc mật khẩu (${e.message}).`;
  return `Không kết nối được tới PostgreSQL ${where}: ${e.message ?? e.code ?? String(error)}`;
}

async function openTarget(url: URL): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 15_000 });
  client.on("error", () => {}); // a dropped connection surfaces as the failing query's error
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new MoveError(connectionMessage(url, error));
  }
  return client;
}

/** Opens the embedded database for this process only, or says why not (held by the app, missing, stale). */
function openSource(dir: string): { db: PGlite; release(): void } {
  if (!existsSync(path.join(dir, "PG_VERSION"))) {
    throw new MoveError(
      `Không có cơ sở dữ liệu nhúng tại ${dir}. Đặt PGLITE_DIR nếu nó ở chỗ khác ` +
        `(mặc định data/pglite, nơi \`npm start\` tạo ra).`,
    );
  }
  // Throws DatabaseLockedError while the app (or a seed) holds it: the caller prints its message.
  const release = acquireDirLock(dir);
  return { db: new PGlite(dir), release };
}

export type MoveOptions = { sourceDir: string; target: URL; log?: (line: string) => void };

/** The source must be at this code's migrations (else the two schemas differ) and every table keyed. */
async function checkSource(source: Side, sourceDir: string): Promise<Table[]> {
  const expected = readMigrations().migrationDirectories.map((d) => d.path);
  const applied = await appliedMigrations(source);
  if (!applied || applied.join() !== [...expected].sort().join()) {
    throw new MoveError(
      `Cơ sở dữ liệu nhúng ${sourceDir} không ở phiên bản của mã nguồn này ` +
        `(${applied ? `${applied.length}/${expected.length} migration` : "chưa có migration nào"}). ` +
        `Chạy \`npm run db:migrate\` (khi ứng dụng đã dừng) rồi chạy lại db:move.`,
    );
  }
  const tables = await readTables(source);
  const keyless = tables.filter((t) => !t.key.length).map((t) => t.name);
  if (keyless.length) {
    // Batches and checksums follow the primary key; physical order differs between the two sides.
    throw new MoveError(`Bảng không có khóa chính, không chép được theo lô: ${keyless.join(", ")}.`);
  }
  return tables;
}

/** Refuses a target with rows before writing anything (not even the schema), then migrates it. */
async function prepareTarget(target: Side, url: URL, tables: Table[], log: (line: string) => void) {
  const before = await tablesWithRows(target);
  if (before.length) refuseNonEmpty(url, before);
  log(`› Tạo lược đồ trên ${shownUrl(url)} (các migration của npm run db:migrate)…`);
  await applyMigrations({ url: url.toString() });
  const shape = (ts: Table[]) =>
    JSON.stringify(ts.map((t) => [t.name, t.columns.map((c) => [c.name, c.type])]));
  if (shape(tables) !== shape(await readTables(target))) {
    throw new MoveError(
      `Lược đồ của cơ sở dữ liệu đích khác lược đồ của cơ sở dữ liệu nhúng (bảng hoặc cột không khớp). ` +
        `Hãy dùng một cơ sở dữ liệu mới, trống. Chưa có dòng nào được chép.`,
    );
  }
}

/** Every row and sequence, inside the target's open transaction. Returns the source side's figures. */
async function copyAll(source: Side, target: Side, url: URL, tables: Table[], log: (line: string) => void) {
  // Nobody writes the target meanwhile; and a row that arrived since the first look still stops us.
  await target.query(
    `LOCK TABLE ${tables.map((t) => `public.${ident(t.name)}`).join(", ")} IN ACCESS EXCLUSIVE MODE`,
  );
  const arrived = await tablesWithRows(target);
  if (arrived.length) refuseNonEmpty(url, arrived);
  // Foreign keys (Agency points at itself) are dropped for the copy and added back, which checks them all.
  const fks = await target.query(
    `SELECT conrelid::regclass::text, conname::text, pg_get_constraintdef(oid)
       FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY 1, 2`,
  );
  for (const [table, name] of fks) await target.query(`ALTER TABLE ${table} DROP CONSTRAINT ${ident(name!)}`);

  // The figure summary tables are copied as they are, not rebuilt row by row by their triggers.
  await target.query(`SET LOCAL hoc.figures_off = 'on'`);
  for (const name of MIGRATION_ROWS) await target.query(`DELETE FROM public.${ident(name)}`);
  log(`› Chép ${tables.length} bảng (một giao dịch, ${BATCH_ROWS} dòng mỗi lượt)…`);
  const copied = new Map<string, { rows: number; checksum: string }>();
  for (const t of tables) {
    const t0 = Date.now();
    const c = await copyTable(source, target, t);
    copied.set(t.name, c);
    if (c.rows) log(`  ${t.name}: ${c.rows} dòng (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  for (const [table, name, def] of fks) {
    await target.query(`ALTER TABLE ${table} ADD CONSTRAINT ${ident(name!)} ${def}`);
  }
  // Sequences continue where the embedded database left off (numbers already handed out stay used).
  const sequences = await readSequences(source);
  for (const s of sequences) {
    await target.query(`SELECT setval($1::regclass, $2::bigint, $3::boolean)`, [
      `public.${ident(s.name)}`,
      s.last,
      s.called,
    ]);
  }
  return { copied, sequences };
}

/** Reads the target back (same order, same per-row hash) and compares with what was read from the source. */
async function verify(
  target: Side,
  tables: Table[],
  { copied, sequences }: Awaited<ReturnType<typeof copyAll>>,
): Promise<MoveReport> {
  const report: TableReport[] = [];
  for (const t of tables) {
    const s = copied.get(t.name)!;
    const d = await checksum(target, t);
    report.push({
      name: t.name,
      sourceRows: s.rows,
      targetRows: d.rows,
      sourceChecksum: s.checksum,
      targetChecksum: d.checksum,
      equal: s.rows === d.rows && s.checksum === d.checksum,
    });
  }
  const targetSeqs = new Map((await readSequences(target)).map((s) => [s.name, s.value]));
  const seqs = sequences.map((s) => ({
    name: s.name,
    source: s.value,
    target: targetSeqs.get(s.name) ?? "—",
    equal: targetSeqs.get(s.name) === s.value,
  }));
  return { tables: report, sequences: seqs, ok: report.every((r) => r.equal) && seqs.every((s) => s.equal) };
}

/** The whole move: refuses early, writes the rows in one transaction, verifies before it commits. */
export async function moveDatabase({
  sourceDir,
  target: url,
  log = console.log,
}: MoveOptions): Promise<MoveReport> {
  const { db, release } = openSource(sourceDir);
  let client: pg.Client | undefined;
  try {
    const source = pgliteSide(db);
    for (const s of SESSION_SETTINGS) await source.query(s);
    const tables = await checkSource(source, sourceDir);
    client = await openTarget(url);
    const target = pgSide(client);
    for (const s of SESSION_SETTINGS) await target.query(s);
    await prepareTarget(target, url, tables, log);

    await target.query("BEGIN");
    try {
      const copied = await copyAll(source, target, url, tables, log);
      log("› Kiểm tra: số dòng và checksum từng bảng, đọc lại từ cơ sở dữ liệu đích…");
      const report = await verify(target, tables, copied);
      // A copy that does not check out is not kept: the target stays empty for the next try.
      await target.query(report.ok ? "COMMIT" : "ROLLBACK");
      return report;
    } catch (error) {
      await target.query("ROLLBACK").catch(() => {});
      throw error;
    }
  } finally {
    await client?.end().catch(() => {});
    await db.close().catch(() => {});
    release();
  }
}

/** The table the operator reads: one line per table, then the sequences and the verdict. */
export function formatReport(report: MoveReport): string {
  const width = Math.max(
    4,
    ...report.tables.map((t) => t.name.length),
    ...report.sequences.map((s) => s.name.length),
  );
  const lines = [`${"Bảng".padEnd(width)}  ${"Số dòng".padStart(9)}  Checksum (md5)                    Khớp`];
  for (const t of report.tables) {
    lines.push(
      `${t.name.padEnd(width)}  ${String(t.sourceRows).padStart(9)}  ${t.sourceChecksum}  ${t.equal ? "✓" : "✗"}`,
    );
    if (!t.equal) {
      lines.push(`${"".padEnd(width)}  ${String(t.targetRows).padStart(9)}  ${t.targetChecksum}  (đích)`);
    }
  }
  if (report.sequences.length) {
    lines.push("", `${"Chuỗi số (sequence)".padEnd(width)}  giá trị`);
    for (const s of report.sequences) {
      lines.push(`${s.name.padEnd(width)}  ${s.source}${s.equal ? "  ✓" : `  ✗ (đích: ${s.target})`}`);
    }
  }
  const rows = report.tables.reduce((n, t) => n + t.sourceRows, 0);
  const bad = report.tables.filter((t) => !t.equal).length + report.sequences.filter((s) => !s.equal).length;
  lines.push(
    "",
    report.ok
      ? `Đã chép ${report.tables.length} bảng, ${rows} dòng: số dòng và checksum của mọi bảng đều khớp.`
      : `✗ ${bad} bảng hoặc chuỗi số không khớp: giao dịch đã được hủy, cơ sở dữ liệu đích không có dòng nào.`,
  );
  return lines.join("\n");
}
