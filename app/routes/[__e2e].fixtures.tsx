// Test data for the Playwright fixtures (test/e2e/support/fixtures.ts): 404 unless this server was started
// with E2E_FIXTURES_TOKEN (only scripts/e2e-server.mjs and scripts/e2e-auth-server.ts set it) and the
// request carries the same token. See docs/decisions/011-e2e-fixtures.md.
import { timingSafeEqual } from "node:crypto";
import type { ActionFunctionArgs } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { E2E_TOKEN_HEADER, fixtureRequest, runFixture } from "../../test/fixtures/e2e-fixtures.ts";

function authorised(request: Request): boolean {
  const expected = getEnv().E2E_FIXTURES_TOKEN;
  const given = request.headers.get(E2E_TOKEN_HEADER);
  if (!expected || !given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const notFound = () => new Response("Not Found", { status: 404 });

export function loader() {
  return notFound();
}

export async function action({ request }: ActionFunctionArgs) {
  if (!authorised(request)) return notFound();
  const parsed = fixtureRequest.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: parsed.error.issues }, { status: 400 });
  return Response.json(await runFixture(parsed.data));
}
