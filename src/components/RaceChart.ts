import type { RacePoint } from "../ml/forecast.js";
import * as Plot from "./guarded-plot.js";
import { ink, seriesHue } from "./palette.js";

type Series = "model" | "era" | "recentRate" | "baseRate";
const ORDER: Series[] = ["model", "era", "recentRate", "baseRate"];

/** The chart's height in px, for a slot that holds its place until it is drawn (below-fold.ts). */
export const raceChartHeight = 300;

/**
 * The month-by-month race: mean log loss of every prediction made so far, for the model and each
 * reference, at the end of each month. A line that drops below the others is where that
 * predictor earned its edge; the dashed rules mark months with a failure.
 */
export function RaceChart(race: readonly RacePoint[], { width, titles, modelLabel = "Published model" }: { width: number; titles: Record<Exclude<Series, "model">, string>; modelLabel?: string }) {
  const label = (key: Series) => (key === "model" ? modelLabel : titles[key]);
  const points = race.flatMap((p) => ORDER.map((key) => ({ date: new Date(p.time), series: label(key), logLoss: p[key], n: p.n, failures: p.failures, round: p.round })));
  const failureMonths = race.filter((p, i) => p.failures > (i ? race[i - 1]!.failures : 0)).map((p) => ({ date: new Date(p.time) }));
  return Plot.plot({
    width,
    height: raceChartHeight,
    marginLeft: 50,
    x: { label: "Month predicted", type: "utc" },
    y: { label: "Cumulative mean log loss (lower is better)", grid: true, zero: true },
    color: { legend: true, domain: ORDER.map(label), range: ORDER.map((key) => seriesHue[key]) },
    marks: [
      Plot.ruleX(failureMonths, { x: "date", stroke: ink.muted, strokeOpacity: 0.6, strokeDasharray: "2,3" }),
      Plot.line(points, { x: "date", y: "logLoss", stroke: "series", strokeWidth: 2 }),
      Plot.tip(points, Plot.pointerX({ x: "date", y: "logLoss", stroke: "series", title: (d: { round: string; series: string; logLoss: number; n: number; failures: number }) => `${d.round}: ${d.series}\nmean log loss ${d.logLoss.toFixed(4)} over ${d.n} cores (${d.failures} failed)` })),
      Plot.ruleY([0])
    ]
  });
}
