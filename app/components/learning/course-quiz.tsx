// The course page's quiz section: its rules, the way in (start, continue, or read the lessons first) and
// the learner's attempts.
import { Link } from "@remix-run/react";
import type { CoursePage } from "~/modules/learning/enrollment.server";
import { useT } from "~/utils/i18n";
import { IntentForm } from "~/components/intent-form";

export function CourseQuiz({ page }: { page: CoursePage }) {
  const t = useT();
  const { version, attempts, allLessonsDone } = page;
  const passed = !!page.enrollment?.completedAt;
  const inProgress = attempts?.attempts.find((a) => a.status === "IN_PROGRESS");
  return (
    <section className="card space-y-2">
      <h2 className="font-semibold">{t("course.quiz")}</h2>
      <p className="text-sm text-slate-700">
        {t("course.quizInfo", { count: version.questionCount, pass: version.passMark })}
        {version.timeLimitMinutes ? ` · ${t("course.timeLimit", { minutes: version.timeLimitMinutes })}` : ""}
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
          <IntentForm id="course-start" intent="start">
            {t("course.startQuiz")}
          </IntentForm>
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
  );
}
