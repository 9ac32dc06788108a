import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { getAuth, getPendingSession } from "~/modules/auth/guards.server";
import { blankSessionCookie, invalidateSession } from "~/modules/auth/session.server";

export async function loader() {
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  // A sign-in still waiting for its second factor can be abandoned too.
  const session = (await getAuth(request)) ?? (await getPendingSession(request));
  if (session) await invalidateSession(session.sessionId);
  return redirect("/login", { headers: { "Set-Cookie": blankSessionCookie() } });
}
