// The action of both "send me a link" pages (forgot password, sign-in by email): the email checked, the
// request passed on, and the same answer whatever the address, so the page never tells whether it exists.
import { data } from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import { linkRequestSchema } from "~/domain/auth";
import { parseSubmission } from "~/utils/conform.server";
import { clientIp } from "~/utils/http.server";
import { publicBaseUrl } from "./config.server";

export type LinkRequestResult =
  { sent: true; reply: null } | { sent: false; reply: SubmissionResult<string[]> };

export async function answerLinkRequest(
  request: Request,
  send: (email: string, meta: { ip: string; baseUrl: string }) => Promise<void>,
) {
  const submission = await parseSubmission(request, linkRequestSchema);
  if (submission.status !== "success")
    return data({ sent: false, reply: submission.reply() } as LinkRequestResult, { status: 400 });
  await send(submission.value.email, { ip: clientIp(request), baseUrl: publicBaseUrl(request) });
  return data({ sent: true, reply: null } as LinkRequestResult);
}
