// Cited legal documents as learners read them: the status line, a lesson's "Căn cứ" notes, and the
// course's list of references (the sources page). Data comes from CourseVersion.citations (synced content).
import type { CitedDocument } from "~/modules/content/citations";
import { displayIsoDay } from "~/utils/vn-calendar";
import { useT } from "~/utils/i18n";

const day = displayIsoDay;

/** "còn hiệu lực", "đã được thay thế bởi 116/2025/QH15", … */
export function CitationStatus({ doc }: { doc: CitedDocument }) {
  const t = useT();
  const text =
    doc.status === "in-force"
      ? t("citation.inForce")
      : doc.status === "not-yet-in-force"
        ? t("citation.notYetInForce")
        : doc.status === "amended"
          ? t("citation.amended", { numbers: doc.amendedBy.join(", ") })
          : doc.status === "replaced"
            ? t("citation.replaced", { number: doc.replacedBy ?? "" })
            : t("citation.expired");
  const tone =
    doc.status === "replaced" || doc.status === "expired"
      ? "bg-red-100 text-red-900"
      : doc.status === "not-yet-in-force"
        ? "bg-amber-100 text-amber-900"
        : "bg-green-100 text-green-900";
  return <span className={`rounded px-1.5 py-0.5 text-xs ${tone}`}>{text}</span>;
}

function DocumentLine({ doc }: { doc: CitedDocument }) {
  const t = useT();
  return (
    <>
      <span className="font-medium">{doc.label}</span> — {doc.issuer} ·{" "}
      {t("citation.signed", { date: day(doc.signedAt) })}
      {doc.effectiveAt ? ` · ${t("citation.effective", { date: day(doc.effectiveAt) })}` : ""}{" "}
      <CitationStatus doc={doc} />
    </>
  );
}

/** The lesson's notes: each cited document once (the cite links in the text point at #can-cu-<id>). */
export function CitationNotes({ notes }: { notes: CitedDocument[] }) {
  const t = useT();
  if (!notes.length) return null;
  return (
    <section
      id="can-cu"
      aria-labelledby="can-cu-title"
      className="mt-8 border-t border-slate-200 pt-4 text-sm"
    >
      <h2 id="can-cu-title" className="font-semibold">
        {t("lesson.citations")}
      </h2>
      <ol className="mt-2 list-decimal space-y-1 pl-5 text-slate-700">
        {notes.map((d) => (
          <li key={d.id} id={`can-cu-${d.id}`}>
            <DocumentLine doc={d} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The course's references page body: number, title, issuer, dates and status of each document. */
export function SourcesList({ docs }: { docs: CitedDocument[] }) {
  const t = useT();
  if (!docs.length) return <p className="text-slate-600">{t("sources.none")}</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {docs.map((d) => (
        <li key={d.id} id={`can-cu-${d.id}`} className="space-y-1 px-4 py-3" data-testid="source">
          <p>
            <span className="font-semibold">{d.number}</span> · {d.title}
          </p>
          <p className="text-sm text-slate-600">
            {t("sources.issuer")}: {d.issuer} · {t("citation.signed", { date: day(d.signedAt) })}
            {d.effectiveAt ? ` · ${t("citation.effective", { date: day(d.effectiveAt) })}` : ""}
          </p>
          <p className="text-sm">
            {t("sources.status")}: <CitationStatus doc={d} />
          </p>
        </li>
      ))}
    </ul>
  );
}
