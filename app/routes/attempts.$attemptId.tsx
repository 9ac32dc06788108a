import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { db } from "~/db.server";
import { requireLearner } from "~/modules/auth/guards.server";
import { uuidParam } from "~/modules/learning/params.server";
import {
  getAttemptForTaking,
  getAttemptResult,
  saveAnswers,
  submitAttempt,
} from "~/modules/learning/quiz.server";
import { domainErrorData } from "~/utils/http.server";
import { useT, pageTitle } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.attempt") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireLearner(request);
  const attemptId = uuidParam(params.attemptId);
  try {
    const taking = await getAttemptForTaking(actor.personId, attemptId);
    const course = await db.course.findUniqueOrThrow({
      where: {
        id:
          taking.status === "IN_PROGRESS"
            ? taking.courseId
            : (await getAttemptResult(actor.personId, attemptId)).courseId,
      },
      select: { code: true, currentVersion: { select: { title: true } } },
    });
    const courseInfo = { code: course.code, title: course.currentVersion?.title ?? course.code };
    if (taking.status === "IN_PROGRESS") {
      // Only what the learner needs to answer: no correct options, no explanations.
      return {
        mode: "taking" as const,
        course: courseInfo,
        attempt: {
          id: taking.attemptId,
          number: taking.number,
          deadline: taking.deadline ? taking.deadline.toISOString() : null,
          serverNow: taking.serverNow.toISOString(),
          items: taking.items,
          answers: taking.answers as Record<string, number[]>,
        },
      };
    }
    return {
      mode: "result" as const,
      course: courseInfo,
      result: await getAttemptResult(actor.personId, attemptId),
    };
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

/** Form fields "q.<questionId>" (one value, or several for multiple choice) → answers by question id. */
function answersFromForm(form: FormData): Record<string, number[]> {
  const answers: Record<string, number[]> = {};
  for (const [key, value] of form.entries()) {
    if (!key.startsWith("q.") || typeof value !== "string") continue;
    const n = Number(value);
    if (!Number.isInteger(n)) continue;
    (answers[key.slice(2)] ??= []).push(n);
  }
  return answers;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireLearner(request);
  const attemptId = uuidParam(params.attemptId);
  const form = await request.formData();
  const answers = answersFromForm(form);
  try {
    if (form.get("intent") === "save") {
      const saved = await saveAnswers(actor.personId, attemptId, answers);
      // Time over or already graded: the page reloads and shows the result.
      if (!saved.saved) return redirect(`/attempts/${attemptId}`);
      return { saved: true };
    }
    await submitAttempt(actor.personId, attemptId, answers);
    return redirect(`/attempts/${attemptId}`);
  } catch (error) {
    const res = domainErrorData(error, request);
    return data(
      { saved: false, error: Object.values(res.data.errors)[0] },
      { status: res.init?.status ?? 400 },
    );
  }
}

function Countdown({
  deadline,
  serverNow,
  onExpire,
}: {
  deadline: string;
  serverNow: string;
  onExpire: () => void;
}) {
  const t = useT();
  // Measure against the server's clock, not the device's (which may be wrong).
  const [skew] = useState(() => Date.parse(serverNow) - Date.now());
  const [left, setLeft] = useState(() => Date.parse(deadline) - Date.parse(serverNow));
  const fired = useRef(false);
  useEffect(() => {
    const id = setInterval(() => {
      const ms = Date.parse(deadline) - (Date.now() + skew);
      setLeft(ms);
      if (ms <= 0 && !fired.current) {
        fired.current = true;
        onExpire();
      }
    }, 1000);
    return () => clearInterval(id);
  }, [deadline, skew, onExpire]);
  const s = Math.max(0, Math.floor(left / 1000));
  const text = `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  return (
    <p
      className={`font-mono text-lg ${s < 60 ? "text-red-700" : "text-slate-800"}`}
      role="timer"
      aria-label={t("quiz.timeLeft")}
    >
      {t("quiz.timeLeft")}: {text}
    </p>
  );
}

function Taking({
  attempt,
  course,
}: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { mode: "taking" }>) {
  const t = useT();
  const saver = useFetcher<typeof action>();
  const formRef = useRef<HTMLFormElement>(null);
  const onChange = () => {
    if (!formRef.current) return;
    const fd = new FormData(formRef.current);
    fd.set("intent", "save");
    saver.submit(fd, { method: "post" });
  };
  const onExpire = () => formRef.current?.requestSubmit();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div className="sticky top-0 z-10 -mx-4 flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-slate-50/95 px-4 py-2">
        <div>
          <Link to={`/courses/${course.code}`} className="text-sm text-red-800 hover:underline">
            {course.title}
          </Link>
          <h1 className="text-xl font-semibold">{t("quiz.title", { number: attempt.number })}</h1>
        </div>
        {attempt.deadline ? (
          <Countdown deadline={attempt.deadline} serverNow={attempt.serverNow} onExpire={onExpire} />
        ) : null}
      </div>
      <Form method="post" ref={formRef} onChange={onChange} className="space-y-4">
        <input type="hidden" name="intent" value="submit" />
        {attempt.items.map((q, i) => {
          const multiple = q.type === "MULTIPLE";
          const chosen = attempt.answers[q.questionId] ?? [];
          return (
            <fieldset key={q.questionId} className="card">
              <legend className="sr-only">{t("learning.questionNumber", { number: i + 1 })}</legend>
              <p className="font-medium">
                <span className="mr-1 text-slate-500">{i + 1}.</span>
                {q.text}
              </p>
              <p className="mt-1 text-xs text-slate-500">
                {multiple ? t("quiz.chooseMany") : t("quiz.chooseOne")}
              </p>
              <div className="mt-3 space-y-2">
                {q.options.map((option, j) => (
                  <label
                    key={j}
                    className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 px-3 py-2 hover:bg-slate-50"
                  >
                    <input
                      type={multiple ? "checkbox" : "radio"}
                      name={`q.${q.questionId}`}
                      value={j}
                      defaultChecked={chosen.includes(j)}
                      className="mt-1"
                    />
                    <span>{option}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
        <div className="flex items-center justify-between gap-2">
          <span className="text-xs text-slate-500" aria-live="polite">
            {saver.data && "saved" in saver.data && saver.data.saved ? t("quiz.saved") : ""}
            {saver.data && "error" in saver.data ? saver.data.error : ""}
          </span>
          <button type="submit" className="btn-primary">
            {t("quiz.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}

function Result({
  result,
  course,
}: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { mode: "result" }>) {
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link to={`/courses/${course.code}`} className="text-sm text-red-800 hover:underline">
        {course.title}
      </Link>
      <h1 className="text-2xl font-semibold">{t("result.title")}</h1>
      <div className={`card border-2 ${result.passed ? "border-green-500" : "border-amber-500"}`}>
        <p className={`text-3xl font-bold ${result.passed ? "text-green-700" : "text-amber-700"}`}>
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
        <div className="mt-3 flex flex-wrap gap-2">
          {result.certificateCode ? (
            <a href={`/certificates/${result.certificateCode}.pdf`} className="btn-primary">
              {t("course.downloadCert")}
            </a>
          ) : (
            <Link to={`/courses/${course.code}`} className="btn-primary">
              {t("result.retry")}
            </Link>
          )}
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
            <ul className="mt-2 space-y-1 text-sm">
              {q.options.map((o, j) => {
                const right = q.correct.includes(j);
                const mine = q.chosen.includes(j);
                return (
                  <li
                    key={j}
                    className={`rounded px-2 py-1 ${right ? "bg-green-50 font-medium text-green-900" : mine ? "bg-red-50 text-red-900" : ""}`}
                  >
                    {right ? "✓ " : mine ? "✗ " : "• "}
                    {o}
                    {mine ? (
                      <span className="ml-2 text-xs text-slate-500">({t("result.yourAnswer")})</span>
                    ) : null}
                  </li>
                );
              })}
              {q.chosen.length === 0 ? (
                <li className="text-xs text-slate-500">{t("result.noAnswer")}</li>
              ) : null}
            </ul>
            <p className="mt-2 text-sm text-slate-700">
              <span className="font-semibold">{t("result.explanation")}: </span>
              {q.explanation}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}

export default function AttemptPage() {
  const loaderData = useLoaderData<typeof loader>();
  return loaderData.mode === "taking" ? <Taking {...loaderData} /> : <Result {...loaderData} />;
}
