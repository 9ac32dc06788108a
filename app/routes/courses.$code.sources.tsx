// "Nguồn tham khảo và căn cứ pháp lý": every document the learner's version of the course cites, with its
// number, title, issuer, dates and status (as checked when the content was synced).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SourcesList } from "~/components/learning/citations";
import { requireLearner } from "~/modules/auth/guards.server";
import { getCourseForLearner } from "~/modules/learning/enrollment.server";
import { courseCode } from "~/modules/learning/params.server";
import { domainErrorData } from "~/utils/http.server";
import { pageTitle, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.sources") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireLearner(request);
  try {
    const view = await getCourseForLearner(actor.personId, courseCode(params));
    return { code: view.course.code, title: view.version.title, citations: view.citations };
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

export default function CourseSourcesPage() {
  const { code, title, citations } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="max-w-4xl space-y-4">
      <nav className="text-sm text-slate-600" aria-label={t("ui.breadcrumb")}>
        <Link to={`/courses/${code}`} className="text-red-800 hover:underline">
          {title}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{t("sources.title")}</h1>
      <p className="text-slate-700">{t("sources.intro")}</p>
      <SourcesList docs={citations} />
    </div>
  );
}
