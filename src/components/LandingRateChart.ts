import * as Plot from "./guarded-plot.js";
import { colorScale, outcomeHue } from "./palette.js";

export interface YearlyLandings {
  year: number;
  attempts: number;
  successes: number;
}

/** The chart's height in px, for a slot that holds its place until it is drawn (below-fold.ts). */
export const landingRateHeight = 300;

/** Landing attempts per year as bars, the landed and the failed in their outcome colours. */
export function LandingRateChart(data: YearlyLandings[], { width, ...options }: { width: number } & Record<string, unknown>) {
  const long = data.flatMap((d) => [
    { year: d.year, outcome: "landed", cores: d.successes },
    { year: d.year, outcome: "failed", cores: d.attempts - d.successes }
  ]);
  return Plot.plot({
    width,
    height: landingRateHeight,
    x: { label: null, tickFormat: "d", ticks: width < 640 ? data.map((d) => d.year).filter((_, i) => i % 2 === 0) : undefined },
    y: { label: "Cores attempting a landing", grid: true },
    color: { ...colorScale(outcomeHue, ["landed", "failed"]), legend: true },
    marks: [Plot.barY(long, { x: "year", y: "cores", fill: "outcome", tip: true }), Plot.ruleY([0])],
    ...options
  });
}
