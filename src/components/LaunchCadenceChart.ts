import { Plot } from "./plot.js";
import { launchOutcome, launchOutcomeColor } from "./outcomes.js";
import type { Row } from "./parquet.js";

/** Launches per year, each stacked by what became of its first stage(s). */
export function LaunchCadenceChart(launches: Row[], { width, ...options }: { width: number } & Record<string, unknown>) {
  const rows = launches.map((d) => ({ year: (d.date_utc as Date).getUTCFullYear(), outcome: launchOutcome(d), name: d.name }));
  return Plot.plot({
    width,
    height: 280,
    x: { label: null, tickFormat: "d", interval: 1 },
    y: { label: "Launches", grid: true },
    color: { ...launchOutcomeColor, legend: true },
    marks: [
      Plot.barY(rows, Plot.groupX({ y: "count" }, { x: "year", fill: "outcome", order: launchOutcomeColor.domain, tip: true })),
      Plot.ruleY([0])
    ],
    ...options
  });
}
