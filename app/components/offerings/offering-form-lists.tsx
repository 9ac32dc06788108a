// The offering form's two lists, as conform list fields (sessions[0].startsAt, quotas[1].seats): add and
// remove buttons are conform intents, so they also work before the page's JavaScript has loaded.
import { DateTimeInput } from "~/components/date-input";
import { Field } from "~/components/field";
import { type Option, Options } from "~/components/options";
import { BLANK_SESSION } from "~/domain/scheduling";
import { useT } from "~/utils/i18n";
import type { OfferingConform } from "./offering-form";

type Form = OfferingConform[0];
type Fields = OfferingConform[1];
const value = (f: { initialValue?: unknown }) => String(f.initialValue ?? "");

function ListErrors({ field }: { field: { name: string; errors?: string[] } }) {
  return field.errors?.length ? (
    <p id={`${field.name}-error`} className="field-error">
      {field.errors[0]}
    </p>
  ) : null;
}

export function SessionFieldsets({ form, field }: { form: Form; field: Fields["sessions"] }) {
  const t = useT();
  const items = field.getFieldList();
  return (
    <div className="space-y-3">
      <h2 className="text-lg font-semibold">{t("off.sessions")}</h2>
      <ListErrors field={field} />
      {items.map((item, i) => {
        const s = item.getFieldset();
        return (
          <fieldset
            key={item.key}
            className="card grid gap-3 sm:grid-cols-2"
            aria-label={`${t("off.session")} ${i + 1}`}
          >
            <legend className="px-1 text-sm font-semibold">
              {t("off.session")} {i + 1}
            </legend>
            <input type="hidden" name={s.id.name} value={value(s.id)} />
            {(["startsAt", "endsAt"] as const).map((k) => (
              <Field
                key={k}
                field={s[k]}
                label={t(k === "startsAt" ? "off.startsAt" : "off.endsAt")}
                hint={t("date.timeHint")}
                className="text-sm"
              >
                {(p) => <DateTimeInput {...p} defaultValue={value(s[k])} required />}
              </Field>
            ))}
            <Field field={s.title} label={t("off.sessionTitle")} className="text-sm">
              {(p) => <input {...p} defaultValue={value(s.title)} />}
            </Field>
            <Field field={s.venue} label={t("off.venue")} className="text-sm">
              {(p) => <input {...p} defaultValue={value(s.venue)} />}
            </Field>
            <Field field={s.onlineUrl} label={t("off.onlineUrl")} className="text-sm sm:col-span-2">
              {(p) => <input {...p} type="url" defaultValue={value(s.onlineUrl)} placeholder="https://" />}
            </Field>
            {items.length > 1 ? (
              <button
                {...form.remove.getButtonProps({ name: field.name, index: i })}
                className="btn-secondary justify-self-start"
              >
                {t("off.removeSession")}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      <button
        {...form.insert.getButtonProps({ name: field.name, defaultValue: BLANK_SESSION })}
        className="btn-secondary"
      >
        {t("off.addSession")}
      </button>
    </div>
  );
}

export function QuotaRows({
  form,
  field,
  agencies,
}: {
  form: Form;
  field: Fields["quotas"];
  agencies: Option[];
}) {
  const t = useT();
  return (
    <div className="space-y-2">
      <h2 className="text-lg font-semibold">{t("off.quota")}</h2>
      <ListErrors field={field} />
      {field.getFieldList().map((item, i) => {
        const q = item.getFieldset();
        return (
          <div key={item.key} className="flex flex-wrap items-end gap-2">
            <Field field={q.agencyId} label={`${t("off.agency")} ${i + 1}`}>
              {(p) => (
                <select {...p} className="input w-80" defaultValue={value(q.agencyId)}>
                  <Options items={agencies} />
                </select>
              )}
            </Field>
            <Field field={q.seats} label={`${t("off.capacity")} ${i + 1}`}>
              {(p) => (
                <input {...p} type="number" min={0} className="input w-24" defaultValue={value(q.seats)} />
              )}
            </Field>
            <button
              {...form.remove.getButtonProps({ name: field.name, index: i })}
              className="btn-secondary"
              aria-label={`${t("off.removeQuota")} ${i + 1}`}
            >
              ✕
            </button>
          </div>
        );
      })}
      <button
        {...form.insert.getButtonProps({
          name: field.name,
          defaultValue: { agencyId: agencies[0]?.id ?? "", seats: "1" },
        })}
        className="btn-secondary"
      >
        + {t("off.quota")}
      </button>
    </div>
  );
}
