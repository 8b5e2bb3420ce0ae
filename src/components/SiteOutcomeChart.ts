import * as Plot from "./guarded-plot.js";
import { launchOutcome, launchOutcomeColor } from "./outcomes.js";
import { padLabel } from "./pads.js";
import type { Row } from "./parquet.js";

/** Launches per pad, stacked by landing outcome: how many flew from each site, and how they came back. */
export function SiteOutcomeChart(launches: Row[], { width, site = "pad", ...options }: { width: number; site?: string } & Record<string, unknown>) {
  const rows = launches.map((d) => ({ site: padLabel(d[site]), outcome: launchOutcome(d) }));
  return Plot.plot({
    width,
    height: 40 * new Set(rows.map((d) => d.site)).size + 80,
    marginLeft: 110,
    x: { label: "Launches", grid: true },
    y: { label: null },
    color: { ...launchOutcomeColor, legend: true },
    marks: [
      Plot.barX(rows, Plot.groupY({ x: "count" }, { y: "site", fill: "outcome", order: launchOutcomeColor.domain, sort: { y: "-x" }, tip: true })),
      Plot.ruleX([0])
    ],
    ...options
  });
}
