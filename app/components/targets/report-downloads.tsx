// The XLSX and CSV downloads of the report the page shows (same query string as the page).
import { DownloadLink } from "~/components/download-link";
import { useT } from "~/utils/i18n";

export function ReportDownloads({ query }: { query: string }) {
  const t = useT();
  return (
    <>
      <DownloadLink href={`/targets/export?format=xlsx&${query}`} kind="xlsx" className="btn-primary">
        {t("tg.exportXlsx")}
      </DownloadLink>
      <DownloadLink href={`/targets/export?format=csv&${query}`} kind="csv" className="btn-secondary">
        {t("tg.exportCsv")}
      </DownloadLink>
    </>
  );
}
