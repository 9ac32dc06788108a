// An open attempt as the learner takes it. With JavaScript nothing is posted to the page: answers are saved
// in the background and "Nộp bài" opens a confirmation dialog whose submit goes through the same retrying
// channel (useAnswerSync). Without it the form posts: "review" saves and shows the confirmation step,
// "submit" grades, and the server's refusals come back through conform next to their question.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useRevalidator } from "@remix-run/react";
import { type FormEvent, type KeyboardEvent, useCallback, useRef } from "react";
import { FormError } from "~/components/field";
import { answerField, type AttemptAnswers, questionAnchor, unansweredPositions } from "~/domain/quiz";
import type { OpenAttempt } from "~/modules/learning/quiz.server";
import { usePostForm } from "~/utils/conform-post";
import { useT } from "~/utils/i18n";
import { ConfirmStep } from "./confirm-step";
import { Countdown } from "./countdown";
import { QuizNavigator } from "./quiz-navigator";
import { QuizQuestion } from "./quiz-question";
import { useAnswerSync } from "./use-answer-sync";

/** The open attempt as the page's loader sends it (dates as ISO strings). */
export type PaperAttempt = Pick<OpenAttempt, "number" | "items" | "answers"> & {
  id: string;
  deadline: string | null;
  serverNow: string;
};

// Enter on an option must not submit the form (browsers submit a form on Enter in its inputs).
function keepEnterOnOptions(e: KeyboardEvent<HTMLFormElement>) {
  const el = e.target as HTMLElement;
  if (e.key === "Enter" && el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox"))
    e.preventDefault();
}

export function QuizPaper({
  attempt,
  course,
  lastResult,
  confirm,
}: {
  attempt: PaperAttempt;
  course: { code: string; title: string };
  lastResult?: SubmissionResult<string[]>;
  /** The no-JS confirmation step: the server saved the sheet and asks "submit?". */
  confirm: boolean;
}) {
  const t = useT();
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
  // No schema in the browser: choices are clicked, not typed, and the server checks them against the attempt.
  const [form] = usePostForm({ id: `quiz-${attempt.id}`, lastResult });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const intent = (event.nativeEvent as SubmitEvent).submitter?.getAttribute("value");
    if (intent === "review") {
      const dialog = dialogRef.current;
      if (dialog && !dialog.open) {
        dialog.showModal();
        // Start on the safe choice: a stray Enter or tap goes back to the quiz, not to the grade.
        dialog.querySelector<HTMLElement>("[data-back]")?.focus();
      }
    } else if (intent === "submit") {
      dialogRef.current?.close();
      submit();
    }
  };
  const closeDialog = (position?: number) => {
    dialogRef.current?.close();
    if (position) document.getElementById(questionAnchor(position))?.focus();
  };
  const onExpire = useCallback(() => submit(), [submit]);
  const backHref = `/attempts/${attempt.id}`;
  const confirmStep = (titleId: string, onBack?: typeof closeDialog) => (
    <ConfirmStep
      titleId={titleId}
      unanswered={unanswered}
      total={questionIds.length}
      backHref={backHref}
      onBack={onBack}
    />
  );

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
        onSubmit={onSubmit}
        onKeyDown={keepEnterOnOptions}
        className="space-y-4"
      >
        {/* The form's default button: Enter without JavaScript asks for confirmation, never grades. */}
        <button type="submit" name="intent" value="review" hidden tabIndex={-1} aria-hidden="true" />
        <FormError message={form.errors?.join(" ")} />
        {status.error ? <FormError message={status.error} /> : null}
        {confirm ? (
          <section aria-labelledby="confirm-title-static" className="card border-2 border-amber-500">
            {confirmStep("confirm-title-static")}
          </section>
        ) : null}
        {attempt.items.map((q, i) => (
          <QuizQuestion
            key={q.questionId}
            question={q}
            position={i + 1}
            name={answerField(q.questionId)}
            chosen={answers[q.questionId] ?? []}
            error={form.allErrors[answerField(q.questionId)]?.[0]}
            onChoose={(chosen) => choose(q.questionId, chosen)}
          />
        ))}
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
          {confirmStep("confirm-title", closeDialog)}
        </dialog>
      </Form>
    </div>
  );
}
