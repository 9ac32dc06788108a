// Charts of the targets dashboard drawn with plain SVG/CSS (no chart library): a horizontal bar with the
// target marked, and a trend line over the plan's snapshots. No data access.
import type { FigureStatus } from "~/modules/targets/figures";

export const STATUS_COLOR: Record<FigureStatus, string> = {
  DAT: "bg-green-100 text-green-800",
  DUNG_TIEN_DO: "bg-sky-100 text-sky-800",
  CHAM: "bg-amber-100 text-amber-900",
  CHUA_DAT: "bg-red-100 text-red-800",
};
const BAR_COLOR: Record<FigureStatus, string> = {
  DAT: "bg-green-600",
  DUNG_TIEN_DO: "bg-sky-600",
  CHAM: "bg-amber-500",
  CHUA_DAT: "bg-red-600",
};

/** One agency's percent as a bar, with a red tick at the target percent. */
export function PercentBar({
  percent,
  target,
  status,
  label,
}: {
  percent: number | null;
  target: number;
  status: FigureStatus | null;
  label: string;
}) {
  const width = Math.max(0, Math.min(100, percent ?? 0));
  return (
    <div
      className="relative h-3 w-full min-w-24 rounded bg-slate-100"
      role="img"
      aria-label={label}
      title={label}
    >
      <div
        className={`h-3 rounded ${status ? BAR_COLOR[status] : "bg-slate-300"}`}
        style={{ width: `${width}%` }}
      />
      <div className="absolute -top-1 h-5 w-0.5 bg-red-700" style={{ left: `calc(${target}% - 1px)` }} />
    </div>
  );
}

export function StatusBadge({ status, label }: { status: FigureStatus | null; label: string }) {
  if (!status) return <span className="text-slate-400">—</span>;
  return (
    <span
      className={`inline-block rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STATUS_COLOR[status]}`}
    >
      {label}
    </span>
  );
}

export type TrendDatum = { x: number; label: string; percent: number | null; live: boolean };

/** Percent over time (x = epoch ms) with the target as a dashed line. */
export function TrendChart({
  points,
  target,
  title,
}: {
  points: TrendDatum[];
  target: number;
  title: string;
}) {
  const data = points.filter((p) => p.percent !== null) as (TrendDatum & { percent: number })[];
  const W = 960;
  const H = 260;
  const pad = { l: 36, r: 12, t: 12, b: 28 };
  const minX = Math.min(...data.map((d) => d.x));
  const maxX = Math.max(...data.map((d) => d.x));
  const sx = (x: number) =>
    pad.l + (maxX === minX ? (W - pad.l - pad.r) / 2 : ((x - minX) / (maxX - minX)) * (W - pad.l - pad.r));
  const sy = (p: number) => pad.t + (1 - p / 100) * (H - pad.t - pad.b);
  const line = data
    .map((d, i) => `${i ? "L" : "M"}${sx(d.x).toFixed(1)},${sy(d.percent).toFixed(1)}`)
    .join(" ");
  // At most ~8 labels on the x axis so they never overlap on a phone.
  const every = Math.max(1, Math.ceil(data.length / 8));
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="h-auto max-h-72 w-full" role="img" aria-label={title}>
      {[0, 25, 50, 75, 100].map((p) => (
        <g key={p}>
          <line x1={pad.l} x2={W - pad.r} y1={sy(p)} y2={sy(p)} stroke="#e2e8f0" />
          <text x={pad.l - 6} y={sy(p) + 4} fontSize="14" textAnchor="end" fill="#64748b">
            {p}
          </text>
        </g>
      ))}
      <line
        x1={pad.l}
        x2={W - pad.r}
        y1={sy(target)}
        y2={sy(target)}
        stroke="#b91c1c"
        strokeDasharray="6 4"
        strokeWidth="1.5"
      />
      <path d={line} fill="none" stroke="#0369a1" strokeWidth="2.5" />
      {data.map((d, i) => (
        <g key={`${d.x}-${i}`}>
          <circle cx={sx(d.x)} cy={sy(d.percent)} r={d.live ? 5 : 3.5} fill={d.live ? "#b91c1c" : "#0369a1"}>
            <title>{`${d.label}: ${d.percent.toFixed(1)}%`}</title>
          </circle>
          {i % every === 0 || i === data.length - 1 ? (
            <text x={sx(d.x)} y={H - 8} fontSize="14" textAnchor="middle" fill="#475569">
              {d.label}
            </text>
          ) : null}
        </g>
      ))}
    </svg>
  );
}
