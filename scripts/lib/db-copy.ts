// The table-level half of `npm run db:move` (scripts/lib/db-move.ts): reading both catalogs, streaming a
// table in primary-key batches, copying it as text cast back to each column's type, and its checksum.
import { createHash } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

export const BATCH_ROWS = 5000;
/** Prisma's bookkeeping: each side writes its own when migrated, so it is compared by migration name. */
const MIGRATIONS_TABLE = "_prisma_migrations";

/** Both sides answer rows as arrays of text (every selected value is cast to text). */
export type Side = { query(sql: string, params?: unknown[]): Promise<(string | null)[][]> };

export type Column = { name: string; type: string; insertable: boolean; collatable: boolean };
export type Table = { name: string; columns: Column[]; key: Column[]; identity: boolean };

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Same text forms on both sides: timestamps in UTC, floats exact, bytea in hex. */
export const SESSION_SETTINGS = [
  "SET TimeZone = 'UTC'",
  "SET DateStyle = 'ISO, MDY'",
  "SET IntervalStyle = 'postgres'",
  "SET extra_float_digits = 1",
  "SET bytea_output = 'hex'",
];

export function pgliteSide(db: PGlite): Side {
  return {
    query: async (sql, params) => (await db.query<(string | null)[]>(sql, params, { rowMode: "array" })).rows,
  };
}

export function pgSide(client: pg.Client): Side {
  return {
    query: async (sql, params) =>
      (await client.query<(string | null)[]>({ text: sql, values: params, rowMode: "array" })).rows,
  };
}

export async function readTables(side: Side): Promise<Table[]> {
  const rows = await side.query(
    `SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod),
            (a.attgenerated = '')::text, (a.attidentity = 'a')::text, (a.attcollation <> 0)::text,
            coalesce((SELECT k.n FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(att, n) WHERE k.att = a.attnum), 0)::text
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> $1
      ORDER BY c.relname, a.attnum`,
    [MIGRATIONS_TABLE],
  );
  const tables = new Map<string, Table & { keyAt: Map<number, Column> }>();
  for (const [table, name, type, insertable, identity, collatable, keyAt] of rows) {
    let t = tables.get(table!);
    if (!t)
      tables.set(table!, (t = { name: table!, columns: [], key: [], identity: false, keyAt: new Map() }));
    const column = {
      name: name!,
      type: type!,
      insertable: insertable === "true",
      collatable: collatable === "true",
    };
    t.columns.push(column);
    if (identity === "true") t.identity = true;
    if (Number(keyAt) > 0) t.keyAt.set(Number(keyAt), column);
  }
  return [...tables.values()]
    .map(({ keyAt, ...t }) => ({
      ...t,
      key: [...keyAt.keys()].sort((a, b) => a - b).map((k) => keyAt.get(k)!),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export type Sequence = { name: string; last: string; called: boolean; value: string };

export async function readSequences(side: Side): Promise<Sequence[]> {
  const names = await side.query(
    `SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY 1`,
  );
  const out = [];
  for (const [name] of names) {
    const [[last, called]] = await side.query(
      `SELECT last_value::text, is_called::text FROM public.${ident(name!)}`,
    );
    const value = `${last}${called === "true" ? "" : " (chưa dùng)"}`;
    out.push({ name: name!, last: last!, called: called === "true", value });
  }
  return out;
}

/** Primary-key order (text keys byte-wise, the only order PGlite knows), and "the rows after this key". */
function keyset(table: Table) {
  const cols = table.key.map((c) => `_r.${ident(c.name)}${c.collatable ? ' COLLATE "C"' : ""}`);
  return {
    width: table.key.length,
    select: table.key.map((c) => `_r.${ident(c.name)}::text`).join(", "),
    order: cols.join(", "),
    after: `(${cols.join(", ")}) > (${table.key.map((c, i) => `$${i + 1}::${c.type}`).join(", ")})`,
  };
}

/** Rows of `table` in key order, `BATCH_ROWS` at a time: [key text…, md5 of the row's text, columns…]. */
async function* batches(side: Side, table: Table, columns: string[]) {
  const k = keyset(table);
  let after: (string | null)[] | null = null;
  for (;;) {
    const rows: (string | null)[][] = await side.query(
      `SELECT ${k.select}, md5(_r::text)${columns.map((c) => `, ${c}`).join("")}
         FROM public.${ident(table.name)} AS _r
        ${after ? `WHERE ${k.after}` : ""}
        ORDER BY ${k.order} LIMIT ${BATCH_ROWS}`,
      after ?? [],
    );
    if (rows.length) yield rows.map((r) => ({ hash: r[k.width]!, values: r.slice(k.width + 1) }));
    if (rows.length < BATCH_ROWS) return;
    after = rows[rows.length - 1].slice(0, k.width);
  }
}

/**
 * The checksum of a table: md5 over the md5 of each row's text, in primary-key order. The same figure as
 * `SELECT md5(string_agg(md5(_r::text), '' ORDER BY <key>)) FROM <table> _r` in psql, computed while streaming.
 */
export async function checksum(side: Side, table: Table): Promise<{ rows: number; checksum: string }> {
  const digest = createHash("md5");
  let rows = 0;
  for await (const batch of batches(side, table, [])) {
    for (const r of batch) digest.update(r.hash);
    rows += batch.length;
  }
  return { rows, checksum: digest.digest("hex") };
}

export async function copyTable(source: Side, target: Side, table: Table) {
  const cols = table.columns.filter((c) => c.insertable);
  const insert =
    `INSERT INTO public.${ident(table.name)} (${cols.map((c) => ident(c.name)).join(", ")})` +
    `${table.identity ? " OVERRIDING SYSTEM VALUE" : ""}` +
    ` SELECT ${cols.map((c, i) => `u.c${i}::${c.type}`).join(", ")}` +
    ` FROM unnest(${cols.map((_, i) => `$${i + 1}::text[]`).join(", ")}) AS u(${cols.map((_, i) => `c${i}`).join(", ")})`;
  const digest = createHash("md5");
  let rows = 0;
  for await (const batch of batches(
    source,
    table,
    cols.map((c) => `_r.${ident(c.name)}::text`),
  )) {
    // One array per column: one statement per batch, whatever the number of rows.
    await target.query(
      insert,
      cols.map((_, i) => batch.map((r) => r.values[i])),
    );
    for (const r of batch) digest.update(r.hash);
    rows += batch.length;
  }
  return { rows, checksum: digest.digest("hex") };
}

export async function appliedMigrations(side: Side): Promise<string[] | null> {
  const [[exists]] = await side.query(`SELECT (to_regclass($1) IS NOT NULL)::text`, [
    `public.${MIGRATIONS_TABLE}`,
  ]);
  if (exists !== "true") return null;
  const rows = await side.query(
    `SELECT migration_name FROM public.${MIGRATIONS_TABLE}
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY 1`,
  );
  return rows.map(([name]) => name!);
}

/** Tables of the target (any schema but the system's) that hold at least one row; Prisma's own excepted. */
/**
 * Tables whose rows the migrations themselves write (the figures watermark and the agency version counter,
 * docs/decisions/014; the phishing settings with the drill links' token key, docs/decisions/017): a freshly
 * migrated database is still empty with them, and the copy replaces them with the source's rows, so the links
 * already emailed keep working after a move.
 */
export const MIGRATION_ROWS = ["FigureWatermark", "AgencyVersion", "PhishingSettings"];

export async function tablesWithRows(target: Side): Promise<string[]> {
  const tables = await target.query(
    `SELECT n.nspname::text, c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg\\_%' AND NOT (n.nspname = 'public' AND c.relname = ANY($1::text[]))
      ORDER BY 1, 2`,
    [[MIGRATIONS_TABLE, ...MIGRATION_ROWS]],
  );
  const full = [];
  for (const [schema, name] of tables) {
    const [[has]] = await target.query(
      `SELECT EXISTS (SELECT 1 FROM ${ident(schema!)}.${ident(name!)})::text`,
    );
    if (has === "true") full.push(schema === "public" ? name! : `${schema}.${name}`);
  }
  return full;
}
