// Which database a request's reports may read (docs/decisions/015-read-replica.md). The server runs every
// request inside a context (app/read-your-writes.server.ts); readDb() in db.server.ts consults it. Kept
// apart from both so neither imports the other in a cycle.
import { AsyncLocalStorage } from "node:async_hooks";

export type ReadContext = {
  /** A state-changing request (POST, …): everything it reads comes from the primary. */
  primaryOnly: boolean;
  /** The primary's WAL position of this browser's last write (from its cookie): the replica must have passed it. */
  minLsn: string | null;
  /** Set by a GET that writes (noteWrite): the answer then carries a new position, as after a POST. */
  wrote: boolean;
  /** Whether the replica has replayed minLsn, asked once per request. */
  replayed?: Promise<boolean>;
};

const storage = new AsyncLocalStorage<ReadContext>();

export function currentReadContext(): ReadContext | undefined {
  return storage.getStore();
}

export function runWithReadContext<T>(context: ReadContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** A module that writes during a GET says so: this browser's next reports then read what it wrote. */
export function noteWrite(): void {
  const context = storage.getStore();
  if (context) context.wrote = true;
}
