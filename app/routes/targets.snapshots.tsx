import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ListTable } from "~/components/targets/list-table";
import { SnapshotForm } from "~/components/targets-forms";
import { snapshotFormSchema } from "~/domain/targets";
import { requireViewer } from "~/modules/auth/guards.server";
import { snapshotsPageData } from "~/modules/targets/dashboard.server";
import { createSnapshot } from "~/modules/targets/plans.server";
import { parsePlanQuery } from "~/modules/targets/view.server";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { pageTitle, useT } from "~/utils/i18n";
import { serverT } from "~/utils/i18n.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.snapshots") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, scope } = await requireViewer(request);
  return snapshotsPageData(actor, scope, parsePlanQuery(request));
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireViewer(request);
  const submission = await parseSubmission(request, snapshotFormSchema);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    const s = await createSnapshot(actor, submission.value);
    return redirectWithFlash(`/targets/snapshots?plan=${submission.value.plan}`, {
      kind: "success",
      message: serverT(request)("snap.done", { label: s.label }),
    });
  } catch (e) {
    return domainErrorReply(submission, e, request);
  }
}

export default function SnapshotsPage() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  return (
    <div className="max-w-4xl space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("snap.title")}</h1>
        <p className="text-sm text-slate-600">
          {d.plan.title} ({d.plan.year}) ·{" "}
          <Link to={`/targets?plan=${d.plan.id}`} className="text-red-800 underline">
            {t("tg.back")}
          </Link>
        </p>
        <p className="mt-1 text-sm text-slate-700">{t("snap.help")}</p>
      </div>
      {d.canEdit ? (
        <SnapshotForm planId={d.plan.id} year={d.thisYear} lastResult={lastResult} busy={busy} />
      ) : null}
      {d.snapshots.length === 0 ? (
        <p className="card text-slate-600">{t("snap.none")}</p>
      ) : (
        <ListTable
          label={t("snap.title")}
          columns={[
            { label: t("snap.label") },
            { label: t("snap.asOf") },
            { label: t("snap.kind"), className: "hidden sm:table-cell" },
            { label: <span className="sr-only">{t("common.actions")}</span> },
          ]}
        >
          {d.snapshots.map((s) => (
            <tr key={s.id}>
              <td className="px-3 py-1.5 font-medium">{s.label}</td>
              <td className="px-3 py-1.5">{s.asOf}</td>
              <td className="hidden px-3 py-1.5 text-slate-600 sm:table-cell">
                {s.automatic ? t("snap.auto") : t("snap.manual")}
              </td>
              <td className="px-3 py-1.5 text-right whitespace-nowrap">
                <Link to={`/targets/report?snapshot=${s.id}`} className="text-red-800 hover:underline">
                  {t("snap.open")}
                </Link>
                {" · "}
                <Link to={`/targets?snapshot=${s.id}`} className="text-red-800 hover:underline">
                  {t("tg.title")}
                </Link>
              </td>
            </tr>
          ))}
        </ListTable>
      )}
    </div>
  );
}
