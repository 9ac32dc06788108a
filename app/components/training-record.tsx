// The person page's training record: lists (not tables) so every item reads well at 390 px as at 1280 px.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { MessageKey } from "~/i18n";
import { formatDate } from "~/utils/format";
import { useT } from "~/utils/i18n";

type Dated = Date | string;
export type TrainingRecordView = {
  assignments: {
    assignmentId: string;
    courseTitle: string;
    status: "CHUA_BAT_DAU" | "DANG_HOC" | "HOAN_THANH" | "QUA_HAN";
    assignedAt: Dated;
    dueAt: Dated;
    completedAt: Dated | null;
  }[];
  completions: {
    id: string;
    title: string;
    source: "ONLINE" | "CLASS" | "DRILL" | "IMPORTED";
    completedAt: Dated;
    validUntil: Dated | null;
    valid: boolean;
    score: number | null;
    externalRef: string | null;
    certificateCode: string | null;
  }[];
  registrations: {
    id: string;
    offeringId: string;
    title: string;
    kind: "CLASS" | "DRILL";
    status: string;
    startsAt: Dated | null;
    attended: number;
    sessions: number;
    completed: boolean;
  }[];
  attempts: {
    id: string;
    courseTitle: string;
    number: number;
    status: "IN_PROGRESS" | "GRADED";
    startedAt: Dated;
    submittedAt: Dated | null;
    score: number | null;
    passed: boolean | null;
  }[];
};

export const STATUS_STYLE: Record<string, string> = {
  HOAN_THANH: "bg-green-100 text-green-900",
  DANG_HOC: "bg-sky-100 text-sky-900",
  CHUA_BAT_DAU: "bg-slate-100 text-slate-800",
  QUA_HAN: "bg-red-100 text-red-900",
};

function Badge({ className, children }: { className: string; children: ReactNode }) {
  return <span className={`shrink-0 rounded px-2 py-0.5 text-xs font-medium ${className}`}>{children}</span>;
}

function Section({
  id,
  title,
  empty,
  children,
}: {
  id: string;
  title: string;
  empty: string | null;
  children: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={id}>
      <h3 id={id} className="font-semibold">
        {title}
      </h3>
      {empty ? (
        <p className="mt-2 text-sm text-slate-600">{empty}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 text-sm">{children}</ul>
      )}
    </section>
  );
}

function Item({ title, meta, badge }: { title: ReactNode; meta: ReactNode; badge?: ReactNode }) {
  return (
    <li className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1 py-2">
      <div className="min-w-0 flex-1">
        <p className="font-medium break-words">{title}</p>
        <p className="text-slate-600">{meta}</p>
      </div>
      {badge}
    </li>
  );
}

export function TrainingRecord({ record, canManage }: { record: TrainingRecordView; canManage: boolean }) {
  const t = useT();
  const none = (list: unknown[], key: MessageKey) => (list.length === 0 ? t(key) : null);
  return (
    <div className="space-y-4" data-testid="training-record">
      <h2 className="text-xl font-semibold">{t("rec.title")}</h2>
      <Section
        id="rec-assignments"
        title={t("rec.assignments")}
        empty={none(record.assignments, "rec.noAssignments")}
      >
        {record.assignments.map((a) => (
          <Item
            key={a.assignmentId}
            title={
              canManage ? (
                <Link to={`/assignments/${a.assignmentId}`} className="text-red-800 hover:underline">
                  {a.courseTitle}
                </Link>
              ) : (
                a.courseTitle
              )
            }
            meta={
              <>
                {t("rec.assignedOn")} {formatDate(a.assignedAt)} · {t("asg.due")} {formatDate(a.dueAt)}
                {a.completedAt ? ` · ${t("rec.completedOn")} ${formatDate(a.completedAt)}` : ""}
              </>
            }
            badge={
              <Badge className={STATUS_STYLE[a.status]}>{t(`asg.status.${a.status}` as MessageKey)}</Badge>
            }
          />
        ))}
      </Section>
      <Section
        id="rec-completions"
        title={t("rec.completions")}
        empty={none(record.completions, "rec.noCompletions")}
      >
        {record.completions.map((c) => (
          <Item
            key={c.id}
            title={c.title}
            meta={
              <>
                {t(`rec.source.${c.source}` as MessageKey)} · {t("rec.completedOn")}{" "}
                {formatDate(c.completedAt)} · {t("rec.validUntil")}{" "}
                {c.validUntil ? formatDate(c.validUntil) : t("rec.noExpiry")}
                {c.score !== null ? ` · ${t("rec.score", { score: c.score })}` : ""}
                {c.externalRef ? ` · ${c.externalRef}` : ""}
                {c.certificateCode ? (
                  <>
                    {" · "}
                    <Link to={`/verify/${c.certificateCode}`} className="text-red-800 underline">
                      {t("rec.certificate", { code: c.certificateCode })}
                    </Link>
                  </>
                ) : null}
              </>
            }
            badge={c.valid ? null : <Badge className="bg-slate-200 text-slate-800">{t("rec.expired")}</Badge>}
          />
        ))}
      </Section>
      <Section
        id="rec-registrations"
        title={t("rec.registrations")}
        empty={none(record.registrations, "rec.noRegistrations")}
      >
        {record.registrations.map((r) => (
          <Item
            key={r.id}
            title={
              <Link to={`/offerings/${r.offeringId}`} className="text-red-800 hover:underline">
                {r.title}
              </Link>
            }
            meta={
              <>
                {t(`off.kind.${r.kind}` as MessageKey)}
                {r.startsAt ? ` · ${t("rec.startsOn")} ${formatDate(r.startsAt)}` : ""}
                {r.sessions > 0
                  ? ` · ${t("rec.attendance", { attended: r.attended, sessions: r.sessions })}`
                  : ""}
              </>
            }
            badge={
              <Badge className={r.completed ? STATUS_STYLE.HOAN_THANH : STATUS_STYLE.CHUA_BAT_DAU}>
                {r.completed ? t("asg.status.HOAN_THANH") : t(`reg.status.${r.status}` as MessageKey)}
              </Badge>
            }
          />
        ))}
      </Section>
      <Section id="rec-attempts" title={t("rec.attempts")} empty={none(record.attempts, "rec.noAttempts")}>
        {record.attempts.map((a) => (
          <Item
            key={a.id}
            title={`${a.courseTitle} — ${t("rec.attempt", { number: a.number })}`}
            meta={
              <>
                {formatDate(a.submittedAt ?? a.startedAt)}
                {a.score !== null ? ` · ${t("rec.score", { score: a.score })}` : ""}
              </>
            }
            badge={
              a.status === "IN_PROGRESS" ? (
                <Badge className={STATUS_STYLE.DANG_HOC}>{t("rec.inProgress")}</Badge>
              ) : a.passed ? (
                <Badge className={STATUS_STYLE.HOAN_THANH}>{t("rec.passed")}</Badge>
              ) : (
                <Badge className={STATUS_STYLE.QUA_HAN}>{t("rec.failed")}</Badge>
              )
            }
          />
        ))}
      </Section>
    </div>
  );
}
