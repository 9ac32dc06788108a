// The pages an emailed link opens (/reset/<token>, /magic/<token>): the URL is a credential, so no cache keeps
// the page, and GET only says whether the link is live and for whom (410 when not); using it up is the POST's.
import { data } from "@remix-run/node";
import { getActor } from "./guards.server";
import { linkState } from "./recovery.server";

/** The pages' headers (their `headers` export). */
export const NO_STORE = { "Cache-Control": "no-store" } as const;

export async function emailedLinkLoader(
  request: Request,
  kind: "RESET" | "MAGIC",
  token: string | undefined,
) {
  // Anyone holding the link may use it; who is signed in does not matter (the session is only refreshed).
  await getActor(request);
  const state = await linkState(kind, token ?? "");
  if (!state.ok) return data({ live: false as const, reason: state.reason }, { status: 410 });
  return { live: true as const, email: state.email };
}
