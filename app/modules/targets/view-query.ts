// What a dashboard, report or export is asked to show (plan, target, agency, snapshot, kind of agency), as
// URL parameters. Pure: the dashboard's filter form checks them in the browser with this schema too.
import { z } from "zod";
import { VIEW_KINDS } from "~/domain/targets";
import type { MessageKey } from "~/i18n";

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const id = (message: MessageKey) => z.preprocess(blankToUndefined, z.string().uuid(message).optional());

export const viewQuerySchema = z.object({
  plan: id("targets.paramPlan"),
  target: id("targets.paramTarget"),
  agency: id("targets.paramAgency"),
  snapshot: id("targets.paramSnapshot"),
  kind: z.preprocess(blankToUndefined, z.enum(VIEW_KINDS, { error: "targets.paramKind" }).default("ALL")),
});
export type ViewQuery = z.infer<typeof viewQuerySchema>;
