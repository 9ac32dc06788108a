// The assignment progress table as a file: every matching member (no paging), same scope and filters as
// the page. Vietnamese headers and states: the file is filed with the unit's records, whoever downloads it.
import { z } from "zod";
import type { MessageKey } from "~/i18n";
import { translate } from "~/i18n";
import type { Scope } from "~/modules/auth/scope";
import { formatDate } from "~/utils/format";
import { assignmentProgress } from "./assignments.server";
import { LEARNER_STATUSES, type LearnerStatus } from "./status";

export const MAX_EXPORT_ROWS = 100_000;

/** The page's filters, as they arrive in the download link's query string. */
export const progressExportQuery = z.object({
  status: z.enum(["", ...LEARNER_STATUSES]).default(""),
  q: z.string().trim().max(100).default(""),
});

export async function progressExport(
  scope: Scope,
  assignmentId: string,
  filters: { status?: LearnerStatus; q?: string },
) {
  const all = await assignmentProgress(scope, assignmentId, {
    ...filters,
    page: 1,
    pageSize: MAX_EXPORT_ROWS,
  });
  const headers = ["STT", "Họ và tên", "Email", "Đơn vị", "Trạng thái", "Hạn", "Ngày hoàn thành"];
  const rows = all.rows.map((r, i) => [
    i + 1,
    r.fullName,
    r.email,
    r.agencyName,
    translate("vi", `asg.status.${r.status}` as MessageKey),
    formatDate(r.dueAt),
    formatDate(r.completedAt),
  ]);
  // The course code makes files of several assignments tell apart; only safe characters reach the header.
  const stem = `tien-do-${all.assignment.courseCode.toLowerCase().replace(/[^a-z0-9-]+/g, "-")}`;
  return { headers, rows, stem };
}
