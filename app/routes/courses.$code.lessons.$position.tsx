import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { requireLearner } from "~/modules/auth/guards.server";
import {
  getLessonForLearner,
  markLessonDone,
  saveReadingPosition,
} from "~/modules/learning/enrollment.server";
import { domainErrorData, notFound } from "~/utils/http.server";
import { useT, pageTitle } from "~/utils/i18n";
import { courseCode } from "~/modules/learning/params.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? `${data.lesson.title} — Học ATTT` : pageTitle(matches, "title.lesson") },
];

function lessonPosition(params: { position?: string }): number {
  const parsed = z.coerce.number().int().min(1).max(1000).safeParse(params.position);
  if (!parsed.success) notFound("learning.lessonNotFound");
  return parsed.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireLearner(request);
  try {
    const view = await getLessonForLearner(actor.personId, courseCode(params), lessonPosition(params));
    return {
      code: view.course.code,
      courseTitle: view.version.title,
      total: view.lessons.length,
      lesson: view.lesson,
      scrollTo: view.scrollTo,
      prev: view.prev ? view.prev.position : null,
      next: view.next ? view.next.position : null,
    };
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("done"), lessonId: z.string().uuid() }),
  z.object({
    intent: z.literal("position"),
    lessonId: z.string().uuid(),
    position: z.coerce.number().min(0).max(1),
  }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireLearner(request);
  const code = courseCode(params);
  const position = lessonPosition(params);
  const parsed = actionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ ok: false }, { status: 400 });
  try {
    // The lesson id is checked against the caller's own enrollment inside the service.
    if (parsed.data.intent === "position") {
      await saveReadingPosition(actor.personId, parsed.data.lessonId, parsed.data.position);
      return { ok: true };
    }
    await markLessonDone(actor.personId, parsed.data.lessonId);
    const view = await getLessonForLearner(actor.personId, code, position);
    return redirect(view.next ? `/courses/${code}/lessons/${view.next.position}` : `/courses/${code}`);
  } catch (error) {
    return domainErrorData(error, request);
  }
}

/** Saves how far down the page the learner is, at most every 2 s, so the reader can resume there. */
function useReadingPosition(lessonId: string, scrollTo: number) {
  const fetcher = useFetcher();
  const last = useRef(scrollTo);
  const submit = fetcher.submit;
  useEffect(() => {
    if (scrollTo > 0) {
      const max = document.documentElement.scrollHeight - window.innerHeight;
      window.scrollTo({ top: Math.round(scrollTo * max) });
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onScroll = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        const max = document.documentElement.scrollHeight - window.innerHeight;
        const pos = max > 0 ? Math.min(1, window.scrollY / max) : 0;
        if (Math.abs(pos - last.current) < 0.05) return;
        last.current = pos;
        submit({ intent: "position", lessonId, position: pos.toFixed(3) }, { method: "post" });
      }, 2000);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      window.removeEventListener("scroll", onScroll);
      if (timer) clearTimeout(timer);
    };
  }, [lessonId, scrollTo, submit]);
}

export default function LessonPage() {
  const { code, courseTitle, total, lesson, scrollTo, prev, next } = useLoaderData<typeof loader>();
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
        <Form method="post">
          <input type="hidden" name="intent" value="done" />
          <input type="hidden" name="lessonId" value={lesson.id} />
          <button type="submit" className="btn-primary w-full sm:w-auto">
            {next ? t("lesson.markDone") : t("lesson.markDoneLast")}
          </button>
        </Form>
      </div>
    </article>
  );
}
