// The settings form of a drill campaign (new and edit): audience, templates, send window, landing, follow-up
// course, rate and targets, with the audience preview and a search to leave named people out. The schema
// comes from the route (components do not import modules); "preview" changes nothing, "save" stores the draft.
import { getFormProps, getInputProps, getSelectProps, type SubmissionResult } from "@conform-to/react";
import { Form, useFetcher } from "@remix-run/react";
import { useState } from "react";
import type { z } from "zod";
import { AudienceFields } from "~/components/assignments/audience-fields";
import { DateInput } from "~/components/date-input";
import { Field, FormError } from "~/components/field";
import { useZodForm } from "~/utils/conform";
import { useT } from "~/utils/i18n";

export type PersonPick = { id: string; fullName: string; email: string; agencyName?: string };
export type CampaignFormPreview = {
  count: number;
  sample: string[];
  outsideDomains: number;
  excluded: number;
  domains: string[];
};

/** Who a campaign reaches: the count, the first names, and how many the domain rule and the exclusions leave out. */
export function AudiencePreviewLines({
  preview,
  countClassName,
}: {
  preview: CampaignFormPreview;
  countClassName?: string;
}) {
  const t = useT();
  return (
    <>
      <p className={countClassName}>{t("phc.reaches", { count: preview.count })}</p>
      {preview.sample.length ? (
        <p className="text-xs text-slate-600">{t("phc.sample", { names: preview.sample.join(", ") })}</p>
      ) : null}
      <p className="text-xs text-slate-600">
        {t("phc.leftOut", {
          domain: preview.outsideDomains,
          excluded: preview.excluded,
          domains: preview.domains.join(", "),
        })}
      </p>
    </>
  );
}

export function CampaignForm({
  schema,
  options,
  defaultValue,
  initialExcluded = [],
  lastResult,
  preview,
  busy,
}: {
  schema: z.ZodType;
  options: {
    templates: { versionId: string; title: string; difficulty: number; subject: string }[];
    courses: { id: string; title: string }[];
    agencies: { id: string; label: string }[];
  };
  defaultValue: Record<string, unknown>;
  initialExcluded?: PersonPick[];
  lastResult: SubmissionResult<string[]> | undefined;
  preview: CampaignFormPreview | null;
  busy: boolean;
}) {
  const t = useT();
  const [form, fields] = useZodForm(schema, {
    id: "campaign",
    lastResult,
    defaultValue,
    shouldValidate: "onSubmit",
  });
  const [excluded, setExcluded] = useState<PersonPick[]>(initialExcluded);
  const [query, setQuery] = useState("");
  const search = useFetcher<{ people: PersonPick[] }>();
  const agencyId = (fields.agencyId.value as string | undefined) ?? options.agencies[0]?.id ?? "";
  const includeSub = fields.includeSubagencies.value === "on";
  const found = (search.data?.people ?? []).filter((p) => !excluded.some((x) => x.id === p.id));
  const templateValues = (fields.templateVersionIds.initialValue as string[] | undefined) ?? [];

  return (
    <Form method="post" className="card grid gap-4 sm:grid-cols-2" {...getFormProps(form)}>
      <FormError message={form.errors?.join(" ")} className="sm:col-span-2" />
      <Field field={fields.name} label={t("phc.name")} className="sm:col-span-2">
        {(p) => <input {...getInputProps(fields.name, { type: "text" })} {...p} />}
      </Field>
      <div className="sm:col-span-2">
        <Field field={fields.agencyId} label={t("phc.agency")}>
          {(p) => (
            <select {...getSelectProps(fields.agencyId)} {...p}>
              {options.agencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="mt-1 flex items-center gap-2 text-sm">
          <input {...getInputProps(fields.includeSubagencies, { type: "checkbox" })} /> {t("phc.includeSub")}
        </label>
      </div>
      <AudienceFields staffCategories={fields.staffCategories} itRoles={fields.itRoles}>
        <label className="mt-2 flex items-center gap-2 text-sm">
          <input {...getInputProps(fields.headOfUnitOnly, { type: "checkbox" })} /> {t("phc.headOnly")}
        </label>
      </AudienceFields>
      <Field field={fields.tags} label={t("phc.tags")}>
        {(p) => <input {...getInputProps(fields.tags, { type: "text" })} {...p} />}
      </Field>

      <fieldset className="sm:col-span-2" aria-describedby="excluded-help">
        <legend className="label">{t("phc.excluded")}</legend>
        <p id="excluded-help" className="mb-1 text-xs text-slate-500">
          {t("phc.excludedHelp")}
        </p>
        {excluded.length ? (
          <ul className="mb-2 flex flex-wrap gap-2">
            {excluded.map((p) => (
              <li key={p.id} className="rounded-full border border-slate-300 px-2 py-0.5 text-sm">
                <input type="hidden" name={fields.excludedPersonIds.name} value={p.id} />
                {p.fullName} <span className="text-slate-500">({p.email})</span>{" "}
                <button
                  type="button"
                  className="text-red-800 hover:underline"
                  aria-label={t("phc.unexclude", { name: p.fullName })}
                  onClick={() => setExcluded(excluded.filter((x) => x.id !== p.id))}
                >
                  {t("phc.removeMark")}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {fields.excludedPersonIds.errors?.[0] ? (
          <p className="field-error">{fields.excludedPersonIds.errors[0]}</p>
        ) : null}
        <div className="flex gap-2">
          <label htmlFor="exclude-search" className="sr-only">
            {t("phc.excludeSearch")}
          </label>
          <input
            id="exclude-search"
            type="search"
            className="input"
            value={query}
            placeholder={t("phc.excludeSearch")}
            onChange={(e) => setQuery(e.target.value)}
          />
          <button
            type="button"
            className="btn-secondary whitespace-nowrap"
            onClick={() =>
              search.load(
                `/phishing/people?${new URLSearchParams({ agencyId, sub: includeSub ? "1" : "0", q: query })}`,
              )
            }
          >
            {t("common.search")}
          </button>
        </div>
        {found.length ? (
          <ul className="mt-2 divide-y rounded border border-slate-200">
            {found.map((p) => (
              <li key={p.id} className="flex items-center justify-between px-2 py-1 text-sm">
                <span>
                  {p.fullName} <span className="text-slate-500">· {p.email}</span>
                  {p.agencyName ? <span className="text-slate-500"> · {p.agencyName}</span> : null}
                </span>
                <button
                  type="button"
                  className="btn-secondary py-0.5"
                  onClick={() => setExcluded([...excluded, p])}
                >
                  {t("phc.exclude")}
                </button>
              </li>
            ))}
          </ul>
        ) : search.data && query ? (
          <p className="mt-1 text-sm text-slate-600">{t("phc.excludeNone")}</p>
        ) : null}
      </fieldset>

      <fieldset className="sm:col-span-2">
        <legend className="label">{t("phc.templates")}</legend>
        <p className="mb-1 text-xs text-slate-500">{t("phc.templatesHelp")}</p>
        {options.templates.length === 0 ? (
          <p className="text-sm text-slate-600">{t("phc.noTemplates")}</p>
        ) : null}
        {options.templates.map((tpl) => (
          <label key={tpl.versionId} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name={fields.templateVersionIds.name}
              value={tpl.versionId}
              defaultChecked={templateValues.includes(tpl.versionId)}
              className="mt-1"
            />
            <span>
              <span className="font-medium">{tpl.title}</span>{" "}
              <span className="text-slate-500">
                · {t("phc.difficulty", { level: tpl.difficulty })} · {tpl.subject}
              </span>
            </span>
          </label>
        ))}
        {fields.templateVersionIds.errors?.[0] ? (
          <p className="field-error">{fields.templateVersionIds.errors[0]}</p>
        ) : null}
      </fieldset>

      <Field field={fields.windowStart} label={t("phc.windowStart")} hint={t("date.hint")}>
        {(p) => <DateInput {...p} defaultValue={fields.windowStart.initialValue as string | undefined} />}
      </Field>
      <Field field={fields.windowEnd} label={t("phc.windowEnd")} hint={t("phc.windowHint")}>
        {(p) => <DateInput {...p} defaultValue={fields.windowEnd.initialValue as string | undefined} />}
      </Field>

      <fieldset>
        <legend className="label">{t("phc.landing")}</legend>
        {(["FORM", "TEACH"] as const).map((l) => (
          <label key={l} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={fields.landing.name}
              value={l}
              defaultChecked={(fields.landing.initialValue ?? "FORM") === l}
            />{" "}
            {t(l === "FORM" ? "phc.landing.FORM" : "phc.landing.TEACH")}
          </label>
        ))}
      </fieldset>
      <label className="flex items-center gap-2 self-end text-sm">
        <input {...getInputProps(fields.trackOpens, { type: "checkbox" })} /> {t("phc.trackOpens")}
      </label>

      <Field field={fields.followUpCourseId} label={t("phc.followUpCourse")}>
        {(p) => (
          <select {...getSelectProps(fields.followUpCourseId)} {...p}>
            {options.courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field field={fields.followUpDueDays} label={t("phc.followUpDueDays")}>
        {(p) => (
          <input {...getInputProps(fields.followUpDueDays, { type: "number" })} {...p} min={1} max={365} />
        )}
      </Field>
      <Field field={fields.maxPerMinute} label={t("phc.maxPerMinute")}>
        {(p) => (
          <input {...getInputProps(fields.maxPerMinute, { type: "number" })} {...p} min={1} max={10000} />
        )}
      </Field>
      <div />
      <Field field={fields.clickRateTarget} label={t("phc.clickRateTarget")} hint={t("phc.optional")}>
        {(p) => (
          <input {...getInputProps(fields.clickRateTarget, { type: "number" })} {...p} min={0} max={100} />
        )}
      </Field>
      <Field field={fields.reportRateTarget} label={t("phc.reportRateTarget")} hint={t("phc.optional")}>
        {(p) => (
          <input {...getInputProps(fields.reportRateTarget, { type: "number" })} {...p} min={0} max={100} />
        )}
      </Field>

      {preview ? (
        <div role="status" className="rounded border border-slate-200 bg-slate-50 p-3 text-sm sm:col-span-2">
          <AudiencePreviewLines preview={preview} countClassName="font-medium" />
        </div>
      ) : null}
      <div className="flex flex-wrap gap-3 sm:col-span-2">
        <button type="submit" name="intent" value="preview" className="btn-secondary" disabled={busy}>
          {t("phc.preview")}
        </button>
        <button type="submit" name="intent" value="save" className="btn-primary" disabled={busy}>
          {t("phc.saveDraft")}
        </button>
      </div>
    </Form>
  );
}
