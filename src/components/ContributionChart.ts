import { Plot } from "./plot.js";

export interface Contribution {
  column: string;
  /** Change in log-odds of landing against the average training core. */
  logit: number;
}

/** What moved a logistic-regression prediction: each encoded column's push on the log-odds. */
export function ContributionChart(items: Contribution[], { width, ...options }: { width: number } & Record<string, unknown>) {
  return Plot.plot({
    width,
    height: 22 * items.length + 50,
    marginLeft: 220,
    x: { label: "← towards failure · log-odds of landing · towards landing →", grid: true },
    y: { label: null, domain: items.map((d) => d.column) },
    marks: [
      Plot.barX(items, { x: "logit", y: "column", fill: (d: Contribution) => (d.logit >= 0 ? "var(--theme-foreground-focus)" : "var(--theme-red)"), tip: true }),
      Plot.ruleX([0])
    ],
    ...options
  });
}
