// /assignments/overdue.csv — the overdue list for the same filter (or the selected rows), as CSV for Excel.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { overdueDownload } from "~/modules/assignments/overdue-export.server";
import { requireManager } from "~/modules/auth/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireManager(request);
  return overdueDownload(scope, new URL(request.url), "csv");
}
