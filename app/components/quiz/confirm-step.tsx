// "Submit?" with the count and numbers of the questions not answered yet: in a dialog with JavaScript, as a
// section of the page without it.
import { questionAnchor } from "~/domain/quiz";
import { useT } from "~/utils/i18n";

export function ConfirmStep({
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
