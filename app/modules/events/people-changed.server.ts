// "These people changed" — joined, moved agency, changed category, IT role or tags. Written by the modules
// that change people (people, their import, the agency merge) inside their own transaction; followed by the
// modules that derive facts from who a person is (standing assignments). The writers know no follower, so
// the arrows point one way: people, agencies → here ← assignments. The followers are registered once, in
// app/wiring.server.ts, which every entry loads (the server build, the integration tests' setup, scripts).
import type { Tx } from "~/db.server";

export type PeopleChanged = {
  /** The people concerned; omitted: anyone may have changed (an import, an agency merge). */
  personIds?: string[];
  /** The writer's transaction: followers write in it, so a refused follower undoes the change. */
  tx: Tx;
};

export type PeopleChangedFollower = (change: PeopleChanged) => Promise<unknown>;

const followers = new Map<string, PeopleChangedFollower>();

/** Registers (or replaces, on a dev-server reload) the follower called `name`. */
export function followPeopleChanges(name: string, follower: PeopleChangedFollower) {
  followers.set(name, follower);
}

/** Tells every follower, in the writer's transaction. Fails when none is registered: a missing wiring import
 * would otherwise skip the refresh silently. */
export async function peopleChanged(change: PeopleChanged): Promise<void> {
  if (followers.size === 0)
    throw new Error("No follower of people changes: import ~/wiring.server in this entry point.");
  for (const follow of followers.values()) await follow(change);
}
