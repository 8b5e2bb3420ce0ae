import type { RocPoint } from "../ml/metrics.js";
import * as Plot from "./guarded-plot.js";
import { ink } from "./palette.js";

/** ROC curve of pooled test predictions, with the diagonal a coin flip (and the baseline) draws. */
export function RocChart(points: RocPoint[] | null, { width, auc, ...options }: { width: number; auc?: number | null } & Record<string, unknown>) {
  if (!points) return Plot.plot({ width, height: 120, marks: [Plot.text(["No ROC curve: the test rows hold only one class (no failures to rank)."], { frameAnchor: "middle" })] });
  return Plot.plot({
    width,
    height: Math.min(360, width),
    aspectRatio: 1,
    x: { label: "False positive rate (failures predicted to land)", domain: [0, 1] },
    y: { label: "True positive rate (landings predicted)", domain: [0, 1], grid: true },
    marks: [
      Plot.line([[0, 0], [1, 1]], { stroke: "currentColor", strokeOpacity: 0.3, strokeDasharray: "4,4" }),
      Plot.line(points, { x: "fpr", y: "tpr", curve: "step-after", stroke: ink.strong, strokeWidth: 2 }),
      Plot.dot(points, { x: "fpr", y: "tpr", r: 2, fill: ink.strong, tip: true, title: (d: RocPoint) => `threshold ${d.threshold.toFixed(3)}\nFPR ${d.fpr.toFixed(3)}, TPR ${d.tpr.toFixed(3)}` }),
      auc != null ? Plot.text([`ROC-AUC ${auc.toFixed(3)}`], { frameAnchor: "bottom-right", dx: -8, dy: -8 }) : null
    ],
    ...options
  });
}
