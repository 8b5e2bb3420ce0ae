import { share } from "../facts/format.js";
import type { CalibrationBin } from "../ml/metrics.js";
import * as Plot from "./guarded-plot.js";
import { ink } from "./palette.js";

/** Reliability diagram: observed landing rate per predicted-probability bin, with Wilson 95% intervals. */
export function CalibrationChart(bins: CalibrationBin[], { width, ...options }: { width: number } & Record<string, unknown>) {
  return Plot.plot({
    width,
    height: Math.min(360, width),
    x: { label: "Mean predicted probability of landing", domain: [0, 1] },
    y: { label: "Observed landing rate", domain: [0, 1], grid: true },
    r: { range: [2, 12] },
    marks: [
      Plot.line([[0, 0], [1, 1]], { stroke: "currentColor", strokeOpacity: 0.3, strokeDasharray: "4,4" }),
      Plot.ruleX(bins, { x: "meanPredicted", y1: "low", y2: "high", stroke: ink.muted }),
      Plot.dot(bins, { x: "meanPredicted", y: "observedRate", r: "count", fill: ink.strong, tip: true, title: (d: CalibrationBin) => `${d.count} cores predicted ${d.lower.toFixed(1)}–${d.upper.toFixed(1)}\nmean predicted ${d.meanPredicted.toFixed(3)}\nlanded ${share(d.observedRate, 1)} (95% CI ${(d.low * 100).toFixed(0)}–${(d.high * 100).toFixed(0)}%)` })
    ],
    ...options
  });
}
