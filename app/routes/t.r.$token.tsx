// GET /t/r/<token> — the drill email's "report this email" link: records "reported" once (also after the
// links expired: a late report is still a report) and thanks the person.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { recipientOf, recordEvent } from "~/modules/phishing/track.server";
import { DRILL_PAGE_HEADERS, drillPageMeta } from "~/modules/phishing/drill-page";
import { notFound } from "~/utils/http.server";
import { useT } from "~/utils/i18n";

export const headers = () => DRILL_PAGE_HEADERS;

export const meta: MetaFunction = drillPageMeta;

export async function loader({ params }: LoaderFunctionArgs) {
  const id = await recipientOf(params.token);
  const outcome = id ? await recordEvent(id, "reported", new Date()) : "missing";
  if (outcome === "missing") notFound("phishingDrill.notFound.body");
  return { reported: true };
}

export default function ReportThanks() {
  const t = useT();
  return (
    <div className="mx-auto max-w-xl">
      <div className="card border-2 border-green-500">
        <h1 className="text-2xl font-semibold text-green-800">{t("phishingDrill.report.title")}</h1>
        <p className="mt-2 text-slate-800">{t("phishingDrill.report.body")}</p>
      </div>
    </div>
  );
}
