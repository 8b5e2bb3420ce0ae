import * as Plot from "./guarded-plot.js";
import { ink, outcomeHue } from "./palette.js";

export interface LandingTally {
  key: string;
  attempts: number;
  landed: number;
}

/** The chart's height in px, for a slot that holds its place until it is drawn (below-fold.ts). */
export const landingSuccessHeight = (data: LandingTally[]) => 26 * data.filter((d) => d.attempts > 0).length + 50;

/**
 * Landing success rate per group (orbit, block, landing type…) as horizontal bars, each labelled
 * with its count so a 100% from two attempts does not read like a 100% from two hundred.
 */
export function LandingSuccessChart(data: LandingTally[], { width, label = null, ...options }: { width: number; label?: string | null } & Record<string, unknown>) {
  const rows = data.filter((d) => d.attempts > 0).map((d) => ({ ...d, rate: d.landed / d.attempts }));
  return Plot.plot({
    width,
    height: landingSuccessHeight(data),
    marginLeft: 130,
    marginRight: 70,
    x: { label: "Landing success rate", domain: [0, 1], tickFormat: "%", grid: true },
    y: { label, domain: rows.sort((a, b) => b.rate - a.rate || b.attempts - a.attempts).map((d) => d.key) },
    marks: [
      Plot.barX(rows, { x: 1, y: "key", fill: ink.faintest }),
      Plot.barX(rows, { x: "rate", y: "key", fill: outcomeHue.landed, tip: true, channels: { attempts: "attempts", landed: "landed" } }),
      Plot.text(rows, { x: 1, y: "key", text: (d) => `${d.landed} of ${d.attempts}`, textAnchor: "start", dx: 6, fill: ink.muted })
    ],
    ...options
  });
}
