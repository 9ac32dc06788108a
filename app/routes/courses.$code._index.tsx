import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ProgressBar } from "~/components/progress-bar";
import { requireLearner } from "~/modules/auth/guards.server";
import { getCourseForLearner, renewEnrollment } from "~/modules/learning/enrollment.server";
import { listAttempts, startAttempt } from "~/modules/learning/quiz.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDate } from "~/utils/format";
import { domainErrorData } from "~/utils/http.server";
import { courseCode } from "~/modules/learning/params.server";
import { useT, pageTitle } from "~/utils/i18n";
import { serverT } from "~/utils/i18n.server";
import { DownloadLink } from "~/components/download-link";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.course") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireLearner(request);
  try {
    const view = await getCourseForLearner(actor.personId, courseCode(params));
    const attempts = view.enrollment ? await listAttempts(actor.personId, view.course.id) : null;
    return { ...view, attempts };
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireLearner(request);
  const code = courseCode(params);
  const view = await getCourseForLearner(actor.personId, code).catch((e) => {
    throw domainErrorData(e, request);
  });
  const form = await readForm(request);
  if (form.get("intent") === "renew") {
    try {
      await renewEnrollment(actor.personId, view.course.id);
    } catch (error) {
      const res = domainErrorData(error, request);
      return redirectWithFlash(`/courses/${code}`, {
        kind: "error",
        message: Object.values(res.data.errors)[0],
      });
    }
    return redirectWithFlash(`/courses/${code}/lessons/1`, {
      kind: "success",
      message: serverT(request)("flash.renewStarted"),
    });
  }
  if (!view.allLessonsDone) {
    return redirectWithFlash(`/courses/${code}`, {
      kind: "error",
      message: serverT(request)("flash.finishLessonsFirst"),
    });
  }
  try {
    const { attemptId } = await startAttempt(actor.personId, view.course.id);
    return redirect(`/attempts/${attemptId}`);
  } catch (error) {
    const res = domainErrorData(error, request);
    return redirectWithFlash(`/courses/${code}`, {
      kind: "error",
      message: Object.values(res.data.errors)[0],
    });
  }
}

export default function CoursePage() {
  const {
    course,
    version,
    lessons,
    enrollment,
    allLessonsDone,
    resumePosition,
    completion,
    attempts,
    renewal,
  } = useLoaderData<typeof loader>();
  // Passed in the current certification cycle (a renewal starts a new one).
  const passed = !!enrollment?.completedAt;
  const t = useT();
  const done = lessons.filter((l) => l.done).length;
  const inProgress = attempts?.attempts.find((a) => a.status === "IN_PROGRESS");
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
        {completion ? (
          <div className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900">
            {t("course.passedOn", { date: formatDate(completion.completedAt) })}
            {completion.validUntil
              ? ` ${t("my.validUntil", { date: formatDate(completion.validUntil) })}.`
              : ""}
            {completion.certificate ? (
              <DownloadLink
                className="ml-2 font-medium underline"
                href={`/certificates/${completion.certificate.code}.pdf`}
                kind="pdf"
              >
                {t("course.downloadCert")}
              </DownloadLink>
            ) : null}
            {passed && renewal.open ? (
              <Form method="post" className="mt-2">
                <input type="hidden" name="intent" value="renew" />
                <p>{t("course.renewInfo")}</p>
                <button type="submit" className="btn-primary mt-2">
                  {t("course.renew")}
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
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
      <section className="card space-y-2">
        <h2 className="font-semibold">{t("course.quiz")}</h2>
        <p className="text-sm text-slate-700">
          {t("course.quizInfo", { count: version.questionCount, pass: version.passMark })}
          {version.timeLimitMinutes
            ? ` · ${t("course.timeLimit", { minutes: version.timeLimitMinutes })}`
            : ""}
          {attempts && version.maxAttempts
            ? ` · ${t("course.attemptsLeft", { count: attempts.remainingAttempts ?? 0 })}`
            : ""}
        </p>
        {passed ? null : allLessonsDone ? (
          inProgress ? (
            <Link to={`/attempts/${inProgress.id}`} className="btn-primary">
              {t("course.continueQuiz")}
            </Link>
          ) : (
            <Form method="post">
              <button type="submit" className="btn-primary">
                {t("course.startQuiz")}
              </button>
            </Form>
          )
        ) : (
          <p className="text-sm text-amber-800">{t("course.readFirst")}</p>
        )}
        {attempts?.attempts.length ? (
          <>
            <h3 className="pt-2 text-sm font-semibold">{t("course.attempts")}</h3>
            <ul className="text-sm">
              {attempts.attempts.map((a) => (
                <li key={a.id} className="flex justify-between gap-2 py-1">
                  <Link to={`/attempts/${a.id}`} className="text-red-800 hover:underline">
                    {t("course.attempt", { number: a.number })}
                  </Link>
                  <span>
                    {a.status === "GRADED"
                      ? `${a.score}% · ${a.passed ? t("result.passed") : t("result.failed")}`
                      : t("my.inProgress")}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </div>
  );
}
