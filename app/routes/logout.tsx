import { type ActionFunctionArgs, redirect, redirectDocument } from "@remix-run/node";
import { getAuth, getPendingSession } from "~/modules/auth/guards.server";
import { endSessionUrl } from "~/modules/auth/oidc.server";
import { blankSessionCookie, invalidateSession } from "~/modules/auth/session.server";

export async function loader() {
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  // The form posts logoutSchema, which has no fields: the body is not read, so signing out cannot fail.
  // A sign-in still waiting for its second factor can be abandoned too.
  const session = (await getAuth(request)) ?? (await getPendingSession(request));
  const headers = { "Set-Cookie": blankSessionCookie() };
  if (!session) return redirect("/login", { headers });
  // Signed in through a province's identity service: end its session too (RP-initiated logout).
  const providerLogout = await endSessionUrl(session.sessionId, request);
  await invalidateSession(session.sessionId);
  if (providerLogout) return redirectDocument(providerLogout, { headers });
  return redirect("/login", { headers });
}
