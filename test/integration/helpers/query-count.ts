// The SQL statements the app sends while `fn` runs, seen at the driver (pg's Client#query on PostgreSQL, the
// PGlite instance's query and exec on the embedded database), for assertions on how many reads a page costs.
// Counted, not changed: every call goes on to the real driver.
import pg from "pg";
import { dbHandle } from "~/db.server";

type Query = (this: unknown, ...args: unknown[]) => unknown;

function text(arg: unknown): string {
  if (typeof arg === "string") return arg;
  return String((arg as { text?: string } | null)?.text ?? "");
}

export async function sqlStatements(fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const restore: (() => void)[] = [];
  const wrap = (target: Record<string, unknown>, method: string) => {
    const original = target[method] as Query;
    target[method] = function (this: unknown, ...args: unknown[]) {
      seen.push(text(args[0]).replace(/\s+/g, " ").trim());
      return original.apply(this, args);
    };
    restore.push(() => {
      target[method] = original;
    });
  };
  const { pglite } = dbHandle();
  if (pglite) {
    const instance = pglite as unknown as Record<string, unknown>;
    wrap(instance, "query");
    wrap(instance, "exec");
  } else wrap(pg.Client.prototype as unknown as Record<string, unknown>, "query");
  try {
    await fn();
  } finally {
    for (const r of restore) r();
  }
  // A pooled connection opened meanwhile sets its time zone first (db.server.ts): not a read of the page.
  return seen.filter((s) => !/^SET TimeZone/i.test(s));
}
