import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CourseCompletion } from "~/components/learning/course-completion";
import { CourseQuiz } from "~/components/learning/course-quiz";
import { RecertifyNotice } from "~/components/learning/recertify-notice";
import { ProgressBar } from "~/components/progress-bar";
import { requireLearner } from "~/modules/auth/guards.server";
import { getCourseForLearner, getCoursePage, renewEnrollment } from "~/modules/learning/enrollment.server";
import {
  COURSE_INTENT_PERMISSION,
  courseIntent,
  readCourseIntent,
} from "~/modules/learning/page-intents.server";
import { courseCode } from "~/modules/learning/params.server";
import { startCourseQuiz } from "~/modules/learning/quiz.server";
import { invalidReply, parseSubmission } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { domainErrorData } from "~/utils/http.server";
import { pageTitle, useT } from "~/utils/i18n";
import { serverT } from "~/utils/i18n.server";
import { unreachable } from "~/utils/intents";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.course") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireLearner(request);
  try {
    return await getCoursePage(actor.personId, courseCode(params));
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Every intent needs a learner (COURSE_INTENT_PERMISSION); the services touch only their own records.
  const actor = await requireLearner(request);
  const code = courseCode(params);
  const form = await readForm(request);
  const value = readCourseIntent(form);
  // What the hand reader refuses, the schema refuses too, and words the field errors.
  if (!value) return invalidReply(await parseSubmission(request, courseIntent, { formData: form }));
  void COURSE_INTENT_PERMISSION[value.intent];
  const t = serverT(request);
  try {
    switch (value.intent) {
      case "renew": {
        const view = await getCourseForLearner(actor.personId, code);
        await renewEnrollment(actor.personId, view.course.id);
        return redirectWithFlash(`/courses/${code}/lessons/1`, {
          kind: "success",
          message: t("flash.renewStarted"),
        });
      }
      case "start": {
        // One query for the learner, the course and the lessons read, then the start itself.
        const started = await startCourseQuiz(actor.personId, code);
        if ("lessonsLeft" in started)
          return redirectWithFlash(`/courses/${code}`, {
            kind: "error",
            message: t("flash.finishLessonsFirst"),
          });
        return redirect(`/attempts/${started.attemptId}`);
      }
      default:
        return unreachable(value);
    }
  } catch (error) {
    // A refusal (already passed, no attempt left, renewal not open) comes back as a flash on the course page.
    const res = domainErrorData(error, request);
    return redirectWithFlash(`/courses/${code}`, {
      kind: "error",
      message: Object.values(res.data.errors)[0],
    });
  }
}

export default function CoursePage() {
  const page = useLoaderData<typeof loader>();
  const { course, version, lessons, enrollment, resumePosition, completion, renewal, recertify } = page;
  // Passed in the current certification cycle (a renewal starts a new one).
  const passed = !!enrollment?.completedAt;
  const t = useT();
  const done = lessons.filter((l) => l.done).length;
  return (
    <div className="max-w-4xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{version.title}</h1>
        <p className="text-slate-700">{version.summary}</p>
        <p className="text-sm text-slate-500">
          {t("catalog.lessons", { count: lessons.length })} ·{" "}
          {t("catalog.minutes", { minutes: version.estimatedMinutes })}
        </p>
        {enrollment ? (
          <ProgressBar
            percent={passed ? 100 : (done / Math.max(1, lessons.length)) * 90}
            label={version.title}
          />
        ) : null}
        {recertify ? <RecertifyNotice notice={recertify} /> : null}
        {completion ? <CourseCompletion completion={completion} canRenew={passed && renewal.open} /> : null}
        <Link to={`/courses/${course.code}/lessons/${resumePosition}`} className="btn-primary">
          {enrollment ? t("course.continue") : t("course.start")}
        </Link>
      </div>
      <section className="card">
        <h2 className="font-semibold">{t("course.lessons")}</h2>
        <ol className="mt-2 divide-y divide-slate-100">
          {lessons.map((l) => (
            <li key={l.id} className="flex items-center justify-between gap-2 py-2">
              <Link
                to={`/courses/${course.code}/lessons/${l.position}`}
                className="text-red-800 hover:underline"
              >
                {l.position}. {l.title}
              </Link>
              {l.done ? <span className="text-xs text-green-700">✓ {t("course.done")}</span> : null}
            </li>
          ))}
        </ol>
      </section>
      <CourseQuiz page={page} />
      {page.citationCount ? (
        <p>
          <Link to={`/courses/${course.code}/sources`} className="text-red-800 hover:underline">
            {t("sources.title")} ({page.citationCount})
          </Link>
        </p>
      ) : null}
    </div>
  );
}
