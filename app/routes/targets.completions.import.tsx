import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  MaxPartSizeExceededError,
} from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { requireManager } from "~/modules/auth/guards.server";
import {
  applyCompletionsImport,
  MAX_COMPLETION_FILE_BYTES,
  previewCompletionsImport,
} from "~/modules/targets/completions-import.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDate } from "~/utils/format";
import { forbidden } from "~/utils/http.server";
import { serverT, getLocale } from "~/utils/i18n.server";
import { DownloadLink } from "~/components/download-link";
import { ImportErrorsTable } from "~/components/import-errors";
import { useT, pageTitle } from "~/utils/i18n";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.completionsImport") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireManager(request);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, scope } = await requireManager(request);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  let form: FormData;
  try {
    // The confirm step sends the file back base64-encoded: a third larger than the file itself.
    form = await readForm(request, { maxPartSize: Math.ceil(MAX_COMPLETION_FILE_BYTES * 1.4) });
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError)
      return data(
        { stage: "error" as const, message: serverT(request)("targets.importTooLarge") },
        { status: 413 },
      );
    return data({ stage: "error" as const, message: serverT(request)("flash.chooseFile") }, { status: 400 });
  }
  let fileName: string;
  let bytes: Uint8Array;
  const file = form.get("file");
  if (form.get("intent") === "apply") {
    fileName = String(form.get("fileName") ?? "");
    bytes = new Uint8Array(Buffer.from(String(form.get("content") ?? ""), "base64"));
  } else if (file instanceof File && file.size > 0 && file.name) {
    fileName = file.name;
    bytes = new Uint8Array(await file.arrayBuffer());
  } else {
    return data(
      { stage: "error" as const, message: serverT(request)("flash.chooseFileWithData") },
      { status: 400 },
    );
  }
  if (form.get("intent") === "apply") {
    const result = await applyCompletionsImport({
      scope,
      fileName,
      bytes,
      actorUserId: actor.userId,
      locale: getLocale(request),
    });
    if (!result.ok)
      return data({ stage: "preview" as const, preview: result.preview, content: "" }, { status: 400 });
    const t = serverT(request);
    return redirectWithFlash("/targets", {
      kind: "success",
      message:
        result.created + result.updated === 0
          ? t("imp.nothing")
          : t("imp.done", { created: result.created, updated: result.updated }),
    });
  }
  const preview = await previewCompletionsImport({ scope, fileName, bytes, locale: getLocale(request) });
  return data(
    {
      stage: "preview" as const,
      preview,
      content: preview.errors.length ? "" : Buffer.from(bytes).toString("base64"),
    },
    { status: preview.errors.length ? 400 : 200 },
  );
}

export default function CompletionsImportPage() {
  const a = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const preview = a?.stage === "preview" ? a.preview : null;
  const changes = preview ? preview.counts.create + preview.counts.update : 0;
  return (
    <div className="max-w-4xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("imp.title")}</h1>
      <p className="text-sm text-slate-700">{t("imp.help")}</p>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <DownloadLink
          href="/targets/completions/import/template.xlsx"
          kind="xlsx"
          className="text-red-800 underline"
        >
          {t("imp.template")}
        </DownloadLink>
        <DownloadLink
          href="/targets/completions/import/template.csv"
          kind="csv"
          className="text-red-800 underline"
        >
          {t("imp.templateCsv")}
        </DownloadLink>
      </p>
      <Form method="post" encType="multipart/form-data" className="card flex flex-wrap items-end gap-3">
        <div className="flex-1">
          <label htmlFor="file" className="label">
            {t("imp.file")}
          </label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".csv,.xlsx"
            className="block w-full text-sm"
            required
          />
        </div>
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("imp.preview")}
        </button>
      </Form>
      {a?.stage === "error" ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800">
          {a.message}
        </p>
      ) : null}
      {preview ? (
        <section className="card space-y-3" aria-live="polite">
          <h2 className="font-semibold">{preview.fileName}</h2>
          <dl className="grid grid-cols-2 gap-2 text-center sm:grid-cols-4">
            {(
              [
                ["imp.toCreate", preview.counts.create],
                ["imp.toUpdate", preview.counts.update],
                ["imp.unchanged", preview.counts.unchanged],
                ["imp.errors", preview.errors.length],
              ] as const
            ).map(([key, value]) => (
              <div key={key} className="rounded-md bg-slate-50 p-2">
                <dt className="text-xs text-slate-600">{t(key)}</dt>
                <dd className="text-2xl font-semibold">{value}</dd>
              </div>
            ))}
          </dl>
          {preview.errors.length ? (
            <>
              <p className="text-sm text-red-800">{t("imp.fix")}</p>
              <ImportErrorsTable
                errors={preview.errors}
                labels={{ line: t("imp.line"), column: t("imp.column"), reason: t("imp.reason") }}
              />
            </>
          ) : changes > 0 ? (
            <>
              <ul className="text-sm text-slate-700">
                {preview.sample.map((s) => (
                  <li key={s.line}>
                    {s.line}. {s.email} — {s.topics} — {formatDate(s.completedAt)} — {s.externalRef}
                  </li>
                ))}
              </ul>
              <Form method="post" encType="multipart/form-data">
                <input type="hidden" name="intent" value="apply" />
                <input type="hidden" name="fileName" value={preview.fileName} />
                <input type="hidden" name="content" value={a?.stage === "preview" ? a.content : ""} />
                <button type="submit" className="btn-primary" disabled={busy}>
                  {t("imp.confirm", { count: changes })}
                </button>
              </Form>
            </>
          ) : (
            <p className="text-sm text-slate-700">{t("imp.nothing")}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
