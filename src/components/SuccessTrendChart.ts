import * as Plot from "./guarded-plot.js";
import { ink, outcomeHue } from "./palette.js";

export interface YearTally {
  year: number;
  attempts: number;
  landed: number;
}

/** The share of landing attempts that succeeded, year by year; dot area is the number of attempts. */
export function SuccessTrendChart(data: YearTally[], { width, ...options }: { width: number } & Record<string, unknown>) {
  const rows = data.filter((d) => d.attempts > 0).map((d) => ({ ...d, rate: d.landed / d.attempts }));
  return Plot.plot({
    width,
    height: 260,
    x: { label: null, tickFormat: "d", ticks: rows.length },
    y: { label: "Landing success rate", domain: [0, 1], tickFormat: "%", grid: true },
    r: { range: [2, 9], label: "Attempts" },
    marks: [
      Plot.lineY(rows, { x: "year", y: "rate", stroke: outcomeHue.landed, curve: "linear" }),
      Plot.dot(rows, { x: "year", y: "rate", r: "attempts", fill: outcomeHue.landed, tip: true, channels: { landed: "landed" } }),
      Plot.ruleY([0])
    ],
    ...options
  });
}
