// The top of the offering page: what it is, its details, the caller's own seat, and the organiser's tools.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { DownloadLink } from "~/components/download-link";
import { IntentForm } from "~/components/intent-form";
import { formatVnDateTime } from "~/domain/scheduling-time";
import type { MessageKey } from "~/i18n";
import type { OfferingPage } from "~/modules/scheduling/offering-page.server";
import { useT } from "~/utils/i18n";

type Offering = OfferingPage["offering"];

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function OfferingHeading({ offering: o }: { offering: Offering }) {
  const t = useT();
  return (
    <div className="space-y-1">
      <p className="text-xs font-medium uppercase tracking-wide text-red-800">
        {t(`off.kind.${o.kind}` as MessageKey)} · {t(`off.status.${o.status}` as MessageKey)}
      </p>
      <h1 className="text-2xl font-semibold">{o.title}</h1>
      {o.description ? <p className="whitespace-pre-line text-slate-700">{o.description}</p> : null}
    </div>
  );
}

export function OfferingDetails({
  offering: o,
  counts,
}: {
  offering: Offering;
  counts: OfferingPage["counts"];
}) {
  const t = useT();
  return (
    <dl className="card grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm md:col-span-2">
      <Row term={t("off.organiser")}>{o.organiserName}</Row>
      <Row term={t("off.audience")}>{o.audience}</Row>
      <dt className="text-slate-500">{t("off.seats")}</dt>
      <dd className="tabular-nums">
        {counts.confirmed}/{o.capacity}
        {counts.waitlisted ? ` · ${t("off.waiting")}: ${counts.waitlisted}` : ""}
        {counts.pending ? ` · ${t("off.pending")}: ${counts.pending}` : ""}
      </dd>
      {o.instructors.length ? <Row term={t("off.instructors")}>{o.instructors.join("; ")}</Row> : null}
      {o.courseTitle ? <Row term={t("off.course")}>{o.courseTitle}</Row> : null}
      {o.opensAt || o.closesAt ? (
        <Row term={t("off.window")}>
          {o.opensAt ? formatVnDateTime(o.opensAt) : "…"} – {o.closesAt ? formatVnDateTime(o.closesAt) : "…"}
        </Row>
      ) : null}
      <Row term={t("off.threshold")}>
        {o.attendanceThreshold}%{o.requiresPostTest ? ` · ${t("off.postTest")}` : ""}
      </Row>
      {o.quotas.length ? (
        <Row term={t("off.quota")}>{o.quotas.map((q) => `${q.name}: ${q.seats}`).join("; ")}</Row>
      ) : null}
    </dl>
  );
}

export function MySeat({ page: d }: { page: OfferingPage }) {
  const t = useT();
  const o = d.offering;
  const active = d.me && ["CONFIRMED", "WAITLISTED", "PENDING_APPROVAL"].includes(d.me.status);
  return (
    <div className="card space-y-2 text-sm">
      <p className="font-semibold">{t("off.myStatus")}</p>
      {d.me ? <p>{t(`reg.status.${d.me.status}` as MessageKey)}</p> : null}
      {active ? (
        <IntentForm
          id="my-seat-cancel"
          intent="cancel"
          row={{ registrationId: d.me!.id }}
          buttonClassName="btn-secondary"
        >
          {t("off.cancelMine")}
        </IntentForm>
      ) : o.status === "OPEN" && d.eligible && !d.teaches ? (
        <IntentForm id="my-seat-register" intent="register">
          {t("off.register")}
        </IntentForm>
      ) : !d.me ? (
        <p className="text-slate-600">{t("off.notEligible", { audience: o.audience })}</p>
      ) : null}
      <DownloadLink href={`/offerings/${o.id}/ics`} kind="ics" className="block text-red-800 hover:underline">
        {t("off.ics")}
      </DownloadLink>
    </div>
  );
}

export function OrganiserTools({ offering: o }: { offering: Offering }) {
  const t = useT();
  return (
    <div className="flex flex-wrap gap-2">
      <Link to={`/offerings/${o.id}/edit`} className="btn-secondary">
        {t("off.edit")}
      </Link>
      <DownloadLink href={`/offerings/${o.id}/roster.xlsx`} kind="xlsx" className="btn-secondary">
        {t("off.exportXlsx")}
      </DownloadLink>
      <DownloadLink href={`/offerings/${o.id}/roster.csv`} kind="csv" className="btn-secondary">
        {t("off.exportCsv")}
      </DownloadLink>
      <Link to={`/offerings/${o.id}/sign-in`} className="btn-secondary">
        {t("off.signIn")}
      </Link>
      {o.status === "OPEN" || o.status === "CLOSED" ? (
        <>
          <IntentForm
            id="offering-status"
            intent={o.status === "OPEN" ? "close" : "open"}
            buttonClassName="btn-secondary"
          >
            {t(o.status === "OPEN" ? "off.close" : "off.open")}
          </IntentForm>
          <IntentForm
            id="offering-cancel"
            intent="cancelOffering"
            buttonClassName="btn-danger"
            confirm={t("off.confirmCancel")}
          >
            {t("off.cancelOffering")}
          </IntentForm>
        </>
      ) : null}
    </div>
  );
}
