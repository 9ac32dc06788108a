import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import type { MessageKey } from "~/i18n";
import {
  createAgency,
  getAgencyTree,
  listAgencyOptions,
  searchAgencies,
} from "~/modules/agencies/agencies.server";
import { requireAdmin } from "~/modules/auth/guards.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { fieldErrors } from "~/utils/forms";
import { domainErrorData, parseSearchParams } from "~/utils/http.server";
import { getLocale, serverT } from "~/utils/i18n.server";
import { useT, pageTitle } from "~/utils/i18n";
import { scrollRegion } from "~/components/scroll-region";
import { readForm } from "~/utils/read-form.server";
import { text } from "~/utils/zod-text";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.agencies") }];

const query = z.object({ q: z.string().trim().max(100).default("") });

type TreeRow = { id: string; code: string; name: string; kind: string; level: number; people: number };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const { q } = parseSearchParams(request, query);
  const options = await listAgencyOptions("ALL");
  if (q) {
    const found = await searchAgencies({
      q,
      scopePaths: "ALL",
      includeInactive: false,
      page: 1,
      pageSize: 100,
    });
    return {
      q,
      rows: found.rows.map((a) => ({
        id: a.id,
        code: a.code,
        name: a.name,
        kind: a.kind,
        level: 0,
        people: -1,
      })),
      options,
    };
  }
  const tree = await getAgencyTree("ALL");
  const rows: TreeRow[] = [];
  const walk = (nodes: typeof tree, level: number) => {
    for (const n of nodes) {
      rows.push({ id: n.id, code: n.code, name: n.name, kind: n.kind, level, people: n.subtreePersonCount });
      walk(n.children, level + 1);
    }
  };
  walk(tree, 0);
  return { q, rows, options };
}

const createSchema = z.object({
  code: text().min(1, "agencies.codeRequired").max(64, "agencies.codeTooLong"),
  name: text().min(2, "agencies.nameRequired").max(300, "agencies.nameTooLong"),
  kind: z.enum(["PROVINCE", "DEPARTMENT", "COMMUNE", "UNIT", "GROUP"], {
    message: "agencies.kindInvalid",
  }),
  parentId: z.union([z.literal(""), z.string().uuid("agencies.parentInvalid")]),
});

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const parsed = createSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success)
    return data({ errors: fieldErrors(parsed.error, getLocale(request)) }, { status: 400 });
  try {
    const agency = await createAgency(
      { ...parsed.data, parentId: parsed.data.parentId || null },
      actor.userId,
    );
    return redirectWithFlash(`/admin/agencies/${agency.id}`, {
      kind: "success",
      message: serverT(request)("agency.created", { name: agency.name }),
    });
  } catch (error) {
    return domainErrorData(error, request);
  }
}

export default function AgenciesPage() {
  const { rows, q, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const t = useT();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("agency.title")}</h1>
      <Form method="get" className="flex gap-2" role="search">
        <label htmlFor="q" className="sr-only">
          {t("agency.search")}
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder={t("agency.search")}
          className="input max-w-md"
        />
        <button type="submit" className="btn-secondary">
          {t("common.search")}
        </button>
      </Form>
      <div
        className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
        {...scrollRegion(t("agency.title"))}
      >
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left">
            <tr>
              <th className="px-3 py-2">{t("agency.name")}</th>
              <th className="px-3 py-2">{t("agency.code")}</th>
              <th className="hidden px-3 py-2 sm:table-cell">{t("agency.kind")}</th>
              <th className="px-3 py-2 text-right">{t("agency.people")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="px-3 py-1.5" style={{ paddingLeft: `${0.75 + r.level * 1.25}rem` }}>
                  <Link to={`/admin/agencies/${r.id}`} className="text-red-800 hover:underline">
                    {r.name}
                  </Link>
                </td>
                <td className="px-3 py-1.5 font-mono text-xs">{r.code}</td>
                <td className="hidden px-3 py-1.5 sm:table-cell">
                  {t(`agency.kind.${r.kind}` as MessageKey)}
                </td>
                <td className="px-3 py-1.5 text-right tabular-nums">
                  {r.people >= 0 ? r.people.toLocaleString("vi-VN") : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card max-w-2xl">
        <h2 className="font-semibold">{t("agency.create")}</h2>
        {errors.form ? <p className="field-error">{errors.form}</p> : null}
        <Form method="post" className="mt-3 grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor="code" className="label">
              {t("agency.code")}
            </label>
            <input id="code" name="code" className="input" />
            {errors.code ? <p className="field-error">{errors.code}</p> : null}
          </div>
          <div>
            <label htmlFor="name" className="label">
              {t("agency.name")}
            </label>
            <input id="name" name="name" className="input" />
            {errors.name ? <p className="field-error">{errors.name}</p> : null}
          </div>
          <div>
            <label htmlFor="kind" className="label">
              {t("agency.kind")}
            </label>
            <select id="kind" name="kind" className="input" defaultValue="UNIT">
              {(["PROVINCE", "DEPARTMENT", "COMMUNE", "UNIT", "GROUP"] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`agency.kind.${k}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="parentId" className="label">
              {t("agency.parent")}
            </label>
            <select id="parentId" name="parentId" className="input">
              <option value="">—</option>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {"— ".repeat(o.depth)}
                  {o.name}
                </option>
              ))}
            </select>
            {errors.parentId ? <p className="field-error">{errors.parentId}</p> : null}
          </div>
          <button type="submit" className="btn-primary sm:col-span-2 sm:justify-self-start">
            {t("agency.create")}
          </button>
        </Form>
      </section>
    </div>
  );
}
