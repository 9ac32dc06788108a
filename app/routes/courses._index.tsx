import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireLearner } from "~/modules/auth/guards.server";
import { wantsWholeCatalog } from "~/modules/learning/catalog-query.server";
import { listCatalog } from "~/modules/learning/enrollment.server";
import { useT, pageTitle } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.courses") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireLearner(request);
  const all = wantsWholeCatalog(request);
  const catalog = await listCatalog(actor.personId);
  return { all, courses: all ? catalog : catalog.filter((c) => c.fits || c.started) };
}

export default function CatalogPage() {
  const { courses, all } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("catalog.title")}</h1>
        <Link to={all ? "/courses" : "/courses?all=1"} className="text-sm text-red-800 hover:underline">
          {all ? t("catalog.onlyFits") : t("catalog.all")}
        </Link>
      </div>
      <ul className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
        {courses.map((c) => (
          <li key={c.code} className="card flex flex-col gap-2">
            <div className="flex flex-wrap gap-1">
              {c.fits ? (
                <span className="rounded bg-sky-100 px-2 py-0.5 text-xs text-sky-900">
                  {t("catalog.fits")}
                </span>
              ) : null}
              {c.completed ? (
                <span className="rounded bg-green-100 px-2 py-0.5 text-xs text-green-900">
                  {t("my.completed")}
                </span>
              ) : c.started ? (
                <span className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-900">
                  {t("my.inProgress")}
                </span>
              ) : null}
            </div>
            <Link to={`/courses/${c.code}`} className="text-lg font-medium text-red-800 hover:underline">
              {c.title}
            </Link>
            <p className="flex-1 text-sm text-slate-700">{c.summary}</p>
            <p className="text-xs text-slate-500">
              {t("catalog.lessons", { count: c.lessonCount })} ·{" "}
              {t("catalog.minutes", { minutes: c.estimatedMinutes })}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
