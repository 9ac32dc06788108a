// The assignment progress table as a file: every matching member (no paging), same scope and filters as
// the page. Vietnamese headers and states: the file is filed with the unit's records, whoever downloads it.
import { readDb } from "~/db.server";
import type { MessageKey } from "~/i18n";
import { translate } from "~/i18n";
import { requireManager } from "~/modules/auth/guards.server";
import type { Scope } from "~/modules/auth/scope";
import { formatDate } from "~/utils/format";
import { domainErrorData, parseSearchParams } from "~/utils/http.server";
import { csvResponse, xlsxResponse } from "~/utils/spreadsheet.server";
import { uuidParam } from "~/utils/uuid.server";
import { assignmentProgress } from "./assignments.server";
import { progressExportQuery } from "./progress-query";
import type { LearnerStatus } from "./status";

export const MAX_EXPORT_ROWS = 100_000;

export { progressExportQuery };

export async function progressExport(
  scope: Scope,
  assignmentId: string,
  filters: { status?: LearnerStatus; q?: string },
) {
  // A file to download, not a write: the members' rows from the replica when there is one.
  const all = await assignmentProgress(scope, assignmentId, {
    ...filters,
    page: 1,
    pageSize: MAX_EXPORT_ROWS,
    client: await readDb(),
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

/** The loader of the two download routes (progress.csv, progress.xlsx): the filtered table as that file. */
export async function progressDownload(
  request: Request,
  assignmentId: string | undefined,
  kind: "csv" | "xlsx",
) {
  const { scope } = await requireManager(request);
  const id = uuidParam(assignmentId);
  const q = parseSearchParams(request, progressExportQuery);
  try {
    const { headers, rows, stem } = await progressExport(scope, id, {
      status: q.status || undefined,
      q: q.q,
    });
    if (kind === "csv") return csvResponse(`${stem}.csv`, headers, rows);
    const columns = headers.map((h) => ({ header: h, width: h === "STT" ? 6 : 24 }));
    return xlsxResponse(`${stem}.xlsx`, "Tiến độ", columns, rows);
  } catch (error) {
    throw domainErrorData(error, request);
  }
}
