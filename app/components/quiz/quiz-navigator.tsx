// Numbered links to every question, marked answered or not yet; one scrolling row on a phone.
import { type AttemptAnswers, isAnswered, questionAnchor } from "~/domain/quiz";
import { useT } from "~/utils/i18n";

export function QuizNavigator({
  questionIds,
  answers,
}: {
  questionIds: readonly string[];
  answers: AttemptAnswers;
}) {
  const t = useT();
  const answered = questionIds.filter((id) => isAnswered(answers, id)).length;
  return (
    <nav aria-label={t("quiz.navigator")} className="w-full">
      <p className="text-xs text-slate-600">
        {t("quiz.answeredCount", { answered, total: questionIds.length })}
      </p>
      <ol className="mt-1 flex gap-1 overflow-x-auto pb-1 sm:flex-wrap sm:gap-1.5 sm:overflow-visible">
        {questionIds.map((id, i) => {
          const done = isAnswered(answers, id);
          const label = t(done ? "quiz.navAnswered" : "quiz.navUnanswered", { number: i + 1 });
          return (
            <li key={id} className="shrink-0">
              <a
                href={`#${questionAnchor(i + 1)}`}
                aria-label={label}
                title={label}
                data-answered={done ? "true" : "false"}
                className={`flex h-8 min-w-8 items-center sm:h-9 sm:min-w-9 justify-center rounded-md border px-1 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-800 ${
                  done
                    ? "border-red-800 bg-red-800 text-white"
                    : "border-slate-400 bg-white text-slate-700 hover:bg-slate-100"
                }`}
              >
                {i + 1}
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
