// /people/import/template.xlsx — the people import template as Excel, with drop-down lists. A resource route: a file
// returned from the import page's own loader came back as the HTML page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireManager } from "~/modules/auth/guards.server";
import { peopleTemplateXlsx, TEMPLATE_FILE_STEM } from "~/modules/people/import-template.server";
import { forbidden } from "~/utils/http.server";
import { xlsxFileResponse } from "~/utils/spreadsheet.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireManager(request);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  return xlsxFileResponse(`${TEMPLATE_FILE_STEM}.xlsx`, await peopleTemplateXlsx(scope));
}
