// Everything the offering page posts (/offerings/<id>), declared once: each intent's fields and the least
// the caller must be for it. The services check the finer rules (whose coordinator, seat left, …).
import { z } from "zod";
import { postedList, registrationId, resultIntentSchema } from "~/domain/scheduling";
import type { IntentPermissions } from "~/utils/intents";
import { isUuid } from "~/utils/uuid";
import { text } from "~/utils/zod-text";

const sessionId = z
  .string({ error: "scheduling.sessionNotFound" })
  .refine(isUuid, "scheduling.sessionNotFound");
const onRegistration = <I extends string>(intent: I) =>
  z.object({ intent: z.literal(intent), registrationId });
const bare = <I extends string>(intent: I) => z.object({ intent: z.literal(intent) });

export const offeringIntent = z.discriminatedUnion(
  "intent",
  [
    bare("register"),
    z.object({
      intent: z.literal("nominate"),
      personId: z.string({ error: "people.notFound" }).refine(isUuid, "people.notFound"),
      personName: text().max(300).default(""),
    }),
    onRegistration("approve"),
    onRegistration("reject"),
    onRegistration("cancel"),
    z.object({
      intent: z.literal("attendance"),
      sessionId,
      registrationId: postedList(registrationId),
      present: postedList(registrationId),
    }),
    resultIntentSchema,
    bare("cancelOffering"),
    bare("open"),
    bare("close"),
  ],
  { error: "http.badIntent" },
);

export type OfferingIntent = z.output<typeof offeringIntent>;

/** member: may see the offering; coordinator: coordinates someone; organiser: runs the offering. */
export type OfferingPermission = "member" | "coordinator" | "organiser";

export const OFFERING_INTENT_PERMISSION = {
  register: "member",
  nominate: "coordinator",
  // Approving and cancelling are for the person's coordinator (or the person, for their own seat).
  approve: "member",
  reject: "member",
  cancel: "member",
  attendance: "organiser",
  result: "organiser",
  cancelOffering: "organiser",
  open: "organiser",
  close: "organiser",
} as const satisfies IntentPermissions<typeof offeringIntent, OfferingPermission>;

/** /calendar: the caller's own feed link, made anew (the old one stops working) or withdrawn. */
export const calendarIntent = z.discriminatedUnion("intent", [bare("rotate"), bare("revoke")], {
  error: "http.badIntent",
});

export const CALENDAR_INTENT_PERMISSION = {
  rotate: "self",
  revoke: "self",
} as const satisfies IntentPermissions<typeof calendarIntent, "self">;
