import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { IntentForm } from "~/components/intent-form";
import { CitationNotes } from "~/components/learning/citations";
import { useReadingPosition } from "~/components/learning/use-reading-position";
import { requireLearner } from "~/modules/auth/guards.server";
import {
  getLessonForLearner,
  markLessonDone,
  saveReadingPosition,
} from "~/modules/learning/enrollment.server";
import { domainErrorData } from "~/utils/http.server";
import { useT, pageTitle } from "~/utils/i18n";
import { courseCode, lessonPosition } from "~/modules/learning/params.server";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { unreachable } from "~/utils/intents";
import { LESSON_INTENT_PERMISSION, lessonIntent } from "~/modules/learning/page-intents.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? `${data.lesson.title} — Học ATTT` : pageTitle(matches, "title.lesson") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireLearner(request);
  try {
    const view = await getLessonForLearner(actor.personId, courseCode(params), lessonPosition(params));
    return {
      code: view.course.code,
      courseTitle: view.version.title,
      total: view.lessons.length,
      lesson: view.lesson,
      notes: view.notes,
      scrollTo: view.scrollTo,
      prev: view.prev ? view.prev.position : null,
      next: view.next ? view.next.position : null,
    };
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Every intent needs a learner (LESSON_INTENT_PERMISSION); the lesson id is checked against the caller's
  // own enrollment inside the service.
  const actor = await requireLearner(request);
  const code = courseCode(params);
  const position = lessonPosition(params);
  const submission = await parseSubmission(request, lessonIntent);
  if (submission.status !== "success") return invalidReply(submission);
  const value = submission.value;
  void LESSON_INTENT_PERMISSION[value.intent];
  try {
    switch (value.intent) {
      case "position":
        await saveReadingPosition(actor.personId, value.lessonId, value.position);
        return submission.reply();
      case "done": {
        await markLessonDone(actor.personId, value.lessonId);
        const view = await getLessonForLearner(actor.personId, code, position);
        return redirect(view.next ? `/courses/${code}/lessons/${view.next.position}` : `/courses/${code}`);
      }
      default:
        return unreachable(value);
    }
  } catch (error) {
    return domainErrorReply(submission, error, request);
  }
}

export default function LessonPage() {
  const { code, courseTitle, total, lesson, notes, scrollTo, prev, next } = useLoaderData<typeof loader>();
  const t = useT();
  useReadingPosition(lesson.id, scrollTo);
  return (
    <article className="mx-auto max-w-3xl">
      <nav className="mb-4 text-sm text-slate-600" aria-label={t("ui.breadcrumb")}>
        <Link to={`/courses/${code}`} className="text-red-800 hover:underline">
          {courseTitle}
        </Link>{" "}
        · {t("lesson.of", { position: lesson.position, total })}
      </nav>
      <h1 className="text-2xl font-semibold sm:text-3xl">{lesson.title}</h1>
      <div className="lesson-content mt-6" dangerouslySetInnerHTML={{ __html: lesson.html }} />
      <CitationNotes notes={notes} />
      <div className="mt-10 flex flex-col gap-3 border-t border-slate-200 pt-6 sm:flex-row sm:items-center sm:justify-between">
        <div className="flex gap-2">
          {prev ? (
            <Link to={`/courses/${code}/lessons/${prev}`} className="btn-secondary">
              ← {t("lesson.prev")}
            </Link>
          ) : null}
          {next ? (
            <Link to={`/courses/${code}/lessons/${next}`} className="btn-secondary">
              {t("lesson.next")} →
            </Link>
          ) : null}
        </div>
        <IntentForm
          id="lesson-done"
          intent="done"
          hidden={{ lessonId: lesson.id }}
          buttonClassName="btn-primary w-full sm:w-auto"
        >
          {next ? t("lesson.markDone") : t("lesson.markDoneLast")}
        </IntentForm>
      </div>
    </article>
  );
}
