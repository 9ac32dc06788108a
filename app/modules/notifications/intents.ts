// The inbox's actions, declared once (docs/decisions/009-forms-and-intents.md). Each works on the caller's own
// notices only: the queries are keyed by the caller's person id, whatever id is posted.
import { z } from "zod";
import type { IntentPermissions } from "~/utils/intents";

export const notificationIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open"), id: z.string().max(40) }),
  z.object({ intent: z.literal("read"), id: z.string().max(40) }),
  z.object({ intent: z.literal("readAll") }),
]);

/** "own": a signed-in person acting on their own inbox (requireLearner). */
export type NotificationPermission = "own";

export const NOTIFICATION_INTENT_PERMISSION = {
  open: "own",
  read: "own",
  readAll: "own",
} as const satisfies IntentPermissions<typeof notificationIntent, NotificationPermission>;
