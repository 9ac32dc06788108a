// The table of problems found in an uploaded file: line, column, reason (first 500), scrolling in place.
import type { ImportProblem } from "~/domain/imports";
import { scrollRegion } from "../scroll-region";

export function ImportErrorsTable({
  errors,
  labels,
}: {
  errors: readonly ImportProblem[];
  labels: { line: string; column: string; reason: string };
}) {
  return (
    <div className="max-h-96 overflow-auto rounded border border-slate-200" {...scrollRegion(labels.reason)}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="sticky top-0 bg-slate-50 text-left">
          <tr>
            <th className="px-3 py-2">{labels.line}</th>
            <th className="px-3 py-2">{labels.column}</th>
            <th className="px-3 py-2">{labels.reason}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {errors.slice(0, 500).map((e, i) => (
            <tr key={i}>
              <td className="px-3 py-1.5">{e.line ?? "—"}</td>
              <td className="px-3 py-1.5">{e.column ?? "—"}</td>
              <td className="px-3 py-1.5">{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
