// /targets/completions/import/template.xlsx — the training-records import template as Excel, with drop-down lists.
// A resource route: a file returned from the import page's own loader came back as the HTML page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireManager } from "~/modules/auth/guards.server";
import {
  COMPLETIONS_TEMPLATE_STEM,
  completionsTemplateXlsx,
} from "~/modules/targets/completions-template.server";
import { forbidden } from "~/utils/http.server";
import { xlsxFileResponse } from "~/utils/spreadsheet.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireManager(request);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  return xlsxFileResponse(`${COMPLETIONS_TEMPLATE_STEM}.xlsx`, await completionsTemplateXlsx());
}
