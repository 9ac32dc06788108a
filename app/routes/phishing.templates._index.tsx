import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { ListTable } from "~/components/targets/list-table";
import type { MessageKey } from "~/i18n";
import { listTemplates, requireDrillManager } from "~/modules/phishing/template-pages.server";
import { pageTitle, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.phishingTemplates") }];

const COLUMNS = [
  ["ptpl.col.title"],
  ["ptpl.col.subject"],
  ["ptpl.col.sender"],
  ["ptpl.col.difficulty"],
  ["ptpl.col.redFlags", "text-right"],
  ["ptpl.col.version", "text-right"],
] as const satisfies readonly (readonly [MessageKey, string?])[];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireDrillManager(request);
  return { templates: await listTemplates() };
}

const difficultyKey = (d: number) => `ptpl.difficulty.${d}` as MessageKey;

export default function PhishingTemplatesPage() {
  const { templates } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-4">
      <PageHeader title={t("ptpl.title")} intro={t("ptpl.intro")} />
      {templates.length === 0 ? (
        <p className="card text-slate-600">{t("ptpl.none")}</p>
      ) : (
        <ListTable
          label={t("ptpl.title")}
          columns={COLUMNS.map(([key, className]) => ({ label: t(key), className }))}
        >
          {templates.map((row) => (
            <tr key={row.code}>
              <td className="px-3 py-2">
                <Link
                  to={`/phishing/templates/${row.code}`}
                  className="font-medium text-red-800 hover:underline"
                >
                  {row.title}
                </Link>
              </td>
              <td className="px-3 py-2">{row.subject}</td>
              <td className="px-3 py-2">
                {row.senderName}
                <br />
                <span className="text-xs text-slate-600">{row.senderAddress}</span>
              </td>
              <td className="px-3 py-2">{t(difficultyKey(row.difficulty))}</td>
              <td className="px-3 py-2 text-right tabular-nums">{row.redFlagCount}</td>
              <td className="px-3 py-2 text-right tabular-nums">{row.version}</td>
            </tr>
          ))}
        </ListTable>
      )}
    </div>
  );
}
