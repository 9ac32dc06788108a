// /targets/completions/import/template.csv — the training-records import template as CSV (UTF-8 with BOM).
// A resource route: a file returned from the import page's own loader came back as the HTML page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireManager } from "~/modules/auth/guards.server";
import {
  COMPLETIONS_TEMPLATE_STEM,
  completionsTemplateCsv,
} from "~/modules/targets/completions-template.server";
import { forbidden } from "~/utils/http.server";
import { csvTextResponse } from "~/utils/spreadsheet.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireManager(request);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  return csvTextResponse(`${COMPLETIONS_TEMPLATE_STEM}.csv`, await completionsTemplateCsv());
}
