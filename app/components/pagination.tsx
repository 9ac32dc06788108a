import { Link, useLocation } from "@remix-run/react";
import { useT } from "~/utils/i18n";

export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const t = useT();
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav className="mt-4 flex items-center justify-between gap-2 text-sm" aria-label={t("ui.pagination")}>
      <span className="text-slate-600">{t("common.total", { count: total.toLocaleString("vi-VN") })}</span>
      <div className="flex items-center gap-2">
        {page > 1 ? (
          <Link className="btn-secondary" to={href(page - 1)} rel="prev">
            {t("common.prev")}
          </Link>
        ) : null}
        <span>{t("common.page", { page, pages })}</span>
        {page < pages ? (
          <Link className="btn-secondary" to={href(page + 1)} rel="next">
            {t("common.next")}
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
