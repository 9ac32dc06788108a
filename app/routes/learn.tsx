import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Section } from "~/components/section";
import { ProgressBar } from "~/components/progress-bar";
import type { MessageKey } from "~/i18n";
import { requireActor } from "~/modules/auth/guards.server";
import { getLearnerHome } from "~/modules/learning/home.server";
import { formatDate } from "~/utils/format";
import { useT, pageTitle } from "~/utils/i18n";
import { DownloadLink } from "~/components/download-link";
import { RecertifyNotice } from "~/components/learning/recertify-notice";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.learn") }];

export async function loader({ request }: LoaderFunctionArgs) {
  return getLearnerHome(await requireActor(request));
}

const STATUS_STYLE: Record<string, string> = {
  HOAN_THANH: "bg-green-100 text-green-900",
  DANG_HOC: "bg-amber-100 text-amber-900",
  CHUA_BAT_DAU: "bg-slate-100 text-slate-800",
  QUA_HAN: "bg-red-100 text-red-900",
};

export default function LearnPage() {
  const { name, person, courses, recommended, assigned, recertify } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("learn.title")}</h1>
        <p className="text-slate-600">{t("learn.hello", { name })}</p>
      </div>
      <p className="flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        {t("phishReport.homeCard")}
        <Link to="/report-phish" className="font-medium text-red-800 underline">
          {t("phishReport.homeLink")}
        </Link>
      </p>
      {recertify.map((n) => (
        <RecertifyNotice key={n.courseId} notice={n} link />
      ))}
      {assigned.length ? (
        <Section title={t("asg.mine")}>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {assigned.map((a) => (
              <li
                key={a.assignmentId}
                className="flex flex-wrap items-center justify-between gap-2 px-4 py-3"
              >
                <Link to={`/courses/${a.courseCode}`} className="font-medium text-red-800 hover:underline">
                  {a.courseTitle}
                </Link>
                <span className="flex items-center gap-3 text-sm">
                  <span className="text-slate-600">
                    {t("asg.due")}: {formatDate(a.dueAt)}
                  </span>
                  <span className={`rounded px-2 py-0.5 text-xs ${STATUS_STYLE[a.status]}`}>
                    {t(`asg.status.${a.status}` as MessageKey)}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section title={t("my.started")}>
        {courses.length === 0 ? (
          <p className="card border-dashed text-slate-700">{t("my.none")}</p>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {courses.map((c) => (
              <li key={c.code} className="card space-y-2">
                <div className="flex items-start justify-between gap-2">
                  <Link to={`/courses/${c.code}`} className="font-medium text-red-800 hover:underline">
                    {c.title}
                  </Link>
                  <span
                    className={`shrink-0 rounded px-2 py-0.5 text-xs ${c.completedAt ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"}`}
                  >
                    {c.completedAt ? t("my.completed") : t("my.inProgress")}
                  </span>
                </div>
                <ProgressBar percent={c.percent} label={c.title} />
                <p className="text-xs text-slate-600">
                  {t("my.lessons", { done: c.lessonsDone, total: c.lessonCount })}
                  {c.validUntil ? ` · ${t("my.validUntil", { date: formatDate(c.validUntil) })}` : ""}
                </p>
                {c.certificateCode ? (
                  <DownloadLink
                    className="text-sm text-red-800 underline"
                    href={`/certificates/${c.certificateCode}.pdf`}
                    kind="pdf"
                  >
                    {t("my.certificate")}
                  </DownloadLink>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Section>
      {recommended.length ? (
        <Section
          title={t("my.recommended")}
          action={
            <Link to="/courses" className="text-sm text-red-800 hover:underline">
              {t("my.seeCatalog")}
            </Link>
          }
        >
          <ul className="grid gap-3 md:grid-cols-2">
            {recommended.map((c) => (
              <li key={c.code} className="card">
                <Link to={`/courses/${c.code}`} className="font-medium text-red-800 hover:underline">
                  {c.title}
                </Link>
                <p className="mt-1 text-sm text-slate-600">{c.summary}</p>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {person ? (
        <p className="text-sm">
          <Link to="/learn/drills" className="text-red-800 hover:underline">
            {t("phr.mine.link")}
          </Link>
        </p>
      ) : null}
      <section className="card">
        <h2 className="font-semibold">{t("learn.profile")}</h2>
        {person ? (
          <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-500">{t("learn.agency")}</dt>
              <dd>{person.agency.name}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("learn.position")}</dt>
              <dd>{person.position || "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("learn.category")}</dt>
              <dd>{t(`staff.${person.staffCategory}` as MessageKey)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("learn.itRole")}</dt>
              <dd>{t(`it.${person.itRole}` as MessageKey)}</dd>
            </div>
          </dl>
        ) : (
          <p className="mt-2 text-sm text-slate-600">{t("learn.noPerson")}</p>
        )}
      </section>
    </div>
  );
}
