import * as Plot from "./guarded-plot.js";
import { outcomeHue } from "./palette.js";

export interface Contribution {
  column: string;
  /** Change in log-odds of landing against the average training core. */
  logit: number;
}

/** What moved a logistic-regression prediction: each feature's push on the log-odds. */
export function ContributionChart(items: Contribution[], { width, ...options }: { width: number } & Record<string, unknown>) {
  // Labels take up to half the width; on a phone a long one is cut, the tip gives it whole.
  const marginLeft = Math.round(Math.min(300, width * 0.5));
  const chars = Math.floor(marginLeft / 6.2);
  return Plot.plot({
    width,
    height: 24 * items.length + 50,
    marginLeft,
    x: { label: "← towards failure · log-odds · towards landing →", grid: true, ticks: Math.max(3, Math.floor(width / 120)) },
    y: { label: null, domain: items.map((d) => d.column), tickFormat: (d: string) => (d.length > chars ? `${d.slice(0, chars - 1)}…` : d) },
    marks: [
      Plot.barX(items, { x: "logit", y: "column", fill: (d: Contribution) => (d.logit >= 0 ? outcomeHue.landed : outcomeHue.failed), tip: true, title: (d: Contribution) => `${d.column}\n${d.logit >= 0 ? "+" : ""}${d.logit.toFixed(3)} log-odds` }),
      Plot.ruleX([0])
    ],
    ...options
  });
}
