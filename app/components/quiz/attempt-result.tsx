// The result of a graded attempt. Which questions were right or wrong is always shown; the correct answers
// and explanations only when the server sent them (see reviewOf in result.server: not while attempts remain).
import { Link } from "@remix-run/react";
import { useEffect } from "react";
import { DownloadLink } from "~/components/download-link";
import type { AttemptReview } from "~/modules/learning/quiz.server";
import { useT } from "~/utils/i18n";
import { forgetStoredAnswers } from "./use-answer-sync";

export function AttemptResult({
  result,
  course,
}: {
  result: AttemptReview;
  course: { code: string; title: string };
}) {
  const t = useT();
  useEffect(() => forgetStoredAnswers(result.attemptId), [result.attemptId]);
  const canRetry = !result.passed && result.remainingAttempts !== 0;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link to={`/courses/${course.code}`} className="text-sm text-red-800 hover:underline">
        {course.title}
      </Link>
      <h1 className="text-2xl font-semibold">{t("result.title")}</h1>
      <div className={`card border-2 ${result.passed ? "border-green-500" : "border-amber-500"}`}>
        <p className={`text-3xl font-bold ${result.passed ? "text-green-700" : "text-amber-800"}`}>
          {result.passed ? t("result.passed") : t("result.failed")} ·{" "}
          {t("result.score", { score: result.score })}
        </p>
        <p className="mt-1 text-slate-700">
          {t("result.correctCount", {
            correct: result.correctCount,
            total: result.total,
            pass: result.passMark,
          })}
        </p>
        {!result.revealed ? (
          <p className="mt-2 text-sm text-slate-700">
            {result.remainingAttempts === null
              ? t("result.hiddenAnswersUnlimited")
              : t("result.hiddenAnswers", { count: result.remainingAttempts })}
          </p>
        ) : !result.passed ? (
          <p className="mt-2 text-sm text-slate-700">{t("result.revealedLast")}</p>
        ) : null}
        <div className="mt-3 flex flex-wrap gap-2">
          {result.certificateCode ? (
            <DownloadLink
              href={`/certificates/${result.certificateCode}.pdf`}
              kind="pdf"
              className="btn-primary"
            >
              {t("course.downloadCert")}
            </DownloadLink>
          ) : canRetry ? (
            <Link to={`/courses/${course.code}`} className="btn-primary">
              {t("result.retry")}
            </Link>
          ) : null}
          {!result.passed ? (
            <Link to={`/courses/${course.code}/lessons/1`} className="btn-secondary">
              {t("result.reviewLessons")}
            </Link>
          ) : null}
        </div>
      </div>
      <ol className="space-y-3">
        {result.items.map((q, i) => (
          <li
            key={q.questionId}
            className={`card border-l-4 ${q.isCorrect ? "border-l-green-500" : "border-l-red-500"}`}
          >
            <p className="font-medium">
              {i + 1}. {q.text}
            </p>
            <p
              className={`mt-1 inline-block rounded px-2 py-0.5 text-xs font-semibold ${
                q.isCorrect ? "bg-green-100 text-green-900" : "bg-red-100 text-red-900"
              }`}
            >
              {q.isCorrect ? `✓ ${t("result.right")}` : `✗ ${t("result.wrong")}`}
            </p>
            <ul className="mt-2 space-y-1 text-sm">
              {q.options.map((o, j) => {
                const right = q.correct?.includes(j) ?? false;
                const mine = q.chosen.includes(j);
                return (
                  <li
                    key={j}
                    className={`rounded px-2 py-1 ${right ? "bg-green-50 font-medium text-green-900" : mine ? (q.correct ? "bg-red-50 text-red-900" : "bg-slate-100 font-medium") : ""}`}
                  >
                    {right ? "✓ " : mine && q.correct ? "✗ " : mine ? "● " : "• "}
                    {o}
                    {mine ? (
                      <span className="ml-2 text-xs text-slate-600">({t("result.yourAnswer")})</span>
                    ) : null}
                    {q.whys?.[j] ? (
                      <span className="mt-0.5 block text-sm font-normal text-slate-700">
                        {t("result.why")}: {q.whys[j]}
                      </span>
                    ) : null}
                  </li>
                );
              })}
              {q.chosen.length === 0 ? (
                <li className="text-xs text-slate-600">{t("result.noAnswer")}</li>
              ) : null}
            </ul>
            {q.explanation ? (
              <p className="mt-2 text-sm text-slate-700">
                <span className="font-semibold">{t("result.explanation")}: </span>
                {q.explanation}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
