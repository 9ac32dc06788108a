// The notice of a material change (decision 012): the course has a new version that asks for
// recertification, and the learner's pass came from an older one. The reason is the content's own words.
import { Link } from "@remix-run/react";
import { formatDate } from "~/utils/format";
import { useT } from "~/utils/i18n";

export type RecertifyNoticeView = {
  code: string;
  title: string;
  version: number;
  since: Date | string;
  reason: string;
};

export function RecertifyNotice({ notice, link }: { notice: RecertifyNoticeView; link?: boolean }) {
  const t = useT();
  return (
    <div
      role="status"
      data-testid="recertify-notice"
      className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
    >
      <p className="font-semibold">
        {link ? (
          <Link to={`/courses/${notice.code}`} className="underline">
            {notice.title}
          </Link>
        ) : null}
        {link ? ": " : null}
        {t("recertify.title")}
      </p>
      <p className="mt-1">
        {t("recertify.body", { version: notice.version, date: formatDate(notice.since) })}
      </p>
      {notice.reason ? (
        <p className="mt-1">
          <span className="font-medium">{t("recertify.reason")}:</span> {notice.reason}
        </p>
      ) : null}
    </div>
  );
}
