// A small agency tree with people and one account per role, for route-level tests. Built with the one set
// of factories (test/fixtures/factories.ts); this file adds the session cookie and the route callers.
import { db } from "~/db.server";
import {
  type AccountOverrides,
  makeAccount,
  makeAgency,
  makePerson,
  makePlan,
  makeSessionCookie,
  makeTarget,
} from "../../fixtures/factories";

export { makeAgency, makePerson };

/** An account (with a person when `agencyId` is given) and the Cookie header of a fresh session of it. */
export async function signedInAccount(overrides: AccountOverrides) {
  const { user, person } = await makeAccount(overrides);
  return { user, person, cookie: await makeSessionCookie(user.id) };
}

export async function buildWorld() {
  const province = await makeAgency({ code: "P", name: "UBND tỉnh Thử", kind: "PROVINCE" });
  const a = await makeAgency({ code: "A", name: "Sở Khoa học và Công nghệ", parent: province });
  const a1 = await makeAgency({ code: "A1", name: "Trung tâm Công nghệ thông tin", parent: a, kind: "UNIT" });
  const b = await makeAgency({ code: "B", name: "Sở Tài chính", parent: province });
  const personA = await makePerson({ fullName: "Nguyễn Văn An", email: "an@a.vn", agencyId: a.id });
  const personA1 = await makePerson({ fullName: "Trần Thị Bình", email: "binh@a1.vn", agencyId: a1.id });
  const personB = await makePerson({ fullName: "Lê Văn Cường", email: "cuong@b.vn", agencyId: b.id });
  const coordA = await signedInAccount({
    email: "coord-a@test.vn",
    grants: [{ role: "COORDINATOR", agencyId: a.id }],
    agencyId: a.id,
  });
  const coordB = await signedInAccount({
    email: "coord-b@test.vn",
    grants: [{ role: "COORDINATOR", agencyId: b.id }],
    agencyId: b.id,
  });
  const reviewer = await signedInAccount({
    email: "reviewer@test.vn",
    grants: [{ role: "REVIEWER", agencyId: province.id }],
  });
  const learner = await signedInAccount({
    email: "learner@test.vn",
    grants: [{ role: "LEARNER" }],
    agencyId: a.id,
  });
  const admin = await signedInAccount({ email: "admin@test.vn", grants: [{ role: "ADMIN" }] });
  return { province, a, a1, b, personA, personA1, personB, coordA, coordB, reviewer, learner, admin };
}

/**
 * buildWorld plus the province's 2026 plan with one target (T1: everyone through ATTT cơ bản by the end of
 * 2026) and the one valid completion of it, An's at A: 4 people and 1 done under A, 2 and 0 under B.
 */
export async function buildWorldWithTarget() {
  const w = await buildWorld();
  const plan = await makePlan({ agencyId: w.province.id });
  const target = await makeTarget({ planId: plan.id, code: "T1", title: "ATTT cơ bản" });
  await db.completion.create({
    data: {
      personId: w.personA.id,
      topics: ["attt-co-ban"],
      source: "ONLINE",
      completedAt: new Date("2026-03-01"),
    },
  });
  return { ...w, plan, target };
}

type RouteFn = (args: {
  request: Request;
  params: Record<string, string>;
  context: Record<string, unknown>;
}) => unknown;

/** Calls a loader or action and returns status + body, whether it returned or threw. */
export async function call(fn: RouteFn, request: Request, params: Record<string, string> = {}) {
  let out: unknown;
  try {
    out = await fn({ request, params, context: {} });
  } catch (e) {
    out = e;
  }
  if (out instanceof Response) return { status: out.status, data: null as unknown, response: out };
  const d = out as { type?: string; data?: unknown; init?: { status?: number } | null };
  if (d && d.type === "DataWithResponseInit")
    return { status: d.init?.status ?? 200, data: d.data, response: null };
  if (out instanceof Error) throw out;
  return { status: 200, data: out, response: null };
}

export function get(url: string, cookie: string) {
  return new Request(`http://localhost${url}`, { headers: { cookie } });
}

export function post(url: string, cookie: string, fields: Record<string, string>) {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" },
    body: new URLSearchParams(fields),
  });
}

export function upload(url: string, cookie: string, fileName: string, content: string | Uint8Array) {
  const form = new FormData();
  form.set("file", new File([typeof content === "string" ? content : Buffer.from(content)], fileName));
  return new Request(`http://localhost${url}`, { method: "POST", headers: { cookie }, body: form });
}
