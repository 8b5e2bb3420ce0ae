import type { Confusion } from "../ml/metrics.js";
import * as Plot from "./guarded-plot.js";
import { countRamp } from "./palette.js";

/** Confusion matrix at probability 0.5: counts per actual × predicted outcome. */
export function ConfusionMatrixChart(c: Confusion, { width, ...options }: { width: number } & Record<string, unknown>) {
  const cells = [
    { actual: "landed", predicted: "landed", count: c.tp },
    { actual: "landed", predicted: "failed", count: c.fn },
    { actual: "failed", predicted: "landed", count: c.fp },
    { actual: "failed", predicted: "failed", count: c.tn }
  ];
  return Plot.plot({
    width: Math.min(width, 360),
    height: 240,
    marginLeft: 70,
    x: { label: "Predicted", domain: ["landed", "failed"] },
    y: { label: "Actual", domain: ["landed", "failed"] },
    // Counts in grey: a blue or red cell would read as "landed" or "failed" whatever it counts.
    color: { type: "log", range: countRamp },
    marks: [
      Plot.cell(cells, { x: "predicted", y: "actual", fill: (d: { count: number }) => Math.max(1, d.count) }),
      Plot.text(cells, { x: "predicted", y: "actual", text: "count", fontSize: 18, fill: (d: { count: number }) => (d.count > Math.max(c.tp, c.fn, c.fp, c.tn) / 3 ? "white" : "black") })
    ],
    ...options
  });
}
