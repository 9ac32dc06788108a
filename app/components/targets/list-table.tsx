// The bordered, horizontally scrolling table of the plans, targets, snapshots and reports pages, and of an
// offering's roster and the bookings list: one shell, the pages give the column heads and the rows.
import type { ReactNode } from "react";
import { scrollRegion } from "~/components/scroll-region";

export type Column = { label: ReactNode; className?: string };

export function ListTable({
  label,
  columns,
  children,
  framed = true,
  testId,
}: {
  /** Names the scroll region for screen readers. */
  label: string;
  columns: readonly Column[];
  children: ReactNode;
  /** A border and a white ground; off inside a card. */
  framed?: boolean;
  testId?: string;
}) {
  return (
    <div
      className={framed ? "overflow-x-auto rounded-lg border border-slate-200 bg-white" : "overflow-x-auto"}
      {...scrollRegion(label)}
    >
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid={testId}>
        <thead className="bg-slate-50 text-left">
          <tr>
            {columns.map((c, i) => (
              <th key={i} className={`px-3 py-2 ${c.className ?? ""}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
