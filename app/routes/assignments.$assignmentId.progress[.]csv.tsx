// /assignments/<id>/progress.csv — the progress table as CSV (UTF-8 with BOM, formula-safe).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { progressDownload } from "~/modules/assignments/progress-export.server";

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  progressDownload(request, params.assignmentId, "csv");
