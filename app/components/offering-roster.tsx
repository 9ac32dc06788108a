// The offering page's sessions list, roster (statuses, approvals, cancellations, results) and attendance grid.
import { Form } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { formatVnDateTime, formatVnTime } from "~/domain/scheduling-time";
import { useT } from "~/utils/i18n";
import { scrollRegion } from "~/components/scroll-region";

type When = string | Date;
export type SessionRow = {
  id: string;
  position: number;
  title: string;
  startsAt: When;
  endsAt: When;
  venue: string;
  onlineUrl: string | null;
  cancelled: boolean;
};

export type RosterRow = {
  id: string;
  fullName: string;
  email: string;
  agencyName: string;
  status: "PENDING_APPROVAL" | "CONFIRMED" | "WAITLISTED" | "CANCELLED" | "REJECTED";
  source: "NOMINATED" | "SELF";
  attendance: Record<string, boolean>;
  score: number | null;
  result: string | null;
  postTestPassed: boolean | null;
  completed: boolean;
  canApprove: boolean;
};

export function OfferingSessions({ sessions }: { sessions: SessionRow[] }) {
  const t = useT();
  return (
    <section className="space-y-2">
      <h2 className="text-lg font-semibold">{t("off.sessions")}</h2>
      <ol className="grid gap-2 md:grid-cols-2">
        {sessions.map((s) => (
          <li key={s.id} className={`card text-sm ${s.cancelled ? "opacity-60" : ""}`}>
            <p className="font-medium">
              {t("off.session")} {s.position}
              {s.title ? ` — ${s.title}` : ""}
              {s.cancelled ? ` (${t("off.status.CANCELLED")})` : ""}
            </p>
            <p className={s.cancelled ? "line-through" : ""}>
              {formatVnDateTime(s.startsAt)} – {formatVnTime(s.endsAt)}
            </p>
            {s.venue ? <p className="text-slate-600">{s.venue}</p> : null}
            {s.onlineUrl ? (
              <a
                href={s.onlineUrl}
                className="text-red-800 hover:underline"
                rel="noreferrer noopener"
                target="_blank"
              >
                {t("off.online")}
              </a>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function OfferingRoster(props: {
  rows: RosterRow[];
  sessions: SessionRow[];
  organiser: boolean;
  kind: "CLASS" | "DRILL";
  requiresPostTest: boolean;
}) {
  const t = useT();
  const held = props.sessions.filter((s) => !s.cancelled);
  const confirmed = props.rows.filter((r) => r.status === "CONFIRMED");
  const showResult = props.organiser && (props.kind === "DRILL" || props.requiresPostTest);
  return (
    <>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("off.roster")}</h2>
        <div
          className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
          {...scrollRegion(t("off.roster"))}
        >
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left">
              <tr>
                <th className="hidden px-3 py-2 sm:table-cell">{t("off.no")}</th>
                <th className="px-3 py-2">{t("off.fullName")}</th>
                <th className="hidden px-3 py-2 md:table-cell">{t("off.agency")}</th>
                <th className="px-3 py-2">{t("people.status")}</th>
                <th className="hidden px-3 py-2 sm:table-cell">{t("off.attended")}</th>
                {showResult ? <th className="px-3 py-2">{t("off.result")}</th> : null}
                <th className="px-3 py-2">
                  <span className="sr-only">{t("common.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {props.rows.map((r, i) => {
                const present = held.filter((s) => r.attendance[s.id]).length;
                const active =
                  r.status === "CONFIRMED" || r.status === "WAITLISTED" || r.status === "PENDING_APPROVAL";
                return (
                  <tr key={r.id} data-testid={`roster-${r.email}`}>
                    <td className="hidden px-3 py-2 tabular-nums sm:table-cell">{i + 1}</td>
                    <td className="px-3 py-2">
                      <span className="font-medium">{r.fullName}</span>
                      <div className="text-xs text-slate-600 md:hidden">{r.agencyName}</div>
                    </td>
                    <td className="hidden px-3 py-2 md:table-cell">{r.agencyName}</td>
                    <td className="px-3 py-2">
                      {t(`reg.status.${r.status}` as MessageKey)}
                      {r.completed ? (
                        <span className="ml-2 rounded bg-green-50 px-2 py-0.5 text-xs font-medium text-green-800">
                          {t("off.completed")}
                        </span>
                      ) : null}
                      {r.status === "CONFIRMED" ? (
                        <div className="text-xs text-slate-600 tabular-nums sm:hidden">
                          {t("off.attended")}: {present}/{held.length}
                        </div>
                      ) : null}
                    </td>
                    <td className="hidden px-3 py-2 tabular-nums sm:table-cell">
                      {r.status === "CONFIRMED" ? `${present}/${held.length}` : ""}
                    </td>
                    {showResult ? (
                      <td className="px-3 py-2">
                        {r.status === "CONFIRMED" ? (
                          <ResultForm row={r} kind={props.kind} postTest={props.requiresPostTest} />
                        ) : null}
                      </td>
                    ) : null}
                    <td className="px-3 py-2">
                      <Form method="post" className="flex gap-1">
                        <input type="hidden" name="registrationId" value={r.id} />
                        {r.status === "PENDING_APPROVAL" && r.canApprove ? (
                          <>
                            <button
                              type="submit"
                              name="intent"
                              value="approve"
                              className="btn-primary"
                              aria-label={`${t("off.approve")} ${r.fullName}`}
                            >
                              {t("off.approve")}
                            </button>
                            <button
                              type="submit"
                              name="intent"
                              value="reject"
                              className="btn-secondary"
                              aria-label={`${t("off.reject")} ${r.fullName}`}
                            >
                              {t("off.reject")}
                            </button>
                          </>
                        ) : null}
                        {active && (r.canApprove || props.organiser) && !r.completed ? (
                          <button
                            type="submit"
                            name="intent"
                            value="cancel"
                            className="btn-secondary"
                            aria-label={`${t("off.cancelReg")} ${r.fullName}`}
                          >
                            {t("off.cancelReg")}
                          </button>
                        ) : null}
                      </Form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      {props.organiser && confirmed.length > 0 ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t("off.attendance")}</h2>
          <div className="grid gap-3 md:grid-cols-2">
            {held.map((s) => (
              <Form
                key={s.id}
                method="post"
                className="card space-y-2 text-sm"
                aria-label={`${t("off.attendance")} ${t("off.session")} ${s.position}`}
              >
                <p className="font-medium">
                  {t("off.session")} {s.position} · {formatVnDateTime(s.startsAt)}
                </p>
                <input type="hidden" name="sessionId" value={s.id} />
                {confirmed.map((r) => (
                  <label key={r.id} className="flex items-center gap-2">
                    <input type="hidden" name="registrationId" value={r.id} />
                    <input
                      type="checkbox"
                      name="present"
                      value={r.id}
                      defaultChecked={r.attendance[s.id] === true}
                      aria-label={`${t("off.present")}: ${r.fullName} — ${t("off.session")} ${s.position}`}
                    />
                    {r.fullName}
                  </label>
                ))}
                <button type="submit" name="intent" value="attendance" className="btn-primary">
                  {t("off.saveAttendance")} {s.position}
                </button>
              </Form>
            ))}
          </div>
        </section>
      ) : null}
    </>
  );
}

function ResultForm({ row, kind, postTest }: { row: RosterRow; kind: "CLASS" | "DRILL"; postTest: boolean }) {
  const t = useT();
  return (
    <Form method="post" className="flex flex-wrap items-center gap-1">
      <input type="hidden" name="registrationId" value={row.id} />
      {kind === "DRILL" ? (
        <>
          <input
            name="score"
            type="number"
            min={0}
            max={1000}
            defaultValue={row.score ?? ""}
            aria-label={`${t("off.score")} ${row.fullName}`}
            placeholder={t("off.score")}
            className="input w-20"
          />
          <input
            name="result"
            defaultValue={row.result ?? ""}
            aria-label={`${t("off.result")} ${row.fullName}`}
            placeholder={t("off.result")}
            className="input w-32"
          />
        </>
      ) : (
        <>
          <input type="hidden" name="score" value={row.score ?? ""} />
          <input type="hidden" name="result" value={row.result ?? ""} />
        </>
      )}
      {postTest ? (
        <select
          name="postTestPassed"
          defaultValue={row.postTestPassed === null ? "" : String(row.postTestPassed)}
          aria-label={`${t("off.postTestPassed")} ${row.fullName}`}
          className="input w-28"
        >
          <option value="">—</option>
          <option value="true">{t("off.postTestPassed")}</option>
          <option value="false">✗</option>
        </select>
      ) : (
        <input
          type="hidden"
          name="postTestPassed"
          value={row.postTestPassed === null ? "" : String(row.postTestPassed)}
        />
      )}
      <button type="submit" name="intent" value="result" className="btn-secondary">
        {t("off.saveResult")}
      </button>
    </Form>
  );
}
