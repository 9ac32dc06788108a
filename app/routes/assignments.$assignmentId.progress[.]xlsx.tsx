// /assignments/<id>/progress.xlsx — the progress table as Excel (resource route: a file, not a page).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { progressDownload } from "~/modules/assignments/progress-export.server";

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  progressDownload(request, params.assignmentId, "xlsx");
