// The sessions of one account as a table. At phone width only the device, the last activity and the action
// stay as columns; the sign-in time, method and IP move under the device name.
import type { ReactNode } from "react";
import type { MessageKey } from "~/i18n";
import { formatDateTime } from "~/utils/format";
import { useT } from "~/utils/i18n";
import { ListTable } from "./targets/list-table";

export type SessionView = {
  id: string;
  current: boolean;
  browser: string | null;
  os: string | null;
  kind: "phone" | "tablet" | "computer";
  ipAddress: string | null;
  method: "password" | "directory" | "sso" | "emailLink";
  createdAt: string;
  lastSeenAt: string;
  pendingSecondFactor: boolean;
};

const COLUMNS = [
  ["sess.device"],
  ["sess.method", "hidden md:table-cell"],
  ["sess.ip", "hidden md:table-cell"],
  ["sess.created", "hidden md:table-cell"],
  ["sess.lastSeen"],
] as const satisfies readonly (readonly [MessageKey, string?])[];

export function SessionsTable({
  sessions,
  action,
}: {
  sessions: SessionView[];
  /** The last column's content for a row (a sign-out form); none: no column. */
  action?: (s: SessionView) => ReactNode;
}) {
  const t = useT();
  const cell = "px-3 py-2 align-top";
  const wide = "hidden px-3 py-2 align-top md:table-cell";
  return (
    <ListTable
      label={t("sess.title")}
      columns={[
        ...COLUMNS.map(([key, className]) => ({ label: t(key), className: `align-top ${className ?? ""}` })),
        ...(action ? [{ label: t("sess.actions"), className: "align-top" }] : []),
      ]}
    >
      {sessions.map((s) => {
        const method = t(`sess.method.${s.method}` as MessageKey);
        return (
          <tr key={s.id} className={s.current ? "bg-green-50" : undefined}>
            <td className={cell}>
              <div className="font-medium">
                {t("sess.label", {
                  browser: s.browser ?? t("sess.unknownBrowser"),
                  os: s.os ?? t("sess.unknownOs"),
                })}
              </div>
              <div className="text-xs text-slate-600">{t(`sess.kind.${s.kind}` as MessageKey)}</div>
              {s.current ? (
                <span className="mt-1 inline-block rounded bg-green-100 px-1.5 py-0.5 text-xs font-medium text-green-900">
                  {t("sess.current")}
                </span>
              ) : null}
              {s.pendingSecondFactor ? (
                <span className="mt-1 inline-block rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">
                  {t("sess.pending")}
                </span>
              ) : null}
              <div className="mt-1 text-xs text-slate-600 md:hidden">
                {method} · {s.ipAddress ?? "—"} · {s.createdAt}
              </div>
            </td>
            <td className={wide}>{method}</td>
            <td className={`${wide} font-mono text-xs`}>{s.ipAddress ?? "—"}</td>
            <td className={wide}>{s.createdAt}</td>
            <td className={cell}>{s.lastSeenAt}</td>
            {action ? <td className={cell}>{action(s)}</td> : null}
          </tr>
        );
      })}
    </ListTable>
  );
}

/** Server rows → what the table shows (dates formatted in Vietnam time on the server). */
export function sessionView(
  s: Omit<SessionView, "createdAt" | "lastSeenAt"> & { createdAt: Date; lastSeenAt: Date },
) {
  return { ...s, createdAt: formatDateTime(s.createdAt), lastSeenAt: formatDateTime(s.lastSeenAt) };
}
