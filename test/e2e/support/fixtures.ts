// Playwright fixtures that make their own data through the e2e fixtures route (app/routes/[__e2e].fixtures.tsx)
// and remove it after the test: `signIn` makes an account with a role in an agency and puts its session
// cookie in the page's context (no trip through the login form); `makePerson` adds a person.
// See docs/decisions/011-e2e-fixtures.md.
import { readFileSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, test as base, request as requests } from "@playwright/test";
import { E2E_TOKEN_HEADER, type FixtureRequest } from "../../fixtures/e2e-fixtures";
import type { LearningAnswers, LearningRequest } from "../../fixtures/e2e-fixtures-learning";
import type { PhishingAnswers, PhishingRequest } from "../../fixtures/e2e-fixtures-phishing";
import type { WorldRecords, makeWorld } from "../../fixtures/e2e-fixtures-world";

export { expect } from "@playwright/test";

type AccountRequest = Omit<Extract<FixtureRequest, { kind: "account" }>, "kind">;
type PersonRequest = Omit<Extract<FixtureRequest, { kind: "person" }>, "kind">;

export type E2EAccount = {
  userId: string;
  personId: string;
  fullName: string;
  email: string;
  password: string;
  agency: { id: string; code: string; name: string; created: boolean };
  /** Null when asked for no session (`session: false`). */
  cookie: { name: string; value: string } | null;
};
export type E2EPerson = { personId: string; fullName: string; email: string };
/** What `world` made around an account (test/fixtures/e2e-fixtures-world.ts). */
export type E2EWorld = Omit<Awaited<ReturnType<typeof makeWorld>>, "records">;

/** A client of the fixtures route for one server (by its base URL) that remembers what it made. */
export class FixtureClient {
  private made: Record<string, string[]> = { userIds: [], personIds: [], agencyIds: [] };
  private worlds: WorldRecords[] = [];
  private constructor(private api: APIRequestContext) {}

  static async open(baseURL: string) {
    const port = new URL(baseURL).port;
    const token = readFileSync(path.resolve(`test-results/e2e-fixtures-token-${port}`), "utf8").trim();
    const api = await requests.newContext({
      baseURL,
      extraHTTPHeaders: { [E2E_TOKEN_HEADER]: token, origin: baseURL },
    });
    return new FixtureClient(api);
  }

  private async post<T>(body: FixtureRequest): Promise<T> {
    const res = await this.api.post("/__e2e/fixtures", { data: body });
    if (!res.ok()) throw new Error(`e2e fixtures: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async account(input: AccountRequest): Promise<E2EAccount> {
    const a = await this.post<E2EAccount>({ kind: "account", ...input });
    this.made.userIds.unshift(a.userId);
    this.made.personIds.unshift(a.personId);
    if (a.agency.created) this.made.agencyIds.unshift(a.agency.id);
    return a;
  }

  async person(input: PersonRequest): Promise<E2EPerson> {
    const p = await this.post<E2EPerson>({ kind: "person", ...input });
    this.made.personIds.unshift(p.personId);
    return p;
  }

  /** A kind of test/fixtures/e2e-fixtures-learning.ts (an agency, people, an assignment, …); what it made
   * is removed after the test. */
  async make<R extends LearningRequest>(input: R): Promise<LearningAnswers[R["kind"]]> {
    const a = await this.post<LearningAnswers[R["kind"]]>(input);
    for (const [list, ids] of Object.entries(a.made)) this.made[list] = [...ids, ...(this.made[list] ?? [])];
    return a;
  }

  /** A kind of test/fixtures/e2e-fixtures-phishing.ts (make a drill's sends due now, read a recipient's
   * events and scan the database for typed strings); it makes no rows. */
  async phishing<R extends PhishingRequest>(input: R): Promise<PhishingAnswers[R["kind"]]> {
    return this.post<PhishingAnswers[R["kind"]]>(input);
  }

  /** The data that makes the pages of `account`'s role non-empty, in its agency. */
  async world(account: E2EAccount): Promise<E2EWorld> {
    const { records, ...world } = await this.post<Awaited<ReturnType<typeof makeWorld>>>({
      kind: "world",
      userId: account.userId,
      personId: account.personId,
      agencyId: account.agency.id,
    });
    this.worlds.unshift(records);
    return world;
  }

  /** A pass of an older version of `courseCode` (see test/fixtures/recertify.ts); stays after the test. */
  async recertify(input: Omit<Extract<FixtureRequest, { kind: "recertify" }>, "kind">) {
    return this.post<{ oldVersionId: string; completionId: string; assignmentId: string }>({
      kind: "recertify",
      ...input,
    });
  }

  async close() {
    await this.post({ kind: "cleanup", ...this.made, worlds: this.worlds });
    await this.api.dispose();
  }
}

type Fixtures = {
  fixtures: FixtureClient;
  /** Makes an account (`role` in a new agency, or in the seeded `agencyCode`) and signs the page in as it. */
  signIn: (input: AccountRequest) => Promise<E2EAccount>;
  makePerson: (input: PersonRequest) => Promise<E2EPerson>;
};

// The second argument hands the value to the test (Playwright calls it `use`; named so for the hooks lint).
export const test = base.extend<Fixtures>({
  fixtures: async ({ baseURL }, provide) => {
    const client = await FixtureClient.open(baseURL!);
    await provide(client);
    await client.close();
  },
  signIn: async ({ fixtures, context, baseURL }, provide) => {
    await provide(async (input) => {
      const a = await fixtures.account({ ...input, session: true });
      await context.addCookies([{ ...a.cookie!, url: baseURL! }]);
      return a;
    });
  },
  makePerson: async ({ fixtures }, provide) => {
    await provide((input) => fixtures.person(input));
  },
});
