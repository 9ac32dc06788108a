// The actions of the assignment pages, declared once (docs/decisions/009-forms-and-intents.md): each route's
// intents as one discriminated union, each intent with the permission it needs, dispatched by the route's
// exhaustive switch. Pure: the pages validate the same schemas in the browser.
import { z } from "zod";
import type { Scope } from "~/modules/auth/scope";
import { DomainError } from "~/utils/errors";
import { type IntentPermissions, unreachable } from "~/utils/intents";
import { UUID_PATTERN } from "~/utils/uuid";
import { newAssignmentSchema } from "./form";
import { MAX_SELECTED, OVERDUE_STATES, optionalUuid } from "./overdue-schema";

/** "manage": a coordinator or admin with people in scope (the routes' requireManager gives the scope). */
export type AssignmentPermission = "manage";

/** Throws 403 when the caller's manage scope does not allow the permission. */
export function assertAssignmentPermission(scope: Scope, permission: AssignmentPermission): void {
  switch (permission) {
    case "manage":
      if (scope !== "ALL" && scope.length === 0) throw new DomainError("http.forbidden", { status: 403 });
      return;
    default:
      return unreachable(permission);
  }
}

const bulkTarget = z.object({
  agencyId: optionalUuid,
  courseId: optionalUuid,
  state: z.enum(OVERDUE_STATES).default("OVERDUE"),
  target: z.enum(["selected", "all"], { error: "ovd.targetRequired" }),
  ids: z
    .array(z.string().trim().regex(UUID_PATTERN, "ovd.badRow"))
    .max(MAX_SELECTED, "ovd.tooMany")
    .default([]),
});

/**
 * The overdue list's bulk actions: remind and invite to sign in (POST); the export buttons GET the resource
 * routes, so a POST of them is refused. A selection must name at least one row.
 */
export const overdueIntent = z
  .discriminatedUnion("intent", [
    bulkTarget.extend({ intent: z.literal("remind") }),
    bulkTarget.extend({ intent: z.literal("invite") }),
    bulkTarget.extend({ intent: z.literal("export-xlsx") }),
    bulkTarget.extend({ intent: z.literal("export-csv") }),
  ])
  .superRefine((v, ctx) => {
    if (v.target === "selected" && v.ids.length === 0)
      ctx.addIssue({ code: "custom", path: ["ids"], message: "ovd.nothingSelected" });
  });
export type OverdueIntent = z.infer<typeof overdueIntent>;

export const OVERDUE_INTENT_PERMISSION = {
  remind: "manage",
  invite: "manage",
  "export-xlsx": "manage",
  "export-csv": "manage",
} as const satisfies IntentPermissions<typeof overdueIntent, AssignmentPermission>;

/** The assignment progress page: remind every overdue member ("nhắc lại"). */
export const assignmentIntent = z.discriminatedUnion("intent", [z.object({ intent: z.literal("remind") })]);

export const ASSIGNMENT_INTENT_PERMISSION = {
  remind: "manage",
} as const satisfies IntentPermissions<typeof assignmentIntent, AssignmentPermission>;

/** The new-assignment form: "preview" shows whom it reaches, "confirm" creates it (see form.ts). */
export const newAssignmentIntent = newAssignmentSchema;

export const NEW_ASSIGNMENT_INTENT_PERMISSION = {
  preview: "manage",
  confirm: "manage",
} as const satisfies IntentPermissions<ReturnType<typeof newAssignmentIntent>, AssignmentPermission>;
