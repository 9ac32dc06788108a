// A campaign's results as an Excel file: the total, then every agency the caller sees in tree order with
// its subtree figures (names indented by level). Vietnamese headers: the file is filed with the unit's
// records. The cells are the module's figures, rounded as the page rounds them.
import { requireRole } from "~/modules/auth/guards.server";
import { domainErrorData } from "~/utils/http.server";
import { xlsxResponse } from "~/utils/spreadsheet.server";
import { uuidParam } from "~/utils/uuid.server";
import type { Actor } from "~/modules/auth/scope";
import { type DrillFigure, minutesOf, percent1 } from "~/domain/phishing-results";
import { campaignResults } from "./results.server";

export const RESULTS_HEADERS = [
  "STT",
  "Đơn vị",
  "Số người nhận",
  "Đã gửi",
  "Đã nhận",
  "Đã mở",
  "Đã nhấp",
  "Đã nhập thông tin",
  "Đã báo cáo",
  "Tỷ lệ dễ mắc bẫy (%)",
  "Tỷ lệ báo cáo (%)",
  "Trung vị thời gian báo cáo (phút)",
];

function cells(f: DrillFigure) {
  return [
    f.recipients,
    f.sent,
    f.delivered,
    f.opened,
    f.clicked,
    f.submitted,
    f.reported,
    percent1(f.pronePercent),
    percent1(f.reportPercent),
    minutesOf(f.medianReportMs),
  ];
}

export async function resultsExport(actor: Actor, campaignId: string) {
  const r = await campaignResults(actor, campaignId);
  const depthOf = new Map<string, number>();
  for (const a of r.agencies) depthOf.set(a.id, a.parentId ? (depthOf.get(a.parentId) ?? -1) + 1 : 0);
  const rows: unknown[][] = [[null, "Tổng cộng", ...cells(r.total)]];
  r.agencies.forEach((a, i) => {
    const indent = "   ".repeat(Math.max(0, depthOf.get(a.id) ?? 0));
    rows.push([i + 1, `${indent}${a.name}`, ...cells(r.figures.get(a.id)!.subtree)]);
  });
  return { rows, stem: `ket-qua-dien-tap-${r.campaign.id.slice(0, 8)}` };
}

/** The loader of /phishing/<id>/results.xlsx. */
export async function resultsDownload(request: Request, campaignId: string | undefined) {
  const actor = await requireRole(request, ["PHISHING_MANAGER", "COORDINATOR", "REVIEWER", "ADMIN"]);
  const id = uuidParam(campaignId);
  try {
    const { rows, stem } = await resultsExport(actor, id);
    const columns = RESULTS_HEADERS.map((h, i) => ({ header: h, width: i === 0 ? 6 : i === 1 ? 40 : 14 }));
    return await xlsxResponse(`${stem}.xlsx`, "Kết quả", columns, rows);
  } catch (error) {
    throw domainErrorData(error, request);
  }
}
