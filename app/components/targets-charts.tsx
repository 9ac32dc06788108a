// Charts of the targets dashboard drawn with plain SVG/CSS (no chart library): a horizontal bar with the
// target marked, and a trend line over the plan's snapshots. No data access.
import type { FigureStatus } from "~/domain/target-figures";
import { vnCalendarDay } from "~/utils/vn-calendar";

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
  figure: { percent, targetPercent: target, status },
  label,
}: {
  figure: { percent: number | null; targetPercent: number; status: FigureStatus | null };
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

/** "mm/yyyy" of an instant's Vietnamese month: a short x label for phones. */
function vnMonth(x: number): string {
  const [y, m] = vnCalendarDay(x);
  return `${String(m).padStart(2, "0")}/${y}`;
}

/**
 * Percent over time (x = epoch ms) with the target as a dashed line. The SVG scales with its box, so one
 * drawing cannot keep its text readable from a phone to a desktop: three are drawn and CSS shows the one
 * whose viewBox is close to the real width (labels stay ≥ 11 px). On a phone the x labels are fewer and
 * shortened to mm/yyyy (the live point keeps its label).
 */
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
  return (
    <>
      <div className="sm:hidden">
        <TrendSvg
          data={data}
          target={target}
          title={title}
          width={340}
          height={220}
          font={13}
          labels={4}
          short
        />
      </div>
      <div className="hidden sm:block lg:hidden">
        <TrendSvg data={data} target={target} title={title} width={640} height={240} font={14} labels={6} />
      </div>
      <div className="hidden lg:block">
        <TrendSvg data={data} target={target} title={title} width={960} height={260} font={14} labels={8} />
      </div>
    </>
  );
}

function TrendSvg({
  data,
  target,
  title,
  width: W,
  height: H,
  font,
  labels,
  short = false,
}: {
  data: (TrendDatum & { percent: number })[];
  target: number;
  title: string;
  width: number;
  height: number;
  font: number;
  labels: number;
  short?: boolean;
}) {
  const pad = { l: font * 2.6, r: font * 2, t: 12, b: font * 2 + 4 };
  const minX = Math.min(...data.map((d) => d.x));
  const maxX = Math.max(...data.map((d) => d.x));
  const sx = (x: number) =>
    pad.l + (maxX === minX ? (W - pad.l - pad.r) / 2 : ((x - minX) / (maxX - minX)) * (W - pad.l - pad.r));
  const sy = (p: number) => pad.t + (1 - p / 100) * (H - pad.t - pad.b);
  const line = data
    .map((d, i) => `${i ? "L" : "M"}${sx(d.x).toFixed(1)},${sy(d.percent).toFixed(1)}`)
    .join(" ");
  // At most `labels` labels on the x axis, the last one always, so they never overlap.
  const every = Math.max(1, Math.ceil(data.length / labels));
  const shown = (i: number) => i === data.length - 1 || (i % every === 0 && data.length - 1 - i >= every);
  const label = (d: TrendDatum) => (short && !d.live ? vnMonth(d.x) : d.label);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={title}>
      {[0, 25, 50, 75, 100].map((p) => (
        <g key={p}>
          <line x1={pad.l} x2={W - pad.r} y1={sy(p)} y2={sy(p)} stroke="#e2e8f0" />
          <text x={pad.l - 6} y={sy(p) + font / 3} fontSize={font} textAnchor="end" fill="#475569">
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
          <circle
            cx={sx(d.x)}
            cy={sy(d.percent)}
            r={d.live ? 5 : 3.5}
            fill={d.live ? "#b91c1c" : "#0369a1"}
            data-testid="trend-point"
          >
            <title>{`${d.label}: ${d.percent.toFixed(1)}%`}</title>
          </circle>
          {shown(i) ? (
            <text
              x={sx(d.x)}
              y={H - 8}
              fontSize={font}
              textAnchor={i === data.length - 1 && data.length > 1 ? "end" : i === 0 ? "start" : "middle"}
              fill="#475569"
            >
              {label(d)}
            </text>
          ) : null}
        </g>
      ))}
    </svg>
  );
}
