// GET /t/c/<token> — the drill email's link: records the click (and assigns the follow-up course) once,
// then shows the fake landing page or goes straight to the teachable page. The production server answers it
// before Remix (server.js → trackingAnswer); this route serves the rest.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { clickAnswer, toResponse } from "~/modules/phishing/track.server";

export async function loader({ params }: LoaderFunctionArgs) {
  return toResponse(await clickAnswer(params.token ?? ""));
}
