// /phishing/<id>/results.xlsx — a campaign's results by agency as Excel (resource route: a file, not a page).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { resultsDownload } from "~/modules/phishing/results-export.server";

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  resultsDownload(request, params.campaignId);
