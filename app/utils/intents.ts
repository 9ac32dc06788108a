// Routes with several actions declare them once (docs/decisions/009-forms-and-intents.md):
//
//   // app/modules/<domain>/intents.ts
//   export const offeringIntent = z.discriminatedUnion("intent", [
//     z.object({ intent: z.literal("cancel"), reason: requiredText(500) }),
//     z.object({ intent: z.literal("nominate"), personIds: z.array(uuid) }),
//   ]);
//   export const OFFERING_INTENT_PERMISSION = {
//     cancel: "organiser",
//     nominate: "coordinator",
//   } as const satisfies IntentPermissions<typeof offeringIntent, OfferingPermission>;
//
//   // the route's action
//   const submission = await parseSubmission(request, offeringIntent);
//   if (submission.status !== "success") return invalidReply(submission);
//   const value = submission.value;
//   await requireOfferingPermission(actor, offering, OFFERING_INTENT_PERMISSION[value.intent]);
//   switch (value.intent) {
//     case "cancel": …
//     case "nominate": …
//     default: return unreachable(value);   // a new intent without a handler is a type error
//   }
import type { z } from "zod";

/** Every intent of a discriminated union mapped to the permission it needs. */
export type IntentPermissions<U extends z.ZodType, P> = Record<
  z.output<U> extends { intent: infer I extends string } ? I : never,
  P
>;

/** The default branch of an exhaustive switch: compiles only when every case is handled. */
export function unreachable(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
