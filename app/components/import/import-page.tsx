// The page shared by the imports (people, completions): title, help and templates, the upload form, and the
// preview of the file just checked. Each route passes its texts, its templates and its preview.
import type { SubmissionResult } from "@conform-to/react";
import type { ReactNode } from "react";
import { DownloadLink } from "~/components/download-link";
import { UploadForm } from "./upload-form";

export type ImportTemplate = { href: string; kind: "xlsx" | "csv"; label: string };

export function ImportPage({
  title,
  help,
  templates,
  notice,
  upload,
  lastResult,
  busy,
  children,
}: {
  title: string;
  help: string;
  templates: readonly ImportTemplate[];
  /** Shown above the help (the people import's offer to invite those it brought in). */
  notice?: ReactNode;
  upload: { label: string; submit: string };
  /** The action's conform reply, when the upload was refused. */
  lastResult?: SubmissionResult<string[]> | null;
  busy: boolean;
  /** The preview (ImportPreview), when a file was checked. */
  children?: ReactNode;
}) {
  return (
    <div className="max-w-4xl space-y-4">
      <h1 className="text-2xl font-semibold">{title}</h1>
      {notice}
      <p className="text-sm text-slate-700">{help}</p>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {templates.map((tpl) => (
          <DownloadLink key={tpl.href} href={tpl.href} kind={tpl.kind} className="text-red-800 underline">
            {tpl.label}
          </DownloadLink>
        ))}
      </p>
      <UploadForm lastResult={lastResult} label={upload.label} submitLabel={upload.submit} busy={busy} />
      {children}
    </div>
  );
}
