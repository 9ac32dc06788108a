// /assignments/<id>/progress.xlsx — the progress table as Excel (resource route: a file, not a page).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { progressExport, progressExportQuery } from "~/modules/assignments/progress-export.server";
import { requireManager } from "~/modules/auth/guards.server";
import { uuidParam } from "~/utils/uuid.server";
import { domainErrorData, parseSearchParams } from "~/utils/http.server";
import { xlsxResponse } from "~/utils/spreadsheet.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireManager(request);
  const id = uuidParam(params.assignmentId);
  const q = parseSearchParams(request, progressExportQuery);
  try {
    const { headers, rows, stem } = await progressExport(scope, id, {
      status: q.status || undefined,
      q: q.q,
    });
    return xlsxResponse(
      `${stem}.xlsx`,
      "Tiến độ",
      headers.map((h) => ({ header: h, width: h === "STT" ? 6 : 24 })),
      rows,
    );
  } catch (error) {
    throw domainErrorData(error, request);
  }
}
