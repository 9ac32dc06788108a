import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { db } from "~/db.server";
import type { MessageKey } from "~/i18n";
import {
  listAgencyOptions,
  mergeAgencies,
  moveAgency,
  renameAgency,
} from "~/modules/agencies/agencies.server";
import { requireAdmin } from "~/modules/auth/guards.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDate } from "~/utils/format";
import { fieldErrors } from "~/utils/forms";
import { domainErrorData, notFound } from "~/utils/http.server";
import { getLocale, serverT } from "~/utils/i18n.server";
import { useT, pageTitle } from "~/utils/i18n";
import { readForm } from "~/utils/read-form.server";
import { text } from "~/utils/zod-text";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.agency") }];

function agencyIdOf(params: { agencyId?: string }) {
  const parsed = z.string().uuid().safeParse(params.agencyId);
  if (!parsed.success) notFound();
  return parsed.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const id = agencyIdOf(params);
  const agency = await db.agency.findUnique({
    where: { id },
    include: {
      parent: { select: { id: true, name: true } },
      mergedInto: { select: { id: true, name: true } },
      aliases: { orderBy: { createdAt: "desc" } },
      _count: { select: { people: true, children: true } },
    },
  });
  if (!agency) notFound("agencies.notFound");
  const options = (await listAgencyOptions("ALL")).filter((o) => o.id !== id);
  return {
    agency: {
      id: agency.id,
      code: agency.code,
      name: agency.name,
      kind: agency.kind,
      active: agency.active,
      parent: agency.parent,
      mergedInto: agency.mergedInto,
      people: agency._count.people,
      children: agency._count.children,
      aliases: agency.aliases.map((a) => ({
        id: a.id,
        code: a.code,
        name: a.name,
        reason: a.reason,
        createdAt: a.createdAt,
      })),
    },
    // Moving under its own subtree is refused by the service; hiding those targets avoids the round trip.
    options: options.filter((o) => !o.path.includes(`/${id}/`)),
  };
}

const renameSchema = z.object({
  intent: z.literal("rename"),
  name: text().min(2, "agencies.nameRequired").max(300, "agencies.nameTooLong"),
  code: text().min(1, "agencies.codeRequired").max(64, "agencies.codeTooLong"),
});
const moveSchema = z.object({
  intent: z.literal("move"),
  parentId: z.string().uuid("agencies.parentRequired"),
});
const mergeSchema = z.object({
  intent: z.literal("merge"),
  targetId: z.string().uuid("agencies.mergeTargetRequired"),
  confirm: z.literal("yes", { message: "agencies.mergeConfirmRequired" }),
});
const schema = z.discriminatedUnion("intent", [renameSchema, moveSchema, mergeSchema]);

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const id = agencyIdOf(params);
  const t = serverT(request);
  const parsed = schema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success)
    return data({ errors: fieldErrors(parsed.error, getLocale(request)) }, { status: 400 });
  try {
    const input = parsed.data;
    if (input.intent === "rename") {
      await renameAgency(id, { name: input.name, code: input.code }, actor.userId);
      return redirectWithFlash(`/admin/agencies/${id}`, { kind: "success", message: t("agency.renamed") });
    }
    if (input.intent === "move") {
      await moveAgency(id, input.parentId, actor.userId);
      return redirectWithFlash(`/admin/agencies/${id}`, { kind: "success", message: t("agency.moved") });
    }
    const source = await db.agency.findUnique({ where: { id }, select: { name: true } });
    const target = await db.agency.findUnique({ where: { id: input.targetId }, select: { name: true } });
    await mergeAgencies(id, input.targetId, actor.userId);
    return redirectWithFlash(`/admin/agencies/${input.targetId}`, {
      kind: "success",
      message: t("agency.merged", { source: source?.name ?? "", target: target?.name ?? "" }),
    });
  } catch (error) {
    return domainErrorData(error, request);
  }
}

export default function AgencyPage() {
  const { agency, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const t = useT();
  const select = (name: string, label: string) => (
    <div className="flex-1">
      <label htmlFor={name} className="label">
        {label}
      </label>
      <select id={name} name={name} className="input" defaultValue="">
        <option value="" disabled>
          —
        </option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {"— ".repeat(o.depth)}
            {o.name} ({o.code})
          </option>
        ))}
      </select>
      {errors[name] ? <p className="field-error">{errors[name]}</p> : null}
    </div>
  );
  return (
    <div className="max-w-3xl space-y-4">
      <Link to="/admin/agencies" className="text-sm text-red-800 hover:underline">
        ← {t("common.back")}
      </Link>
      <div>
        <h1 className="text-2xl font-semibold">{agency.name}</h1>
        <p className="text-sm text-slate-600">
          {agency.code} · {t(`agency.kind.${agency.kind}` as MessageKey)}
          {agency.parent ? ` · ${agency.parent.name}` : ""} · {agency.people}{" "}
          {t("agency.people").toLowerCase()}
        </p>
        {!agency.active ? (
          <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
            {t("agency.inactive")}
            {agency.mergedInto ? (
              <>
                {" → "}
                <Link className="underline" to={`/admin/agencies/${agency.mergedInto.id}`}>
                  {agency.mergedInto.name}
                </Link>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
      {errors.form ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {errors.form}
        </p>
      ) : null}
      {agency.active ? (
        <>
          <Form method="post" className="card grid gap-3 sm:grid-cols-3">
            <h2 className="font-semibold sm:col-span-3">{t("agency.rename")}</h2>
            <input type="hidden" name="intent" value="rename" />
            <div className="sm:col-span-2">
              <label htmlFor="name" className="label">
                {t("agency.name")}
              </label>
              <input id="name" name="name" defaultValue={agency.name} className="input" />
              {errors.name ? <p className="field-error">{errors.name}</p> : null}
            </div>
            <div>
              <label htmlFor="code" className="label">
                {t("agency.code")}
              </label>
              <input id="code" name="code" defaultValue={agency.code} className="input" />
              {errors.code ? <p className="field-error">{errors.code}</p> : null}
            </div>
            <button type="submit" className="btn-secondary sm:justify-self-start">
              {t("common.save")}
            </button>
          </Form>
          <Form method="post" className="card flex flex-wrap items-end gap-3">
            <h2 className="w-full font-semibold">{t("agency.move")}</h2>
            <input type="hidden" name="intent" value="move" />
            {select("parentId", t("agency.parent"))}
            <button type="submit" className="btn-secondary">
              {t("common.save")}
            </button>
          </Form>
          <Form method="post" className="card flex flex-wrap items-end gap-3 border-amber-300">
            <h2 className="w-full font-semibold">{t("agency.merge")}</h2>
            <p className="w-full text-sm text-slate-700">{t("agency.mergeHelp")}</p>
            <input type="hidden" name="intent" value="merge" />
            {select("targetId", t("agency.target"))}
            <label className="flex w-full items-center gap-2 text-sm">
              <input type="checkbox" name="confirm" value="yes" /> {t("agencies.mergeConfirm")}
            </label>
            {errors.confirm ? <p className="field-error w-full">{errors.confirm}</p> : null}
            <button type="submit" className="btn-danger">
              {t("agency.merge")}
            </button>
          </Form>
        </>
      ) : null}
      {agency.aliases.length ? (
        <section className="card">
          <h2 className="font-semibold">{t("agency.aliases")}</h2>
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {agency.aliases.map((a) => (
              <li key={a.id} className="flex justify-between gap-2 py-1.5">
                <span>
                  {a.name} <span className="font-mono text-xs text-slate-500">({a.code})</span>
                </span>
                <span className="text-slate-600">{formatDate(a.createdAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
