// The actions of a plan's page, declared once (docs/decisions/009-forms-and-intents.md): save the plan,
// add or edit a target, set a target active or not. Every one needs the right to manage the plan
// (./manage.ts), checked when the page loads the plan for its manager.
import { z } from "zod";
import { planFormSchema, targetFormSchema } from "~/domain/targets";
import type { IntentPermissions } from "~/utils/intents";
import type { PlanPermission } from "./manage";

const targetId = z.string().uuid("targets.targetInvalid");

export const planPageIntent = z.discriminatedUnion("intent", [
  planFormSchema.extend({ intent: z.literal("plan") }),
  targetFormSchema.extend({
    intent: z.literal("target"),
    // Empty for a new target.
    targetId: z.preprocess((v) => (v === "" ? undefined : v), targetId.optional()),
  }),
  z.object({
    intent: z.literal("toggle"),
    targetId,
    active: z.enum(["true", "false"], { error: "validation.invalid" }),
  }),
]);
export type PlanPageIntent = z.infer<typeof planPageIntent>;

export const PLAN_INTENT_PERMISSION = {
  plan: "managePlan",
  target: "managePlan",
  toggle: "managePlan",
} as const satisfies IntentPermissions<typeof planPageIntent, PlanPermission>;
