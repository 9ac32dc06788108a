// /people/import/template.csv — the people import template as CSV (UTF-8 with BOM). A resource route: a file
// returned from the import page's own loader came back as the HTML page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireManager } from "~/modules/auth/guards.server";
import { peopleTemplateCsv, TEMPLATE_FILE_STEM } from "~/modules/people/import-template.server";
import { forbidden } from "~/utils/http.server";
import { csvTextResponse } from "~/utils/spreadsheet.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireManager(request);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  return csvTextResponse(`${TEMPLATE_FILE_STEM}.csv`, await peopleTemplateCsv(scope));
}
