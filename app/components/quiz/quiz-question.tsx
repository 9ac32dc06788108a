// One question of an open attempt: its options as radios (one answer) or checkboxes (several), and the
// server's refusal of its answer (e.g. two choices for a single-choice question) tied to the group.
import { questionAnchor } from "~/domain/quiz";
import type { OpenAttempt } from "~/modules/learning/quiz.server";
import { useT } from "~/utils/i18n";

export function QuizQuestion({
  question,
  position,
  name,
  chosen,
  error,
  onChoose,
}: {
  question: OpenAttempt["items"][number];
  position: number;
  name: string;
  chosen: number[];
  error?: string;
  onChoose: (chosen: number[]) => void;
}) {
  const t = useT();
  const multiple = question.type === "MULTIPLE";
  const errorId = `${questionAnchor(position)}-error`;
  return (
    <fieldset
      id={questionAnchor(position)}
      tabIndex={-1}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
      className="card scroll-mt-48 focus:outline-2 focus:outline-red-800"
    >
      <legend className="sr-only">{t("quiz.question", { number: position })}</legend>
      <p className="font-medium">
        <span className="mr-1 text-slate-500">{position}.</span>
        {question.text}
      </p>
      <p className="mt-1 text-xs text-slate-600">{multiple ? t("quiz.chooseMany") : t("quiz.chooseOne")}</p>
      <div className="mt-3 space-y-2">
        {question.options.map((option, j) => (
          <label
            key={j}
            className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 px-3 py-2 hover:bg-slate-50"
          >
            <input
              type={multiple ? "checkbox" : "radio"}
              name={name}
              value={j}
              checked={chosen.includes(j)}
              onChange={(e) =>
                onChoose(
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
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
