// The course page's record of a pass: when, valid until, the certificate, and recertification once open.
import { DownloadLink } from "~/components/download-link";
import type { CoursePage } from "~/modules/learning/enrollment.server";
import { formatDate } from "~/utils/format";
import { useT } from "~/utils/i18n";
import { IntentForm } from "~/components/intent-form";

export function CourseCompletion({
  completion,
  canRenew,
}: {
  completion: NonNullable<CoursePage["completion"]>;
  canRenew: boolean;
}) {
  const t = useT();
  return (
    <div className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900">
      {t("course.passedOn", { date: formatDate(completion.completedAt) })}
      {completion.validUntil ? ` ${t("my.validUntil", { date: formatDate(completion.validUntil) })}.` : ""}
      {completion.certificate ? (
        <DownloadLink
          className="ml-2 font-medium underline"
          href={`/certificates/${completion.certificate.code}.pdf`}
          kind="pdf"
        >
          {t("course.downloadCert")}
        </DownloadLink>
      ) : null}
      {canRenew ? (
        <IntentForm
          id="course-renew"
          intent="renew"
          className="mt-2"
          buttonClassName="btn-primary mt-2"
          intro={<p>{t("course.renewInfo")}</p>}
        >
          {t("course.renew")}
        </IntentForm>
      ) : null}
    </div>
  );
}
