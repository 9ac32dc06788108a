import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { getAuth } from "~/modules/auth/guards.server";
import { blankSessionCookie, invalidateSession } from "~/modules/auth/session.server";

export async function loader() {
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await getAuth(request);
  if (auth) await invalidateSession(auth.sessionId);
  return redirect("/login", { headers: { "Set-Cookie": blankSessionCookie() } });
}
