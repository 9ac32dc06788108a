import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useNavigation } from "@remix-run/react";
import { ImportPage } from "~/components/import/import-page";
import { ConfirmImport, ImportPreview } from "~/components/import/import-preview";
import { requireManager } from "~/modules/auth/guards.server";
import { completionsImportIntent } from "~/modules/imports/intents";
import {
  applyCompletionsImport,
  MAX_COMPLETION_FILE_BYTES,
  previewCompletionsImport,
} from "~/modules/targets/completions-import.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDate } from "~/utils/format";
import { forbidden } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { useT, pageTitle } from "~/utils/i18n";
import { unreachable } from "~/utils/intents";
import { parseUpload, wholeFileReply } from "~/utils/upload.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.completionsImport") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireManager(request);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, scope } = await requireManager(request);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  // The confirm step sends the file back base64-encoded: a third larger than the file itself.
  const parsed = await parseUpload(request, completionsImportIntent, {
    maxPartSize: Math.ceil(MAX_COMPLETION_FILE_BYTES * 1.4),
    tooLarge: "targets.importTooLarge",
  });
  if (parsed.reply) return parsed.reply;
  const { submission, value, locale } = parsed;
  switch (value.intent) {
    case "preview": {
      const bytes = new Uint8Array(await value.file.arrayBuffer());
      const preview = await previewCompletionsImport({ scope, fileName: value.file.name, bytes, locale });
      const content = preview.errors.length ? "" : Buffer.from(bytes).toString("base64");
      return (
        wholeFileReply(submission, preview.errors) ??
        data({ stage: "preview" as const, preview, content }, { status: preview.errors.length ? 400 : 200 })
      );
    }
    case "apply": {
      const bytes = new Uint8Array(Buffer.from(value.content, "base64"));
      const result = await applyCompletionsImport({
        scope,
        fileName: value.fileName,
        bytes,
        actorUserId: actor.userId,
        locale,
      });
      if (!result.ok)
        return data({ stage: "preview" as const, preview: result.preview, content: "" }, { status: 400 });
      const t = serverT(request);
      const { created, updated } = result;
      return redirectWithFlash("/targets", {
        kind: "success",
        message: created + updated === 0 ? t("imp.nothing") : t("imp.done", { created, updated }),
      });
    }
    default:
      return unreachable(value);
  }
}

export default function CompletionsImportPage() {
  const a = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const shown = a && "stage" in a ? a : null;
  const preview = shown?.preview;
  return (
    <ImportPage
      title={t("imp.title")}
      help={t("imp.help")}
      templates={[
        { href: "/targets/completions/import/template.xlsx", kind: "xlsx", label: t("imp.template") },
        { href: "/targets/completions/import/template.csv", kind: "csv", label: t("imp.templateCsv") },
      ]}
      upload={{ label: t("imp.file"), submit: t("imp.preview") }}
      lastResult={a && !("stage" in a) ? a : null}
      busy={busy}
    >
      {shown && preview ? (
        <ImportPreview
          heading={preview.fileName}
          counts={preview.counts}
          errors={preview.errors}
          fixText={t("imp.fix")}
          nothingText={t("imp.nothing")}
        >
          <ul className="text-sm text-slate-700">
            {preview.sample.map((s) => (
              <li key={s.line}>
                {s.line}. {s.email} — {s.topics} — {formatDate(s.completedAt)} — {s.externalRef}
              </li>
            ))}
          </ul>
          <ConfirmImport
            fields={{ fileName: preview.fileName, content: shown.content }}
            label={t("imp.confirm", { count: preview.counts.create + preview.counts.update })}
            busy={busy}
            multipart
          />
        </ImportPreview>
      ) : null}
    </ImportPage>
  );
}
