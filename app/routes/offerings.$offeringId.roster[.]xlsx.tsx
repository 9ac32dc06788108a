// /offerings/<id>/roster.xlsx — the organiser's roster as Excel.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/guards.server";
import { uuidParam } from "~/utils/uuid.server";
import { rosterExport } from "~/modules/scheduling/roster.server";
import { domainErrorData } from "~/utils/http.server";
import { xlsxResponse } from "~/utils/spreadsheet.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = uuidParam(params.offeringId);
  try {
    const { headers, rows } = await rosterExport(actor, id);
    return xlsxResponse(
      "danh-sach-lop.xlsx",
      "Danh sách",
      headers.map((h) => ({ header: h, width: h === "STT" ? 6 : 22 })),
      rows,
    );
  } catch (error) {
    throw domainErrorData(error, request);
  }
}
