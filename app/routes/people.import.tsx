import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ImportPage } from "~/components/import/import-page";
import { ConfirmImport, ImportPreview } from "~/components/import/import-preview";
import { ImportInvite } from "~/components/people/import-invite";
import { importInvitation } from "~/modules/auth/invitations.server";
import { requireManager } from "~/modules/auth/guards.server";
import { peopleImportIntent } from "~/modules/imports/intents";
import { applyPeopleImport, previewPeopleImport } from "~/modules/people/import.server";
import { domainErrorReply } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { forbidden } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { useT, pageTitle } from "~/utils/i18n";
import { unreachable } from "~/utils/intents";
import { fileErrorReply, parseUpload } from "~/utils/upload.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.peopleImport") }];

const MAX_UPLOAD = 6 * 1024 * 1024; // the import itself refuses files over 5 MB with a clear message
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, scope } = await requireManager(request);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  // After applying: the import just written, with its offer to invite the people it brought in.
  const done = new URL(request.url).searchParams.get("done");
  return { done: done ? await importInvitation(actor, done) : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, scope } = await requireManager(request);
  const parsed = await parseUpload(request, peopleImportIntent, {
    maxPartSize: MAX_UPLOAD,
    tooLarge: "people.importTooLarge",
  });
  if (parsed.reply) return parsed.reply;
  const { submission, value, locale } = parsed;
  switch (value.intent) {
    case "preview": {
      const { file } = value;
      const bytes = new Uint8Array(await file.arrayBuffer());
      const preview = await previewPeopleImport({
        scope,
        fileName: file.name,
        bytes,
        actorUserId: actor.userId,
        locale,
      }).catch((error: unknown) => fileErrorReply(submission, error, request));
      if (!("summary" in preview)) return preview;
      return data(
        { stage: "preview" as const, preview },
        { status: preview.summary.errors.length ? 400 : 200 },
      );
    }
    case "apply": {
      const { importId } = value;
      const result = await applyPeopleImport({ scope, importId, actorUserId: actor.userId, locale }).catch(
        (error: unknown) => domainErrorReply(submission, error, request),
      );
      if (!("ok" in result)) return result;
      if (!result.ok) return data({ stage: "preview" as const, preview: result.preview }, { status: 400 });
      const { created, updated, unchanged } = result.counts;
      const t = serverT(request);
      return redirectWithFlash(`/people/import?done=${importId}`, {
        kind: "success",
        message:
          created + updated === 0 ? t("import.nothing") : t("import.done", { created, updated, unchanged }),
      });
    }
    default:
      return unreachable(value);
  }
}

export default function PeopleImportPage() {
  const actionData = useActionData<typeof action>();
  const { done } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const preview = actionData && "stage" in actionData ? actionData.preview : null;
  const summary = preview?.summary;
  return (
    <ImportPage
      title={t("import.title")}
      help={t("import.help")}
      templates={[
        { href: "/people/import/template.xlsx", kind: "xlsx", label: t("import.template") },
        { href: "/people/import/template.csv", kind: "csv", label: t("import.templateCsv") },
      ]}
      notice={done && !actionData ? <ImportInvite done={done} /> : null}
      upload={{ label: t("import.file"), submit: t("import.preview") }}
      lastResult={actionData && !("stage" in actionData) ? actionData : null}
      busy={busy}
    >
      {preview && summary ? (
        <ImportPreview
          heading={t("import.summary", { file: preview.fileName })}
          counts={{ create: summary.toCreate, update: summary.toUpdate, unchanged: summary.unchanged }}
          errors={summary.errors}
          fixText={t("import.fixAndRetry")}
          nothingText={t("import.nothing")}
        >
          <ConfirmImport
            fields={{ importId: preview.id }}
            label={t("import.confirm", { count: summary.toCreate + summary.toUpdate })}
            busy={busy}
          />
        </ImportPreview>
      ) : null}
    </ImportPage>
  );
}
