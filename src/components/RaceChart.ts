import type { RacePoint } from "../ml/forecast.js";
import { REFERENCE_TITLES } from "../ml/forecast.js";
import { Plot } from "./plot.js";

const SERIES = [
  { key: "model", title: "Model" },
  { key: "baseRate", title: REFERENCE_TITLES.baseRate },
  { key: "recentRate", title: REFERENCE_TITLES.recentRate },
  { key: "era", title: REFERENCE_TITLES.era }
] as const;

/** The race: cumulative mean log loss over time for the model and each reference (lower is better). */
export function RaceChart(race: RacePoint[], { width, recentN }: { width: number; recentN?: number }) {
  const titles = SERIES.map((s) => (s.key === "recentRate" && recentN ? s.title.replace("last N", `last ${recentN}`) : s.title));
  const points = race.flatMap((r) => SERIES.map((s, i) => ({ date: new Date(r.time), series: titles[i]!, logLoss: r[s.key], n: r.n, failures: r.failures })));
  return Plot.plot({
    width,
    height: Math.min(320, Math.max(220, width * 0.45)),
    x: { label: null, ticks: Math.max(3, Math.floor(width / 110)) },
    y: { label: "↑ Cumulative log loss (lower is better)", grid: true, zero: true },
    color: { legend: true, domain: titles, range: ["var(--theme-foreground-focus)", "#999", "#c69c3a", "#7a5195"] },
    marks: [
      Plot.line(points, { x: "date", y: "logLoss", stroke: "series", strokeWidth: (d: { series: string }) => (d.series === "Model" ? 2.5 : 1.5), curve: "step-after" }),
      Plot.tip(points, Plot.pointerX({ x: "date", y: "logLoss", stroke: "series", title: (d: { date: Date; series: string; logLoss: number; n: number; failures: number }) => `${d.date.toISOString().slice(0, 7)} · ${d.series}\nlog loss ${d.logLoss.toFixed(4)} over ${d.n} cores (${d.failures} failures)` }))
    ]
  });
}
