import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from "react";
import { FormError } from "~/components/field";
import { AttemptResult } from "~/components/quiz/attempt-result";
import { QuizNavigator, questionAnchor } from "~/components/quiz/quiz-navigator";
import { useAnswerSync } from "~/components/quiz/use-answer-sync";
import { requireLearner } from "~/modules/auth/guards.server";
import type { AttemptAnswers } from "~/modules/learning/grading";
import { uuidParam } from "~/utils/uuid.server";
import {
  answerField,
  quizFields,
  quizFormSchema,
  sheetFromForm,
  unansweredPositions,
} from "~/modules/learning/quiz-form";
import { readQuizForm } from "~/modules/learning/quiz-form.server";
import { getAttemptPage, saveAnswers, submitAttempt } from "~/modules/learning/quiz.server";
import { domainErrorData } from "~/utils/http.server";
import { useT, pageTitle, useLocale } from "~/utils/i18n";
import { formatIssues } from "~/utils/forms";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.attempt") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireLearner(request);
  const attemptId = uuidParam(params.attemptId);
  try {
    // While open: questions and saved choices only. Graded: a review that holds the correct answers and
    // explanations only when no attempt is left to use them on.
    const page = await getAttemptPage(actor.personId, attemptId);
    if (page.mode === "result") return page;
    const { attempt } = page;
    return {
      mode: "taking" as const,
      course: page.course,
      attempt: {
        id: attempt.attemptId,
        number: attempt.number,
        deadline: attempt.deadline ? attempt.deadline.toISOString() : null,
        serverNow: attempt.serverNow.toISOString(),
        items: attempt.items,
        answers: attempt.answers,
      },
    };
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

/**
 * The page's own form, used without JavaScript: "review" saves the sheet and answers with the confirmation
 * step, "submit" grades. With JavaScript the page saves and submits through /attempts/<id>/answers instead.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireLearner(request);
  const attemptId = uuidParam(params.attemptId);
  const submission = await readQuizForm(request);
  if (submission.status !== "success") return data({ lastResult: submission.reply() }, { status: 400 });
  const sheet = sheetFromForm(submission.value.q);
  try {
    if (submission.value.intent === "submit") {
      await submitAttempt(actor.personId, attemptId, sheet);
      return redirect(`/attempts/${attemptId}`);
    }
    const saved = await saveAnswers(actor.personId, attemptId, sheet);
    // Time over or already graded: the page reloads and shows the result.
    if (!saved.saved) return redirect(`/attempts/${attemptId}`);
    return { lastResult: submission.reply(), confirm: submission.value.intent === "review" };
  } catch (error) {
    const res = domainErrorData(error, request);
    return data(
      { lastResult: submission.reply({ formErrors: Object.values(res.data.errors) }) },
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

/** "Submit?" with the count and numbers of the questions not answered yet. */
function ConfirmStep({
  titleId,
  unanswered,
  total,
  backHref,
  onBack,
}: {
  titleId: string;
  unanswered: number[];
  total: number;
  backHref: string;
  onBack?: (position?: number) => void;
}) {
  const t = useT();
  return (
    <>
      <h2 id={titleId} className="text-lg font-semibold">
        {unanswered.length
          ? t("quiz.confirmUnanswered", { count: unanswered.length })
          : t("quiz.confirmAllAnswered", { total })}
      </h2>
      {unanswered.length ? (
        <p className="mt-2 text-sm text-slate-700">
          {t("quiz.unansweredList")}{" "}
          {unanswered.map((n, i) => (
            <span key={n}>
              {i > 0 ? ", " : null}
              <a
                href={`#${questionAnchor(n)}`}
                className="text-red-800 underline"
                onClick={onBack ? () => onBack(n) : undefined}
              >
                {t("quiz.question", { number: n })}
              </a>
            </span>
          ))}
        </p>
      ) : null}
      <p className="mt-2 text-sm text-slate-700">{t("quiz.confirmNote")}</p>
      <div className="mt-4 flex flex-wrap gap-2">
        <button type="submit" name="intent" value="submit" className="btn-primary">
          {t("quiz.submitNow")}
        </button>
        <a
          href={backHref}
          data-back
          className="btn-secondary"
          onClick={
            onBack
              ? (e) => {
                  e.preventDefault();
                  onBack();
                }
              : undefined
          }
        >
          {t("quiz.keepWorking")}
        </a>
      </div>
    </>
  );
}

function Taking({
  attempt,
  course,
}: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { mode: "taking" }>) {
  const t = useT();
  const locale = useLocale();
  const actionData = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const onClosed = useCallback(() => revalidator.revalidate(), [revalidator]);
  const { answers, status, choose, submit } = useAnswerSync(
    attempt.id,
    attempt.answers as AttemptAnswers,
    onClosed,
    t("quiz.sessionEnded"),
  );
  const questionIds = attempt.items.map((q) => q.questionId);
  const unanswered = unansweredPositions(questionIds, answers);
  const [form] = useForm({
    id: `quiz-${attempt.id}`,
    lastResult: actionData?.lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) =>
      parseWithZod(quizFields(formData), { schema: quizFormSchema, formatError: formatIssues(locale) }),
    // With JavaScript nothing is posted to this route: "Nộp bài" opens the confirmation dialog, and the
    // confirmed submit goes through the same retrying channel as the saves.
    onSubmit(event, { submission }) {
      event.preventDefault();
      if (submission?.status !== "success") return;
      if (submission.value.intent === "review") {
        const dialog = dialogRef.current;
        if (dialog && !dialog.open) {
          dialog.showModal();
          // Start on the safe choice: a stray Enter or tap goes back to the quiz, not to the grade.
          dialog.querySelector<HTMLElement>("[data-back]")?.focus();
        }
      } else if (submission.value.intent === "submit") {
        dialogRef.current?.close();
        submit();
      }
    },
  });
  const closeDialog = (position?: number) => {
    dialogRef.current?.close();
    if (position) document.getElementById(questionAnchor(position))?.focus();
  };
  // Enter on an option must not submit the form (browsers submit a form on Enter in its inputs).
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    const el = e.target as HTMLElement;
    if (
      e.key === "Enter" &&
      el instanceof HTMLInputElement &&
      (el.type === "radio" || el.type === "checkbox")
    )
      e.preventDefault();
  };
  const onExpire = useCallback(() => submit(), [submit]);
  const noJsConfirm = Boolean(actionData && "confirm" in actionData && actionData.confirm);
  const backHref = `/attempts/${attempt.id}`;

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div className="sticky top-0 z-10 -mx-4 space-y-2 border-b border-slate-200 bg-slate-50 px-4 py-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
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
        <QuizNavigator questionIds={questionIds} answers={answers} />
        <div role="status" aria-live="polite">
          {status.offline ? (
            <p className="rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900">
              {status.submitting ? t("quiz.offlineSubmit") : t("quiz.offline")}
            </p>
          ) : null}
        </div>
      </div>
      <Form
        method="post"
        {...getFormProps(form)}
        onKeyDown={onKeyDown}
        className="space-y-4"
        aria-describedby={form.errors ? form.errorId : undefined}
      >
        {/* The form's default button: Enter without JavaScript asks for confirmation, never grades. */}
        <button type="submit" name="intent" value="review" hidden tabIndex={-1} aria-hidden="true" />
        <FormError message={form.errors?.join(" ")} />
        {status.error ? <FormError message={status.error} /> : null}
        {noJsConfirm ? (
          <section aria-labelledby="confirm-title-static" className="card border-2 border-amber-500">
            <ConfirmStep
              titleId="confirm-title-static"
              unanswered={unanswered}
              total={questionIds.length}
              backHref={backHref}
            />
          </section>
        ) : null}
        {attempt.items.map((q, i) => {
          const multiple = q.type === "MULTIPLE";
          const chosen = answers[q.questionId] ?? [];
          return (
            <fieldset
              key={q.questionId}
              id={questionAnchor(i + 1)}
              tabIndex={-1}
              className="card scroll-mt-48 focus:outline-2 focus:outline-red-800"
            >
              <legend className="sr-only">{t("quiz.question", { number: i + 1 })}</legend>
              <p className="font-medium">
                <span className="mr-1 text-slate-500">{i + 1}.</span>
                {q.text}
              </p>
              <p className="mt-1 text-xs text-slate-600">
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
                      name={answerField(q.questionId)}
                      value={j}
                      checked={chosen.includes(j)}
                      onChange={(e) =>
                        choose(
                          q.questionId,
                          multiple
                            ? e.target.checked
                              ? [...chosen, j].sort((a, b) => a - b)
                              : chosen.filter((c) => c !== j)
                            : [j],
                        )
                      }
                      className="mt-1"
                    />
                    <span>{option}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
        <div className="flex flex-wrap items-center justify-between gap-2">
          <span className="text-xs text-slate-600" aria-live="polite">
            {status.submitting
              ? t("quiz.submitting")
              : status.unsaved
                ? t("quiz.saving")
                : unanswered.length < questionIds.length
                  ? t("quiz.saved")
                  : ""}
          </span>
          <button
            type="submit"
            name="intent"
            value="review"
            className="btn-primary"
            disabled={status.submitting}
          >
            {t("quiz.submit")}
          </button>
        </div>
        <dialog
          ref={dialogRef}
          aria-labelledby="confirm-title"
          className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg bg-white p-5 shadow-xl backdrop:bg-slate-900/50"
        >
          <ConfirmStep
            titleId="confirm-title"
            unanswered={unanswered}
            total={questionIds.length}
            backHref={backHref}
            onBack={closeDialog}
          />
        </dialog>
      </Form>
    </div>
  );
}

export default function AttemptPage() {
  const loaderData = useLoaderData<typeof loader>();
  return loaderData.mode === "taking" ? (
    // Keyed: another attempt's page starts from its own saved answers, not this one's state.
    <Taking key={loaderData.attempt.id} {...loaderData} />
  ) : (
    <AttemptResult result={loaderData.result} course={loaderData.course} />
  );
}
