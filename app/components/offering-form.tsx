// The class / drill form shared by /offerings/new and /offerings/<id>/edit. Times are Vietnam wall clock typed
// as dd/mm/yyyy hh:mm (DateTimeInput: not datetime-local, which follows the browser's locale); the server
// converts them (app/utils/vn-calendar.ts, which also still reads yyyy-mm-ddThh:mm).
import { Form } from "@remix-run/react";
import { useState } from "react";
import { DateField, DateTimeInput } from "~/components/date-input";
import { useT } from "~/utils/i18n";

export type OfferingFormDefaults = {
  kind: "CLASS" | "DRILL";
  title: string;
  description: string;
  courseId: string;
  topics: string;
  audienceItRoles: string[];
  audienceTags: string;
  organiserAgencyId: string;
  capacity: number;
  registrationOpensAt: string;
  registrationClosesAt: string;
  attendanceThreshold: number;
  requiresPostTest: boolean;
  validityMonths: string;
  instructorEmails: string;
  quotas: { agencyId: string; seats: number }[];
  sessions: {
    id: string;
    title: string;
    startsAt: string;
    endsAt: string;
    venue: string;
    onlineUrl: string;
  }[];
};

type Option = { id: string; label: string };

let rowKey = 0;
const newKey = () => `row-${++rowKey}`;

export function OfferingForm(props: {
  defaults: OfferingFormDefaults;
  organiserAgencies: Option[];
  quotaAgencies: Option[];
  courses: Option[];
  errors: Record<string, string>;
  submitLabel: string;
  busy: boolean;
}) {
  const t = useT();
  const { defaults: d, errors } = props;
  const [sessions, setSessions] = useState(() => d.sessions.map((s) => ({ ...s, key: newKey() })));
  const [quotas, setQuotas] = useState(() => d.quotas.map((q) => ({ ...q, key: newKey() })));
  const err = (k: string) => (errors[k] ? <p className="field-error">{errors[k]}</p> : null);
  const sessionErr = (i: number) =>
    Object.entries(errors)
      .filter(([k]) => k.startsWith(`sessions.${i}.`))
      .map(([k, m]) => (
        <p key={k} className="field-error">
          {m}
        </p>
      ));
  return (
    <Form method="post" className="space-y-4">
      {errors.form ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {errors.form}
        </p>
      ) : null}
      <div className="card grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="kind" className="label">
            {t("off.kind")}
          </label>
          <select id="kind" name="kind" className="input" defaultValue={d.kind}>
            <option value="DRILL">{t("off.kind.DRILL")}</option>
            <option value="CLASS">{t("off.kind.CLASS")}</option>
          </select>
        </div>
        <div>
          <label htmlFor="organiserAgencyId" className="label">
            {t("off.organiser")}
          </label>
          <select
            id="organiserAgencyId"
            name="organiserAgencyId"
            className="input"
            defaultValue={d.organiserAgencyId}
          >
            {props.organiserAgencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
          {err("organiserAgencyId")}
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="title" className="label">
            {t("off.name")}
          </label>
          <input id="title" name="title" className="input" defaultValue={d.title} required maxLength={200} />
          {err("title")}
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="description" className="label">
            {t("off.description")}
          </label>
          <textarea
            id="description"
            name="description"
            rows={3}
            className="input"
            defaultValue={d.description}
          />
          {err("description")}
        </div>
        <div>
          <label htmlFor="courseId" className="label">
            {t("off.course")}
          </label>
          <select id="courseId" name="courseId" className="input" defaultValue={d.courseId}>
            <option value="">—</option>
            {props.courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
          {err("courseId")}
        </div>
        <div>
          <label htmlFor="topics" className="label">
            {t("off.topics")}
          </label>
          <input
            id="topics"
            name="topics"
            className="input"
            defaultValue={d.topics}
            placeholder="attt-chuyen-sau"
          />
          {err("topics")}
        </div>
        <fieldset>
          <legend className="label">{t("off.audience")}</legend>
          {(["FULL_TIME", "PART_TIME"] as const).map((r) => (
            <label key={r} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="audienceItRoles"
                value={r}
                defaultChecked={d.audienceItRoles.includes(r)}
              />
              {t(r === "FULL_TIME" ? "ui.itFullTimeAudience" : "ui.itPartTimeAudience")}
            </label>
          ))}
          <label htmlFor="audienceTags" className="label mt-2">
            {t("off.tags")}
          </label>
          <input
            id="audienceTags"
            name="audienceTags"
            className="input"
            defaultValue={d.audienceTags}
            placeholder="doi-ung-cuu-su-co"
          />
          {err("audienceTags")}
        </fieldset>
        <div className="grid gap-3">
          <div>
            <label htmlFor="capacity" className="label">
              {t("off.capacity")}
            </label>
            <input
              id="capacity"
              name="capacity"
              type="number"
              min={1}
              max={10000}
              className="input"
              defaultValue={d.capacity}
              required
            />
            {err("capacity")}
          </div>
          <div>
            <label htmlFor="attendanceThreshold" className="label">
              {t("off.threshold")}
            </label>
            <input
              id="attendanceThreshold"
              name="attendanceThreshold"
              type="number"
              min={1}
              max={100}
              className="input"
              defaultValue={d.attendanceThreshold}
            />
            {err("attendanceThreshold")}
          </div>
          <div>
            <label htmlFor="validityMonths" className="label">
              {t("off.validity")}
            </label>
            <input
              id="validityMonths"
              name="validityMonths"
              type="number"
              min={1}
              max={120}
              className="input"
              defaultValue={d.validityMonths}
            />
            {err("validityMonths")}
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="requiresPostTest" value="true" defaultChecked={d.requiresPostTest} />{" "}
            {t("off.postTest")}
          </label>
        </div>
        <DateField
          name="registrationOpensAt"
          label={`${t("off.window")} — ${t("ui.windowOpens")}`}
          error={errors.registrationOpensAt}
          defaultValue={d.registrationOpensAt}
          withTime
        />
        <DateField
          name="registrationClosesAt"
          label={`${t("off.window")} — ${t("ui.windowCloses")}`}
          error={errors.registrationClosesAt}
          defaultValue={d.registrationClosesAt}
          withTime
        />
        <div className="sm:col-span-2">
          <label htmlFor="instructorEmails" className="label">
            {t("off.instructorEmails")}
          </label>
          <input
            id="instructorEmails"
            name="instructorEmails"
            className="input"
            defaultValue={d.instructorEmails}
          />
          {err("instructorEmails")}
        </div>
      </div>

      <div className="space-y-3">
        <h2 className="text-lg font-semibold">{t("off.sessions")}</h2>
        <p id="session-time-hint" className="text-xs text-slate-500">
          {t("date.timeHint")}
        </p>
        {err("sessions")}
        {sessions.map((s, i) => (
          <fieldset
            key={s.key}
            className="card grid gap-3 sm:grid-cols-2"
            aria-label={`${t("off.session")} ${i + 1}`}
          >
            <legend className="px-1 text-sm font-semibold">
              {t("off.session")} {i + 1}
            </legend>
            <input type="hidden" name="sessionId" value={s.id} />
            <label className="text-sm">
              <span className="label">{t("off.startsAt")}</span>
              <DateTimeInput
                name="sessionStartsAt"
                className="input"
                defaultValue={s.startsAt}
                aria-describedby="session-time-hint"
                required
              />
            </label>
            <label className="text-sm">
              <span className="label">{t("off.endsAt")}</span>
              <DateTimeInput
                name="sessionEndsAt"
                className="input"
                defaultValue={s.endsAt}
                aria-describedby="session-time-hint"
                required
              />
            </label>
            <label className="text-sm">
              <span className="label">{t("off.sessionTitle")}</span>
              <input name="sessionTitle" className="input" defaultValue={s.title} />
            </label>
            <label className="text-sm">
              <span className="label">{t("off.venue")}</span>
              <input name="sessionVenue" className="input" defaultValue={s.venue} />
            </label>
            <label className="text-sm sm:col-span-2">
              <span className="label">{t("off.onlineUrl")}</span>
              <input
                name="sessionOnlineUrl"
                type="url"
                className="input"
                defaultValue={s.onlineUrl}
                placeholder="https://"
              />
            </label>
            <div className="sm:col-span-2">{sessionErr(i)}</div>
            {sessions.length > 1 ? (
              <button
                type="button"
                className="btn-secondary justify-self-start"
                onClick={() => setSessions(sessions.filter((x) => x.key !== s.key))}
              >
                {t("off.removeSession")}
              </button>
            ) : null}
          </fieldset>
        ))}
        <button
          type="button"
          className="btn-secondary"
          onClick={() =>
            setSessions([
              ...sessions,
              { id: "", title: "", startsAt: "", endsAt: "", venue: "", onlineUrl: "", key: newKey() },
            ])
          }
        >
          {t("off.addSession")}
        </button>
      </div>

      <div className="space-y-2">
        <h2 className="text-lg font-semibold">{t("off.quota")}</h2>
        {err("quotas")}
        {quotas.map((q, i) => (
          <div key={q.key} className="flex flex-wrap items-end gap-2">
            <select
              name="quotaAgencyId"
              aria-label={`${t("off.agency")} ${i + 1}`}
              className="input w-80"
              defaultValue={q.agencyId}
            >
              {props.quotaAgencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label}
                </option>
              ))}
            </select>
            <input
              name="quotaSeats"
              type="number"
              min={0}
              aria-label={`${t("off.capacity")} ${i + 1}`}
              className="input w-24"
              defaultValue={q.seats}
            />
            <button
              type="button"
              className="btn-secondary"
              onClick={() => setQuotas(quotas.filter((x) => x.key !== q.key))}
            >
              ✕
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn-secondary"
          onClick={() =>
            setQuotas([...quotas, { agencyId: props.quotaAgencies[0]?.id ?? "", seats: 1, key: newKey() }])
          }
        >
          + {t("off.quota")}
        </button>
      </div>

      <button type="submit" className="btn-primary" disabled={props.busy}>
        {props.submitLabel}
      </button>
    </Form>
  );
}
