// The person page's actions (people.$personId): save the form, deactivate, reactivate. All three need the
// same permission — managing the person's agency (requireManager, then the service's scope check) — so
// there is no intent → permission map to consult.
import { z } from "zod";
import { personFormSchema } from "~/domain/people";

export const personIntent = z.discriminatedUnion("intent", [
  personFormSchema.extend({ intent: z.literal("save") }),
  z.object({ intent: z.literal("deactivate") }),
  z.object({ intent: z.literal("reactivate") }),
]);
