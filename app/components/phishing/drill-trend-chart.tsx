// Phish-prone % and report rate across campaigns as two lines in plain SVG (no chart library), one point
// per campaign in window order; the table beside it carries the exact figures.
import { useT } from "~/utils/i18n";

export type DrillTrendDatum = { label: string; prone: number | null; report: number | null };

const W = 640;
const H = 240;
const PAD = { l: 36, r: 16, t: 12, b: 28 };

export function DrillTrendChart({ points }: { points: DrillTrendDatum[] }) {
  const t = useT();
  const n = points.length;
  const sx = (i: number) => PAD.l + (n <= 1 ? (W - PAD.l - PAD.r) / 2 : (i / (n - 1)) * (W - PAD.l - PAD.r));
  const sy = (p: number) => PAD.t + (1 - p / 100) * (H - PAD.t - PAD.b);
  const path = (pick: (d: DrillTrendDatum) => number | null) =>
    points
      .map((d, i) => ({ i, v: pick(d) }))
      .filter((x): x is { i: number; v: number } => x.v !== null)
      .map((x, k) => `${k ? "L" : "M"}${sx(x.i).toFixed(1)},${sy(x.v).toFixed(1)}`)
      .join(" ");
  const series = [
    {
      key: "prone",
      color: "#b91c1c",
      label: t("phr.trend.legendProne"),
      pick: (d: DrillTrendDatum) => d.prone,
    },
    {
      key: "report",
      color: "#15803d",
      label: t("phr.trend.legendReport"),
      pick: (d: DrillTrendDatum) => d.report,
    },
  ];
  return (
    <figure className="space-y-1">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full max-w-3xl"
        role="img"
        aria-label={t("phr.trend.chart")}
      >
        {[0, 25, 50, 75, 100].map((p) => (
          <g key={p}>
            <line x1={PAD.l} x2={W - PAD.r} y1={sy(p)} y2={sy(p)} stroke="#e2e8f0" />
            <text x={PAD.l - 6} y={sy(p) + 4} fontSize={12} textAnchor="end" fill="#475569">
              {p}
            </text>
          </g>
        ))}
        {series.map((s) => (
          <g key={s.key}>
            <path d={path(s.pick)} fill="none" stroke={s.color} strokeWidth="2.5" />
            {points.map((d, i) => {
              const v = s.pick(d);
              return v === null ? null : (
                <circle key={i} cx={sx(i)} cy={sy(v)} r={3.5} fill={s.color} data-testid={`trend-${s.key}`}>
                  <title>{`${d.label}: ${v.toFixed(1)}%`}</title>
                </circle>
              );
            })}
          </g>
        ))}
        {points.map((d, i) =>
          n <= 8 || i % Math.ceil(n / 8) === 0 || i === n - 1 ? (
            <text
              key={i}
              x={sx(i)}
              y={H - 8}
              fontSize={12}
              textAnchor={i === n - 1 && n > 1 ? "end" : i === 0 && n > 1 ? "start" : "middle"}
              fill="#475569"
            >
              {d.label}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption className="flex gap-4 text-xs">
        {series.map((s) => (
          <span key={s.key} className="flex items-center gap-1">
            <span className="inline-block h-0.5 w-4" style={{ backgroundColor: s.color }} /> {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
