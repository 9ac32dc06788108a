// XLSX or CSV of a report (live figures or a snapshot), with the same parameters as the report page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireViewer } from "~/modules/auth/guards.server";
import { reportCsv, reportXlsx } from "~/modules/targets/report.server";
import { parseViewQuery, resolveView } from "~/modules/targets/view.server";
import { badRequest, notFound } from "~/utils/http.server";
import { issueRef } from "~/utils/forms";
import { getLocale } from "~/utils/i18n.server";

const formatSchema = z.enum(["xlsx", "csv"], { error: "targets.paramFormat" });

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireViewer(request);
  const format = formatSchema.safeParse(new URL(request.url).searchParams.get("format") ?? "xlsx");
  if (!format.success) badRequest(issueRef(format.error.issues[0]));
  const view = await resolveView(parseViewQuery(request, ["format"]), scope);
  if (!view || !view.targetId) notFound("targets.nothingToExport");
  const report = {
    table: view.table,
    targetId: view.targetId,
    agencyId: view.agencyId,
    kind: view.kind,
    snapshotLabel: view.snapshot?.label ?? null,
    locale: getLocale(request),
  };
  return format.data === "xlsx" ? reportXlsx(report) : reportCsv(report);
}
