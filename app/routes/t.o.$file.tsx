// GET /t/o/<token>.gif — the open pixel (only in campaigns that track opens): records "opened" once.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { drillNotFound, pixelResponse, recipientOf, recordEvent } from "~/modules/phishing/track.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const file = params.file ?? "";
  const id = file.endsWith(".gif") ? await recipientOf(file.slice(0, -4)) : null;
  if (!id) return drillNotFound();
  const outcome = await recordEvent(id, "opened", new Date());
  return outcome === "recorded" || outcome === "again" ? pixelResponse() : drillNotFound();
}
