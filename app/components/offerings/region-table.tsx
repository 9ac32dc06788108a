// A table that scrolls sideways on a phone, named for screen readers (the roster, the bookings list).
import type { ReactNode } from "react";
import { scrollRegion } from "~/components/scroll-region";

export function RegionTable({
  label,
  head,
  children,
}: {
  label: string;
  head: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" {...scrollRegion(label)}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
