import type { LoaderFunctionArgs } from "@remix-run/node";
import { translate } from "~/i18n";
import { listAgencyOptions } from "~/modules/agencies/agencies.server";
import { requireViewer } from "~/modules/auth/guards.server";
import { listPeopleForQuery, peopleQuerySchema } from "~/modules/people/query.server";
import { formatDate } from "~/utils/format";
import { parseSearchParams } from "~/utils/http.server";
import { xlsxResponse } from "~/utils/spreadsheet.server";

const MAX_ROWS = 50_000;

/** The people list as filtered on screen, as an Excel file (same scope, same filters, no paging). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireViewer(request);
  const query = parseSearchParams(request, peopleQuerySchema);
  const { rows } = await listPeopleForQuery(scope, query, await listAgencyOptions(scope), {
    page: 1,
    pageSize: MAX_ROWS,
  });
  const vi = (k: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate("vi", k, params);
  return xlsxResponse(
    "danh-sach-can-bo.xlsx",
    "Cán bộ",
    [
      { header: "STT", width: 6 },
      { header: "Họ và tên", width: 28 },
      { header: "Email", width: 34 },
      { header: "Mã đơn vị", width: 12 },
      { header: "Đơn vị", width: 40 },
      { header: "Đối tượng", width: 14 },
      { header: "Chức vụ", width: 24 },
      { header: "Người đứng đầu", width: 10 },
      { header: "Vai trò CNTT", width: 14 },
      { header: "Nhãn", width: 20 },
      { header: "Mã cán bộ", width: 16 },
      { header: "Trạng thái", width: 12 },
      { header: "Tài khoản", width: 18 },
    ],
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
