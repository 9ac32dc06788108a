// POST /attempts/<id>/answers — the quiz page's background saves and its submit, answered in JSON so the
// page handles a refusal or a lost connection itself (a fetcher's network error would replace the quiz
// with the error page). Sending the same sheet again is harmless: a save replaces the whole sheet, a
// submit of a graded attempt returns the stored result. The form is read by readQuizPost, not conform and
// zod: this route is the quiz's hot path, and the module checks every choice against the attempt anyway.
import type { ActionFunctionArgs } from "@remix-run/node";
import { type AnswersReply, readQuizPost } from "~/domain/quiz";
import { translate } from "~/i18n";
import { requireLearner } from "~/modules/auth/guards.server";
import { QUIZ_INTENT_PERMISSION } from "~/modules/learning/page-intents.server";
import { saveAnswers, submitAttempt } from "~/modules/learning/quiz.server";
import { DomainError } from "~/utils/errors";
import { getLocale } from "~/utils/i18n.server";
import { readForm } from "~/utils/read-form.server";
import { unreachable } from "~/utils/intents";
import { uuidParam } from "~/utils/uuid.server";

const reply = (body: AnswersReply, status = 200) => Response.json(body, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  // Every intent needs a learner (QUIZ_INTENT_PERMISSION); the services touch only their own attempt.
  const actor = await requireLearner(request);
  const attemptId = uuidParam(params.attemptId);
  const post = readQuizPost(await readForm(request));
  const locale = getLocale(request);
  if (!post) return reply({ ok: false, message: translate(locale, "learning.badAnswers") }, 400);
  const { intent, sheet } = post;
  void QUIZ_INTENT_PERMISSION[intent];
  try {
    switch (intent) {
      case "submit": {
        const graded = await submitAttempt(actor.personId, attemptId, sheet);
        return reply({ ok: true, state: "graded", passed: graded.passed, score: graded.score });
      }
      case "review":
      case "save": {
        const saved = await saveAnswers(actor.personId, attemptId, sheet);
        return saved.saved
          ? reply({ ok: true, state: "saved" })
          : reply({ ok: true, state: "closed", message: translate(locale, saved.message) });
      }
      default:
        return unreachable(intent);
    }
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return reply({ ok: false, message: error.render(locale) }, error.status);
  }
}
