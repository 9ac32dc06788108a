// POST /t/s/<token> — the fake landing form. Records "submitted" (and the click, with the follow-up course,
// if the link was not clicked first) and goes to the teachable page. The body is never read: what a person
// typed is not parsed, logged or stored anywhere.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { DRILL_PATHS } from "~/modules/phishing/urls";
import {
  drillNotFound,
  recipientOf,
  recordClick,
  recordEvent,
  seeOther,
  toResponse,
} from "~/modules/phishing/track.server";

export async function action({ params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const id = await recipientOf(token);
  if (!id) return drillNotFound();
  const now = new Date();
  const click = await recordClick(id, now);
  if (!("landing" in click)) return drillNotFound();
  await recordEvent(id, "submitted", now);
  return toResponse(seeOther(DRILL_PATHS.lesson(token)));
}

/** A GET here (a reload after the redirect was lost): the teachable page, recording nothing. */
export async function loader({ params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  return (await recipientOf(token)) ? toResponse(seeOther(DRILL_PATHS.lesson(token))) : drillNotFound();
}
