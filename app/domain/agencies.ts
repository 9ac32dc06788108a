// The agency forms' rules, shared by the admin pages (conform, in the browser and the action) and the
// agency service (createAgency/renameAgency validate their input with the same field schemas).
import { z } from "zod";
import type { AgencyKind } from "~/generated/prisma/enums";
import { text } from "~/utils/zod-text";

export const AGENCY_KINDS = [
  "PROVINCE",
  "DEPARTMENT",
  "COMMUNE",
  "UNIT",
  "GROUP",
] as const satisfies readonly AgencyKind[];

export const codeSchema = text("agencies.codeRequired")
  .min(1, "agencies.codeRequired")
  .max(64, "agencies.codeTooLong");
export const nameSchema = text("agencies.nameRequired")
  .min(1, "agencies.nameRequired")
  .max(300, "agencies.nameTooLong");
export const kindSchema = z.enum(AGENCY_KINDS, { error: "agencies.kindInvalid" });

/** "Thêm đơn vị": a top-level agency when no parent is chosen. */
export const createAgencyFormSchema = z.object({
  code: codeSchema,
  name: nameSchema,
  kind: kindSchema,
  parentId: z.union([z.literal(""), z.string().uuid("agencies.parentInvalid")]).default(""),
});

/** The agency page's intents; every one needs ADMIN (requireAdmin, checked once above the switch). */
export const agencyIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("rename"), name: nameSchema, code: codeSchema }),
  z.object({
    intent: z.literal("move"),
    parentId: z.string({ error: "agencies.parentRequired" }).uuid("agencies.parentRequired"),
  }),
  z.object({
    intent: z.literal("merge"),
    targetId: z.string({ error: "agencies.mergeTargetRequired" }).uuid("agencies.mergeTargetRequired"),
    confirm: z.literal("yes", { error: "agencies.mergeConfirmRequired" }),
  }),
]);
