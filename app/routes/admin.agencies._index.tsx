import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CreateAgencyForm } from "~/components/admin/agency-forms";
import { ListTable } from "~/components/targets/list-table";
import { SearchBar } from "~/components/search-bar";
import { createAgencyFormSchema } from "~/domain/agencies";
import type { MessageKey } from "~/i18n";
import { createAgency } from "~/modules/agencies/agencies.server";
import { adminAgencyList, listAgencyOptions } from "~/modules/agencies/queries.server";
import { requireAdmin } from "~/modules/auth/guards.server";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSearchParams } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.agencies") }];

const query = z.object({ q: z.string().trim().max(100).default("") });

const COLUMNS = [
  ["agency.name"],
  ["agency.code"],
  ["agency.kind", "hidden sm:table-cell"],
  ["agency.people", "text-right"],
] as const satisfies readonly (readonly [MessageKey, string?])[];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const { q } = parseSearchParams(request, query);
  const [rows, options] = await Promise.all([adminAgencyList(q), listAgencyOptions("ALL")]);
  return { q, rows, options };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const submission = await parseSubmission(request, createAgencyFormSchema);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    const { parentId, ...rest } = submission.value;
    const agency = await createAgency({ ...rest, parentId: parentId || null }, actor.userId);
    return redirectWithFlash(`/admin/agencies/${agency.id}`, {
      kind: "success",
      message: serverT(request)("agency.created", { name: agency.name }),
    });
  } catch (error) {
    return domainErrorReply(submission, error, request);
  }
}

export default function AgenciesPage() {
  const { rows, q, options } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("agency.title")}</h1>
      <SearchBar schema={query} label={t("agency.search")} value={q} />
      <ListTable
        label={t("agency.title")}
        columns={COLUMNS.map(([key, className]) => ({ label: t(key), className }))}
      >
        {rows.map((r) => (
          <tr key={r.id}>
            <td className="px-3 py-1.5" style={{ paddingLeft: `${0.75 + r.level * 1.25}rem` }}>
              <Link to={`/admin/agencies/${r.id}`} className="text-red-800 hover:underline">
                {r.name}
              </Link>
            </td>
            <td className="px-3 py-1.5 font-mono text-xs">{r.code}</td>
            <td className="hidden px-3 py-1.5 sm:table-cell">{t(`agency.kind.${r.kind}` as MessageKey)}</td>
            <td className="px-3 py-1.5 text-right tabular-nums">
              {r.people === null ? "" : r.people.toLocaleString("vi-VN")}
            </td>
          </tr>
        ))}
      </ListTable>
      <CreateAgencyForm options={options} reply={reply} />
    </div>
  );
}
