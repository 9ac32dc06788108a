// The overdue list as a file: XLSX or CSV (formula-safe), Vietnamese headers, the page's rows for the filter.
import { translate, type MessageKey } from "~/i18n";
import type { Scope } from "~/modules/auth/scope";
import { DomainError } from "~/utils/errors";
import { csvResponse, xlsxResponse } from "~/utils/spreadsheet.server";
import { exportRowsFor, exportTable } from "./overdue.server";

export async function overdueDownload(scope: Scope, url: URL, kind: "xlsx" | "csv"): Promise<Response> {
  let rows;
  try {
    rows = await exportRowsFor(scope, url);
  } catch (error) {
    // A resource route has no page to show an error on: answer with the message as plain text.
    if (error instanceof DomainError)
      return new Response(error.message, {
        status: error.status,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    throw error;
  }
  const { headers, cells } = exportTable(rows, (s) => translate("vi", `asg.status.${s}` as MessageKey));
  return kind === "csv"
    ? csvResponse("qua-han.csv", headers, cells)
    : xlsxResponse(
        "qua-han.xlsx",
        "Quá hạn",
        headers.map((h) => ({ header: h, width: h === "STT" ? 6 : h === "Email" ? 30 : 24 })),
        cells,
      );
}
