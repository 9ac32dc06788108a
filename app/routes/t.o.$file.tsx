// GET /t/o/<token>.gif — the open pixel (only in campaigns that track opens): records "opened" once. The
// production server answers it before Remix (server.js → trackingAnswer); this route serves the rest.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { openAnswer, toResponse } from "~/modules/phishing/track.server";

export async function loader({ params }: LoaderFunctionArgs) {
  return toResponse(await openAnswer(params.file ?? ""));
}
