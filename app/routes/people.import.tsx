import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  MaxPartSizeExceededError,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ImportInvite } from "~/components/people/import-invite";
import { importInvitation } from "~/modules/auth/invitations.server";
import { z } from "zod";
import { requireManager } from "~/modules/auth/guards.server";
import { applyPeopleImport, previewPeopleImport } from "~/modules/people/import.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { domainErrorData, forbidden } from "~/utils/http.server";
import { serverT, getLocale } from "~/utils/i18n.server";
import { DownloadLink } from "~/components/download-link";
import { ImportErrorsTable } from "~/components/import-errors";
import { useT, pageTitle } from "~/utils/i18n";
import { issueMessage } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.peopleImport") }];

const MAX_UPLOAD = 6 * 1024 * 1024; // the import itself refuses files over 5 MB with a clear message
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, scope } = await requireManager(request);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  // After applying: the import just written, with its offer to invite the people it brought in.
  const done = new URL(request.url).searchParams.get("done");
  return { done: done ? await importInvitation(actor, done) : null };
}

const applySchema = z.object({
  intent: z.literal("apply"),
  importId: z.string().uuid("people.importIdInvalid"),
});

export async function action({ request }: ActionFunctionArgs) {
  const { actor, scope } = await requireManager(request);
  const t = serverT(request);
  let form: FormData;
  try {
    // The confirm button posts a plain form; the upload is multipart.
    form = await readForm(request, { maxPartSize: MAX_UPLOAD });
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) {
      return data({ stage: "error" as const, message: t("people.importTooLarge") }, { status: 413 });
    }
    throw e;
  }
  try {
    if (form.get("intent") === "apply") {
      const parsed = applySchema.safeParse(Object.fromEntries(form));
      if (!parsed.success)
        return data(
          { stage: "error" as const, message: issueMessage(getLocale(request), parsed.error.issues[0]) },
          { status: 400 },
        );
      const result = await applyPeopleImport({
        scope,
        importId: parsed.data.importId,
        actorUserId: actor.userId,
        locale: getLocale(request),
      });
      if (!result.ok) {
        return data({ stage: "preview" as const, preview: result.preview }, { status: 400 });
      }
      const { created, updated, unchanged } = result.counts;
      return redirectWithFlash(`/people/import?done=${parsed.data.importId}`, {
        kind: "success",
        message:
          created + updated === 0 ? t("import.nothing") : t("import.done", { created, updated, unchanged }),
      });
    }
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0 || !file.name) {
      return data({ stage: "error" as const, message: t("flash.chooseFileWithData") }, { status: 400 });
    }
    const preview = await previewPeopleImport({
      scope,
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
      actorUserId: actor.userId,
      locale: getLocale(request),
    });
    return data(
      { stage: "preview" as const, preview },
      { status: preview.summary.errors.length ? 400 : 200 },
    );
  } catch (error) {
    const res = domainErrorData(error, request);
    return data(
      { stage: "error" as const, message: Object.values(res.data.errors)[0] },
      { status: res.init?.status ?? 400 },
    );
  }
}

export default function ImportPage() {
  const actionData = useActionData<typeof action>();
  const { done } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const t = useT();
  const busy = navigation.state === "submitting";
  const preview = actionData?.stage === "preview" ? actionData.preview : null;
  const summary = preview?.summary;
  return (
    <div className="max-w-4xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("import.title")}</h1>
      {done && !actionData ? <ImportInvite done={done} /> : null}
      <p className="text-sm text-slate-700">{t("import.help")}</p>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <DownloadLink href="/people/import/template.xlsx" kind="xlsx" className="text-red-800 underline">
          {t("import.template")}
        </DownloadLink>
        <DownloadLink href="/people/import/template.csv" kind="csv" className="text-red-800 underline">
          {t("import.templateCsv")}
        </DownloadLink>
      </p>
      <Form method="post" encType="multipart/form-data" className="card flex flex-wrap items-end gap-3">
        <div className="flex-1">
          <label htmlFor="file" className="label">
            {t("import.file")}
          </label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="block w-full text-sm"
            required
          />
        </div>
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("import.preview")}
        </button>
      </Form>
      {actionData?.stage === "error" ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800">
          {actionData.message}
        </p>
      ) : null}
      {preview && summary ? (
        <section className="card space-y-3" aria-live="polite">
          <h2 className="font-semibold">{t("import.summary", { file: preview.fileName })}</h2>
          <dl className="grid grid-cols-2 gap-2 text-center sm:grid-cols-4">
            {(
              [
                ["import.toCreate", summary.toCreate, "text-green-700"],
                ["import.toUpdate", summary.toUpdate, "text-sky-700"],
                ["import.unchanged", summary.unchanged, "text-slate-700"],
                ["import.errors", summary.errors.length, "text-red-700"],
              ] as const
            ).map(([key, value, color]) => (
              <div key={key} className="rounded-md bg-slate-50 p-2">
                <dt className="text-xs text-slate-600">{t(key)}</dt>
                <dd className={`text-2xl font-semibold ${color}`}>{value}</dd>
              </div>
            ))}
          </dl>
          {summary.errors.length ? (
            <>
              <p className="text-sm text-red-800">{t("import.fixAndRetry")}</p>
              <ImportErrorsTable
                errors={summary.errors}
                labels={{ line: t("import.line"), column: t("import.column"), reason: t("import.reason") }}
              />
            </>
          ) : summary.toCreate + summary.toUpdate > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="apply" />
              <input type="hidden" name="importId" value={preview.id} />
              <button type="submit" className="btn-primary" disabled={busy}>
                {t("import.confirm", { count: summary.toCreate + summary.toUpdate })}
              </button>
            </Form>
          ) : (
            <p className="text-sm text-slate-700">{t("import.nothing")}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
