// The assignment progress page's data: one page of members with the reminder history and how many members
// could be invited, for the page's filters (also the filters of its downloads).
import { countInvitable } from "~/modules/auth/invitations.server";
import type { Actor, Scope } from "~/modules/auth/scope";
import { assignmentReminders, memberReminders } from "~/modules/notifications/reminder-history.server";
import { z } from "zod";
import { listQuery } from "~/utils/paging";
import { assignmentProgress } from "./assignments.server";
import { progressExportQuery } from "./progress-export.server";

/** The page's search params: the export filters, paging, and `export` of old bookmarks. */
export const progressPageQuery = listQuery(
  { ...progressExportQuery.shape, export: z.enum(["", "xlsx", "csv"]).default("") },
  50,
);
export type ProgressPageQuery = z.infer<typeof progressPageQuery>;

export async function progressPage(actor: Actor, scope: Scope, id: string, q: ProgressPageQuery) {
  const progress = await assignmentProgress(scope, id, {
    status: q.status || undefined,
    q: q.q,
    page: q.page,
    pageSize: q.pageSize,
  });
  const [reminders, byMember, invitable] = await Promise.all([
    assignmentReminders(progress.assignment.id),
    memberReminders(
      progress.assignment.id,
      progress.rows.map((r) => r.personId),
    ),
    // Members who have never signed in can be invited from here (issue 11).
    countInvitable(actor, { mode: "assignment", assignmentId: id }),
  ]);
  return { progress, reminders, memberReminders: byMember, invitable };
}
