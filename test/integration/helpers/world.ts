// A small agency tree with people and one account per role, for route-level tests.
import { db } from "~/db.server";
import type { Role } from "~/generated/prisma/enums";
import { createSession, SESSION_COOKIE } from "~/modules/auth/session.server";
import { foldVietnamese, personSortKey } from "~/utils/text";

export async function makeAgency(
  code: string,
  name: string,
  parent: { id: string; path: string; depth: number } | null,
  kind: "PROVINCE" | "DEPARTMENT" | "UNIT" | "COMMUNE" = "DEPARTMENT",
) {
  const a = await db.agency.create({
    data: {
      code,
      name,
      kind,
      parentId: parent?.id ?? null,
      path: "/",
      depth: parent ? parent.depth + 1 : 0,
      searchText: foldVietnamese(`${code} ${name}`),
    },
  });
  return db.agency.update({ where: { id: a.id }, data: { path: `${parent?.path ?? "/"}${a.id}/` } });
}

export async function makePerson(fullName: string, email: string, agencyId: string) {
  return db.person.create({
    data: {
      fullName,
      email,
      agencyId,
      staffCategory: "CONG_CHUC",
      searchText: foldVietnamese(`${fullName} ${email}`),
      sortKey: personSortKey(fullName),
      memberships: { create: { agencyId } },
    },
  });
}

export async function makeAccount(
  email: string,
  grants: { role: Role; agencyId?: string | null }[],
  personAgencyId?: string,
) {
  const person = personAgencyId ? await makePerson(`Tài khoản ${email}`, email, personAgencyId) : null;
  const user = await db.user.create({ data: { email, personId: person?.id ?? null } });
  for (const g of grants)
    await db.roleGrant.create({ data: { userId: user.id, role: g.role, agencyId: g.agencyId ?? null } });
  const { token } = await createSession(user.id);
  return { user, cookie: `${SESSION_COOKIE}=${token}` };
}

export async function buildWorld() {
  const province = await makeAgency("P", "UBND tỉnh Thử", null, "PROVINCE");
  const a = await makeAgency("A", "Sở Khoa học và Công nghệ", province);
  const a1 = await makeAgency("A1", "Trung tâm Công nghệ thông tin", a, "UNIT");
  const b = await makeAgency("B", "Sở Tài chính", province);
  const personA = await makePerson("Nguyễn Văn An", "an@a.vn", a.id);
  const personA1 = await makePerson("Trần Thị Bình", "binh@a1.vn", a1.id);
  const personB = await makePerson("Lê Văn Cường", "cuong@b.vn", b.id);
  const coordA = await makeAccount("coord-a@test.vn", [{ role: "COORDINATOR", agencyId: a.id }], a.id);
  const coordB = await makeAccount("coord-b@test.vn", [{ role: "COORDINATOR", agencyId: b.id }], b.id);
  const reviewer = await makeAccount("reviewer@test.vn", [{ role: "REVIEWER", agencyId: province.id }]);
  const learner = await makeAccount("learner@test.vn", [{ role: "LEARNER" }], a.id);
  const admin = await makeAccount("admin@test.vn", [{ role: "ADMIN" }]);
  return { province, a, a1, b, personA, personA1, personB, coordA, coordB, reviewer, learner, admin };
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
