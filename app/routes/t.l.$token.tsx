// GET /t/l/<token> — the teachable page, shown at once after a click or a submission: the email as it
// arrived with its red flags numbered, about two minutes of advice, and the follow-up course assigned.
// Public (reached from the email, maybe on a phone without a session); records nothing.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { recipientOf, teachablePage } from "~/modules/phishing/track.server";
import { DRILL_PAGE_HEADERS, drillPageMeta } from "~/modules/phishing/drill-page";
import { notFound } from "~/utils/http.server";
import { getLocale } from "~/utils/i18n.server";
import { formatDay } from "~/utils/vn-calendar";
import { useT } from "~/utils/i18n";

export const headers = () => DRILL_PAGE_HEADERS;

export const meta: MetaFunction = drillPageMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = await recipientOf(params.token);
  const page = id ? await teachablePage(id, new Date(), getLocale(request)) : null;
  if (!page) notFound("phishingDrill.notFound.body");
  return { ...page, due: page.dueAt ? formatDay(page.dueAt) : null };
}

export default function TeachablePage() {
  const p = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <header className="rounded-lg border-2 border-red-600 bg-red-50 p-4">
        <h1 className="text-2xl font-bold text-red-800 sm:text-3xl">{t("phishingDrill.teach.heading")}</h1>
        <p className="mt-2 text-slate-800">{t("phishingDrill.teach.intro")}</p>
      </header>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section aria-labelledby="picture">
          <h2 id="picture" className="mb-2 text-lg font-semibold">
            {t("phishingDrill.teach.picture")}
          </h2>
          <iframe
            title={t("phishingDrill.teach.pictureTitle")}
            sandbox=""
            referrerPolicy="no-referrer"
            srcDoc={p.pictureHtml}
            className="h-[22rem] w-full rounded-md border border-slate-300 bg-white sm:h-[28rem]"
          />
        </section>
        <section aria-labelledby="flags">
          <h2 id="flags" className="mb-2 text-lg font-semibold">
            {t("phishingDrill.teach.flags")}
          </h2>
          <ol className="space-y-3">
            {p.flags.map((f, i) => (
              <li key={f.id} className="flex gap-3 rounded-md border border-red-200 bg-white p-3">
                <span
                  aria-hidden="true"
                  className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-red-600 text-sm font-bold text-white"
                >
                  {i + 1}
                </span>
                <div>
                  <p className="font-semibold">{f.title}</p>
                  <p className="text-sm text-slate-700">{f.explanation}</p>
                </div>
              </li>
            ))}
          </ol>
        </section>
      </div>
      <section aria-labelledby="advice" className="card">
        <h2 id="advice" className="mb-2 text-lg font-semibold">
          {t("phishingDrill.teach.advice")}
        </h2>
        <div className="lesson-content" dangerouslySetInnerHTML={{ __html: p.adviceHtml }} />
      </section>
      {p.course ? (
        <section aria-labelledby="course" className="card border-green-300">
          <h2 id="course" className="mb-2 text-lg font-semibold">
            {t("phishingDrill.teach.course")}
          </h2>
          {p.due ? (
            <p className="text-slate-700">{t("phishingDrill.teach.courseAssigned", { due: p.due })}</p>
          ) : null}
          <p className="mt-2 font-medium">{p.course.title}</p>
          <Link
            to={`/courses/${p.course.code}`}
            className="mt-3 inline-block rounded-md bg-green-700 px-4 py-2 font-semibold text-white hover:bg-green-800"
          >
            {t("phishingDrill.teach.courseLink")}
          </Link>
        </section>
      ) : null}
    </div>
  );
}
