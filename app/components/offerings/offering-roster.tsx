// The offering page's sessions list, roster (statuses, approvals, cancellations, results) and attendance grid.
import type { z } from "zod";
import { IntentForm } from "~/components/intent-form";
import { type Column, ListTable } from "~/components/targets/list-table";
import type { MessageKey } from "~/i18n";
import { formatVnDateTime, formatVnTime } from "~/domain/scheduling-time";
import type { OfferingPage } from "~/modules/scheduling/offering-page.server";
import { useT } from "~/utils/i18n";
import type { Reply } from "~/components/form-reply";
import { AttendanceForm } from "./attendance-form";
import { ResultForm } from "./result-form";

type RosterRow = OfferingPage["roster"][number];
type SessionRow = OfferingPage["offering"]["sessions"][number];

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

const ACTIVE = ["CONFIRMED", "WAITLISTED", "PENDING_APPROVAL"];

export function OfferingRoster({
  page,
  reply,
  schema,
}: {
  page: Pick<OfferingPage, "roster" | "offering" | "organiser">;
  reply: Reply;
  /** The page's intent schema (from the route), for the attendance form's checks in the browser. */
  schema: z.ZodType;
}) {
  const t = useT();
  const props = {
    rows: page.roster,
    sessions: page.offering.sessions,
    organiser: page.organiser,
    kind: page.offering.kind,
    requiresPostTest: page.offering.requiresPostTest,
    reply,
    schema,
  };
  const held = props.sessions.filter((s) => !s.cancelled);
  const confirmed = props.rows.filter((r) => r.status === "CONFIRMED");
  const showResult = props.organiser && (props.kind === "DRILL" || props.requiresPostTest);
  const columns: Column[] = [
    { label: t("off.no"), className: "hidden sm:table-cell" },
    { label: t("off.fullName") },
    { label: t("off.agency"), className: "hidden md:table-cell" },
    { label: t("people.status") },
    { label: t("off.attended"), className: "hidden sm:table-cell" },
    ...(showResult ? [{ label: t("off.result") }] : []),
    { label: <span className="sr-only">{t("common.actions")}</span> },
  ];
  return (
    <>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("off.roster")}</h2>
        <ListTable label={t("off.roster")} columns={columns}>
          {props.rows.map((r, i) => {
            const present = held.filter((s) => r.attendance[s.id]).length;
            const attended = r.status === "CONFIRMED" ? `${present}/${held.length}` : "";
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
                  {attended ? (
                    <div className="text-xs text-slate-600 tabular-nums sm:hidden">
                      {t("off.attended")}: {attended}
                    </div>
                  ) : null}
                </td>
                <td className="hidden px-3 py-2 tabular-nums sm:table-cell">{attended}</td>
                {showResult ? (
                  <td className="px-3 py-2">
                    {r.status === "CONFIRMED" ? (
                      <ResultForm
                        row={r}
                        kind={props.kind}
                        postTest={props.requiresPostTest}
                        reply={props.reply}
                      />
                    ) : null}
                  </td>
                ) : null}
                <td className="px-3 py-2">
                  <div className="flex gap-1">
                    {r.status === "PENDING_APPROVAL" && r.canApprove ? (
                      <>
                        <RowAction row={r} intent="approve" label={t("off.approve")} />
                        <RowAction row={r} intent="reject" label={t("off.reject")} />
                      </>
                    ) : null}
                    {ACTIVE.includes(r.status) && (r.canApprove || props.organiser) && !r.completed ? (
                      <RowAction row={r} intent="cancel" label={t("off.cancelReg")} />
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </ListTable>
      </section>
      {props.organiser && confirmed.length > 0 ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t("off.attendance")}</h2>
          <div className="grid gap-3 md:grid-cols-2">
            {held.map((s) => (
              <AttendanceForm key={s.id} session={s} confirmed={confirmed} schema={props.schema} />
            ))}
          </div>
        </section>
      ) : null}
    </>
  );
}

/** One registration's button (approve, reject, cancel), named with the person ("Duyệt Nguyễn Văn A"). */
function RowAction({
  row,
  intent,
  label,
}: {
  row: RosterRow;
  intent: "approve" | "reject" | "cancel";
  label: string;
}) {
  return (
    <IntentForm
      id={`${intent}-${row.id}`}
      intent={intent}
      row={{ registrationId: row.id }}
      buttonClassName={intent === "approve" ? "btn-primary" : "btn-secondary"}
      buttonLabel={`${label} ${row.fullName}`}
    >
      {label}
    </IntentForm>
  );
}
