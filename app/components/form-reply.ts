// A page with many small forms posting to one action: a conform reply belongs to the form whose fields it
// echoes (its initialValue), so only that form shows the errors.
import type { SubmissionResult } from "@conform-to/react";

export type Reply = SubmissionResult<string[]> | undefined;

/** The action's data when it is a conform reply (an action may also answer with other data). */
export function asReply(data: unknown): Reply {
  return data && typeof data === "object" && "status" in data && ("initialValue" in data || "error" in data)
    ? (data as Reply)
    : undefined;
}

/** The reply when it answers the post that carried every one of these fields, else undefined. */
export function replyFor(reply: Reply, fields: Record<string, string>): Reply {
  const sent = reply?.initialValue ?? {};
  return Object.entries(fields).every(([k, v]) => sent[k] === v) ? reply : undefined;
}

/** The first message of the reply outside the given fields (a refusal of the whole post). */
export function replyMessage(reply: Reply, except: readonly string[] = []): string | undefined {
  for (const [name, messages] of Object.entries(reply?.error ?? {}))
    if (!except.includes(name) && messages?.length) return messages[0];
  return undefined;
}
