// /calendar/<token>.ics — a person's calendar feed. No login: calendar apps cannot sign in, so the secret
// token is the key; it is looked up by its hash and a wrong or revoked token is a plain 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { feedIcs, icsResponse } from "~/modules/scheduling/calendar.server";
import { serverT } from "~/utils/i18n.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const raw = params.token ?? "";
  const token = raw.endsWith(".ics") ? raw.slice(0, -4) : raw;
  const text = await feedIcs(token);
  if (!text)
    return new Response(serverT(request)("scheduling.calendarNotFound"), {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  return icsResponse(text, "lich-hoc-attt.ics");
}
