// The preview step of an import: the counts, then the file's problems (nothing is written) or the confirm
// button — or a note that the file changes nothing.
import type { ReactNode } from "react";
import { IntentForm } from "~/components/intent-form";
import type { ImportProblem } from "~/domain/imports";
import { useT } from "~/utils/i18n";
import { ImportErrorsTable } from "./errors-table";

export type ImportCounts = { create: number; update: number; unchanged: number };

export function ImportPreview({
  heading,
  counts,
  errors,
  fixText,
  nothingText,
  children,
}: {
  heading: string;
  counts: ImportCounts;
  errors: readonly ImportProblem[];
  fixText: string;
  nothingText: string;
  /** What comes before the confirm button when there is something to write (a sample, the confirm form). */
  children: ReactNode;
}) {
  const t = useT();
  const cells = [
    [t("import.toCreate"), counts.create, "text-green-700"],
    [t("import.toUpdate"), counts.update, "text-sky-700"],
    [t("import.unchanged"), counts.unchanged, "text-slate-700"],
    [t("import.errors"), errors.length, "text-red-700"],
  ] as const;
  return (
    <section className="card space-y-3" aria-live="polite">
      <h2 className="font-semibold">{heading}</h2>
      <dl className="grid grid-cols-2 gap-2 text-center sm:grid-cols-4">
        {cells.map(([label, value, color]) => (
          <div key={label} className="rounded-md bg-slate-50 p-2">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className={`text-2xl font-semibold ${color}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {errors.length ? (
        <>
          <p className="text-sm text-red-800">{fixText}</p>
          <ImportErrorsTable
            errors={errors}
            labels={{ line: t("import.line"), column: t("import.column"), reason: t("import.reason") }}
          />
        </>
      ) : counts.create + counts.update > 0 ? (
        children
      ) : (
        <p className="text-sm text-slate-700">{nothingText}</p>
      )}
    </section>
  );
}

/** The confirm step: posts the intent "apply" with what identifies the checked file, through conform. */
export function ConfirmImport({
  fields,
  label,
  busy,
  multipart = false,
}: {
  fields: Record<string, string>;
  label: string;
  busy: boolean;
  multipart?: boolean;
}) {
  return (
    <IntentForm
      id="import-apply"
      intent="apply"
      hidden={fields}
      disabled={busy}
      encType={multipart ? "multipart/form-data" : undefined}
    >
      {label}
    </IntentForm>
  );
}
