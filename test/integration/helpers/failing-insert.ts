// Makes every insert into one table fail while `run` runs: a transaction that breaks half-way, for real.
import { db } from "~/db.server";

/** Runs `run` while inserts into `table` raise 'simulated failure'; the trigger is gone afterwards. */
export async function whileInsertsFail<T>(table: string, run: () => Promise<T>): Promise<T> {
  const name = `fail_${table.toLowerCase()}`;
  await db.$executeRawUnsafe(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'simulated failure'; END $$`);
  await db.$executeRawUnsafe(
    `CREATE TRIGGER ${name} BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION ${name}()`,
  );
  try {
    return await run();
  } finally {
    await db.$executeRawUnsafe(`DROP TRIGGER ${name} ON "${table}"`);
    await db.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
  }
}
