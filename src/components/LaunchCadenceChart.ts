import * as Plot from "./guarded-plot.js";
import { ink } from "./palette.js";
import { launchOutcome, launchOutcomeColor } from "./outcomes.js";
import type { Row } from "./parquet.js";
import { yearCoverage } from "./coverage.js";

/** The chart's height in px, for a slot that holds its place until it is drawn (below-fold.ts). */
export const launchCadenceHeight = 280;

/** Launches per year, each stacked by what became of its first stage(s); a year the recordings cover only in part is marked. */
export function LaunchCadenceChart(launches: Row[], { width, ...options }: { width: number } & Record<string, unknown>) {
  const rows = launches.map((d) => ({ year: (d.date_utc as Date).getUTCFullYear(), outcome: launchOutcome(d), name: d.name }));
  const totals = new Map<number, number>();
  for (const r of rows) totals.set(r.year, (totals.get(r.year) ?? 0) + 1);
  const partial = yearCoverage(launches)
    .filter((y) => y.partial)
    .map((y) => ({ year: y.year, launches: totals.get(y.year) ?? 0, note: `partial year: recordings cover ${y.note}` }));
  return Plot.plot({
    width,
    height: launchCadenceHeight,
    x: { label: null, tickFormat: "d", interval: 1 },
    y: { label: "Launches", grid: true },
    color: { ...launchOutcomeColor, legend: true },
    marks: [
      Plot.barY(rows, Plot.groupX({ y: "count" }, { x: "year", fill: "outcome", order: launchOutcomeColor.domain, tip: true })),
      // Partial years: an outline to the top of the bar and a label, the covered dates in the tip.
      Plot.barY(partial, { x: "year", y: "launches", fill: "none", stroke: ink.strong, strokeDasharray: "3,2" }),
      Plot.text(partial, { x: "year", y: "launches", text: () => "partial", dy: -8, fill: ink.muted, fontSize: 10, channels: { covered: "note" }, tip: true }),
      Plot.ruleY([0])
    ],
    ...options
  });
}
