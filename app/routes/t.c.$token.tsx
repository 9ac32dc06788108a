// GET /t/c/<token> — the drill email's link: records the click (and assigns the follow-up course) once,
// then shows the fake landing page or goes straight to the teachable page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { DRILL_PATHS } from "~/modules/phishing/urls";
import {
  drillNotFound,
  landingResponse,
  recipientOf,
  recordClick,
  seeOther,
} from "~/modules/phishing/track.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const id = await recipientOf(token);
  if (!id) return drillNotFound();
  const click = await recordClick(id, new Date());
  if (!("landing" in click)) return drillNotFound();
  return click.landing === "FORM"
    ? landingResponse(token, click.templateVersionId)
    : seeOther(DRILL_PATHS.lesson(token));
}
