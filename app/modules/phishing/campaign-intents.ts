// The actions of a campaign's page, declared once (docs/decisions/009-forms-and-intents.md): each intent with
// the permission it needs and the states it may start from, dispatched by the route's exhaustive switch.
// Pure: the page validates the same schema in the browser and shows only the buttons the caller may use.
import { z } from "zod";
import type { PhishingCampaignStatus } from "~/generated/prisma/enums";
import { type IntentPermissions } from "~/utils/intents";
import { multilineText } from "~/utils/zod-text";

/**
 * "manage": a drill manager whose phishingScope covers the campaign's agency (or an admin);
 * "approve": the same, and not the campaign's creator (four eyes; checked by the service with the row).
 */
export type CampaignPermission = "manage" | "approve";

export const campaignIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("submit") }),
  z.object({ intent: z.literal("approve") }),
  z.object({
    intent: z.literal("reject"),
    reason: multilineText("phc.err.reasonRequired")
      .min(1, "phc.err.reasonRequired")
      .max(1000, "phc.err.reasonTooLong"),
  }),
  z.object({ intent: z.literal("pause") }),
  z.object({ intent: z.literal("resume") }),
  z.object({ intent: z.literal("stop") }),
]);
export type CampaignIntent = z.infer<typeof campaignIntent>;
export type CampaignAction = CampaignIntent["intent"];

export const CAMPAIGN_INTENT_PERMISSION = {
  submit: "manage",
  approve: "approve",
  reject: "approve",
  pause: "manage",
  resume: "manage",
  stop: "manage",
} as const satisfies IntentPermissions<typeof campaignIntent, CampaignPermission>;

/** Where each action may start from, and where it leads. */
export const TRANSITIONS: Record<
  CampaignAction,
  { from: readonly PhishingCampaignStatus[]; to: PhishingCampaignStatus }
> = {
  submit: { from: ["DRAFT"], to: "PENDING_APPROVAL" },
  approve: { from: ["PENDING_APPROVAL"], to: "SCHEDULED" },
  reject: { from: ["PENDING_APPROVAL"], to: "DRAFT" },
  pause: { from: ["RUNNING"], to: "PAUSED" },
  resume: { from: ["PAUSED"], to: "RUNNING" },
  stop: { from: ["SCHEDULED", "RUNNING", "PAUSED"], to: "STOPPED" },
};

/** The actions a caller may use on a campaign in this state (the page shows these buttons). */
export function availableActions(
  status: PhishingCampaignStatus,
  who: { manages: boolean; isCreator: boolean },
): CampaignAction[] {
  if (!who.manages) return [];
  return (Object.keys(TRANSITIONS) as CampaignAction[]).filter(
    (a) =>
      TRANSITIONS[a].from.includes(status) && (CAMPAIGN_INTENT_PERMISSION[a] !== "approve" || !who.isCreator),
  );
}
