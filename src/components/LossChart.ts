import * as Plot from "./guarded-plot.js";
import { ink } from "./palette.js";

/** Training loss per epoch (the last training set of the protocol). */
export function LossChart(history: number[], { width, ...options }: { width: number } & Record<string, unknown>) {
  const points = history.map((loss, i) => ({ epoch: i + 1, loss }));
  return Plot.plot({
    width,
    height: 200,
    x: { label: "Epoch" },
    y: { label: "Training loss (cross-entropy + L2)", grid: true, zero: true },
    marks: [Plot.line(points, { x: "epoch", y: "loss", stroke: ink.strong }), Plot.ruleY([0])],
    ...options
  });
}
