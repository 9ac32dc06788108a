// /offerings/<id>/roster.csv — the organiser's roster as CSV (UTF-8 with BOM, formula-safe).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/guards.server";
import { uuidParam } from "~/utils/uuid.server";
import { rosterExport } from "~/modules/scheduling/roster.server";
import { domainErrorData } from "~/utils/http.server";
import { csvResponse } from "~/utils/spreadsheet.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = uuidParam(params.offeringId);
  try {
    const { headers, rows } = await rosterExport(actor, id);
    return csvResponse("danh-sach-lop.csv", headers, rows);
  } catch (error) {
    throw domainErrorData(error, request);
  }
}
