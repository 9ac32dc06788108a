import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Pagination } from "~/components/pagination";
import type { MessageKey } from "~/i18n";
import { translate } from "~/i18n";
import { assignmentProgress } from "~/modules/assignments/assignments.server";
import { requireManager } from "~/modules/auth/guards.server";
import { uuidParam } from "~/modules/learning/params.server";
import { remindOverdue } from "~/modules/reminders/manual.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDate } from "~/utils/format";
import { domainErrorData, parseSearchParams } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { csvResponse, xlsxResponse } from "~/utils/spreadsheet.server";
import { useT, pageTitle } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "title.assignmentProgress") },
];

const STATUSES = ["CHUA_BAT_DAU", "DANG_HOC", "HOAN_THANH", "QUA_HAN"] as const;
const query = z.object({
  status: z.enum(["", ...STATUSES]).default(""),
  q: z.string().trim().max(100).default(""),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  export: z.enum(["", "xlsx", "csv"]).default(""),
});
const PAGE_SIZE = 50;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireManager(request);
  const id = uuidParam(params.assignmentId);
  const q = parseSearchParams(request, query);
  try {
    if (q.export) {
      const all = await assignmentProgress(scope, id, {
        status: q.status || undefined,
        q: q.q,
        page: 1,
        pageSize: 100_000,
      });
      const headers = ["STT", "Họ và tên", "Email", "Đơn vị", "Trạng thái", "Hạn", "Ngày hoàn thành"];
      const rows = all.rows.map((r, i) => [
        i + 1,
        r.fullName,
        r.email,
        r.agencyName,
        translate("vi", `asg.status.${r.status}` as MessageKey),
        formatDate(r.dueAt),
        formatDate(r.completedAt),
      ]);
      return q.export === "csv"
        ? csvResponse("tien-do.csv", headers, rows)
        : xlsxResponse(
            "tien-do.xlsx",
            "Tiến độ",
            headers.map((h) => ({ header: h, width: h === "STT" ? 6 : 24 })),
            rows,
          );
    }
    const progress = await assignmentProgress(scope, id, {
      status: q.status || undefined,
      q: q.q,
      page: q.page,
      pageSize: PAGE_SIZE,
    });
    return { query: q, progress };
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, scope } = await requireManager(request);
  const id = uuidParam(params.assignmentId);
  try {
    const count = await remindOverdue(scope, id, actor.userId);
    return redirectWithFlash(`/assignments/${id}?status=QUA_HAN`, {
      kind: "success",
      message: serverT(request)("asg.reminded", { count }),
    });
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

export default function AssignmentProgressPage() {
  const { query, progress } = useLoaderData<typeof loader>() as Exclude<
    Awaited<ReturnType<typeof loader>>,
    Response
  >;
  const [params] = useSearchParams();
  const t = useT();
  const exportHref = (kind: string) => {
    const p = new URLSearchParams(params);
    p.set("export", kind);
    p.delete("page");
    return `?${p}`;
  };
  return (
    <div className="space-y-4">
      <Link to="/assignments" className="text-sm text-red-800 hover:underline">
        ← {t("common.back")}
      </Link>
      <h1 className="text-2xl font-semibold">{progress.assignment.courseTitle}</h1>
      <p className="text-sm text-slate-600">
        {progress.assignment.agencyName ?? ""}
        {progress.assignment.dueAt ? ` · ${t("asg.due")}: ${formatDate(progress.assignment.dueAt)}` : ""}
      </p>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {STATUSES.map((s) => (
          <Link
            key={s}
            to={`?status=${s}`}
            className={`card text-center hover:border-red-300 ${query.status === s ? "border-red-400" : ""}`}
          >
            <p className="text-xs text-slate-600">{t(`asg.status.${s}` as MessageKey)}</p>
            <p className="text-2xl font-semibold tabular-nums">{progress.counts[s]}</p>
          </Link>
        ))}
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <Form method="get" className="flex flex-wrap gap-2" role="search">
          <label htmlFor="q" className="sr-only">
            {t("common.search")}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={query.q}
            placeholder={t("people.searchPlaceholder")}
            className="input w-72"
          />
          <select
            name="status"
            defaultValue={query.status}
            aria-label={t("people.status")}
            className="input w-auto"
          >
            <option value="">{t("asg.allStatuses")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`asg.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
          <button type="submit" className="btn-secondary">
            {t("common.search")}
          </button>
        </Form>
        <a href={exportHref("xlsx")} className="btn-secondary">
          {t("asg.export")}
        </a>
        <a href={exportHref("csv")} className="btn-secondary">
          CSV
        </a>
        {progress.counts.QUA_HAN > 0 ? (
          <Form method="post">
            <button type="submit" className="btn-danger">
              {t("asg.remind")}
            </button>
          </Form>
        ) : null}
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left">
            <tr>
              <th className="px-3 py-2">{t("people.fullName")}</th>
              <th className="hidden px-3 py-2 md:table-cell">{t("people.email")}</th>
              <th className="px-3 py-2">{t("people.agency")}</th>
              <th className="px-3 py-2">{t("people.status")}</th>
              <th className="px-3 py-2">{t("asg.due")}</th>
              <th className="px-3 py-2">{t("asg.completedOn")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {progress.rows.map((r) => (
              <tr key={r.personId}>
                <td className="px-3 py-2 font-medium">{r.fullName}</td>
                <td className="hidden px-3 py-2 md:table-cell">{r.email}</td>
                <td className="px-3 py-2">{r.agencyName}</td>
                <td className="px-3 py-2">{t(`asg.status.${r.status}` as MessageKey)}</td>
                <td className="px-3 py-2">{formatDate(r.dueAt)}</td>
                <td className="px-3 py-2">{formatDate(r.completedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={query.page} pageSize={PAGE_SIZE} total={progress.total} />
    </div>
  );
}
