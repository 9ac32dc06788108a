import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AttemptResult } from "~/components/quiz/attempt-result";
import { QuizPaper } from "~/components/quiz/quiz-paper";
import { sheetFromForm } from "~/domain/quiz";
import { requireLearner } from "~/modules/auth/guards.server";
import { QUIZ_INTENT_PERMISSION } from "~/modules/learning/page-intents.server";
import { readQuizForm } from "~/modules/learning/quiz-form.server";
import { getAttemptPage, saveAnswers, submitAttempt } from "~/modules/learning/quiz.server";
import { domainErrorReply, invalidReply } from "~/utils/conform.server";
import { domainErrorData } from "~/utils/http.server";
import { pageTitle } from "~/utils/i18n";
import { unreachable } from "~/utils/intents";
import { uuidParam } from "~/utils/uuid.server";

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
  // Every intent needs a learner (QUIZ_INTENT_PERMISSION); the services touch only their own attempt.
  const actor = await requireLearner(request);
  const attemptId = uuidParam(params.attemptId);
  const submission = await readQuizForm(request);
  if (submission.status !== "success") return invalidReply(submission);
  const value = submission.value;
  void QUIZ_INTENT_PERMISSION[value.intent];
  const sheet = sheetFromForm(value.q);
  try {
    switch (value.intent) {
      case "submit":
        await submitAttempt(actor.personId, attemptId, sheet);
        return redirect(`/attempts/${attemptId}`);
      case "review":
      case "save": {
        const saved = await saveAnswers(actor.personId, attemptId, sheet);
        // Time over or already graded: the page reloads and shows the result.
        if (!saved.saved) return redirect(`/attempts/${attemptId}`);
        return { ...submission.reply(), confirm: value.intent === "review" };
      }
      default:
        return unreachable(value);
    }
  } catch (error) {
    return domainErrorReply(submission, error, request);
  }
}

export default function AttemptPage() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return page.mode === "taking" ? (
    // Keyed: another attempt's page starts from its own saved answers, not this one's state.
    <QuizPaper
      key={page.attempt.id}
      attempt={page.attempt}
      course={page.course}
      lastResult={reply}
      confirm={Boolean(reply && "confirm" in reply && reply.confirm)}
    />
  ) : (
    <AttemptResult result={page.result} course={page.course} />
  );
}
