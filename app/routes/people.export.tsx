import type { LoaderFunctionArgs } from "@remix-run/node";
import { translate } from "~/i18n";
import { requireViewer } from "~/modules/auth/guards.server";
import { COLUMN_LABEL } from "~/modules/people/import-columns";
import { peopleForExport, peopleQuerySchema } from "~/modules/people/query.server";
import { formatDate } from "~/utils/format";
import { parseSearchParams } from "~/utils/http.server";
import { xlsxResponse } from "~/utils/spreadsheet.server";

const MAX_ROWS = 50_000;

// The import's column names where they match, so an exported file can be edited and imported back.
const SHEET: [header: string, width: number][] = [
  ["STT", 6],
  [COLUMN_LABEL.fullName, 28],
  [COLUMN_LABEL.email, 34],
  [COLUMN_LABEL.agencyCode, 12],
  ["Đơn vị", 40],
  [COLUMN_LABEL.staffCategory, 14],
  [COLUMN_LABEL.position, 24],
  [COLUMN_LABEL.isHeadOfUnit, 10],
  [COLUMN_LABEL.itRole, 14],
  [COLUMN_LABEL.tags, 20],
  [COLUMN_LABEL.staffCode, 16],
  ["Trạng thái", 12],
  ["Tài khoản", 18],
];

/** The people list as filtered on screen, as an Excel file (same scope, same filters, no paging). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireViewer(request);
  const query = parseSearchParams(request, peopleQuerySchema);
  const { rows } = await peopleForExport(scope, query, MAX_ROWS);
  const vi = (k: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate("vi", k, params);
  return xlsxResponse(
    "danh-sach-can-bo.xlsx",
    "Cán bộ",
    SHEET.map(([header, width]) => ({ header, width })),
    rows.map((p, i) => [
      i + 1,
      p.fullName,
      p.email,
      p.agency.code,
      p.agency.name,
      vi(`staff.${p.staffCategory}`),
      p.position,
      p.isHeadOfUnit ? "có" : "không",
      vi(`it.${p.itRole}`),
      p.tags.join("; "),
      p.staffCode ?? "",
      p.active ? "Đang làm việc" : "Đã ngừng",
      p.activated
        ? vi("invite.account.activated")
        : p.invitedAt
          ? vi("invite.account.invitedOn", { date: formatDate(p.invitedAt) })
          : vi("invite.account.none"),
    ]),
  );
}
