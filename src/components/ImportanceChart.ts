import type { Importance } from "../ml/evaluate.js";
import * as Plot from "./guarded-plot.js";
import { ink } from "./palette.js";

/** Permutation importance: how much the test log loss rises when one feature is shuffled. */
export function ImportanceChart(items: Importance[], { width, ...options }: { width: number } & Record<string, unknown>) {
  return Plot.plot({
    width,
    height: 24 * items.length + 50,
    marginLeft: 190,
    x: { label: "Rise in test log loss when shuffled (higher = the model leans on it)", grid: true },
    y: { label: null, domain: items.map((d) => d.feature) },
    marks: [
      Plot.barX(items, { x: "logLossIncrease", y: "feature", fill: (d: Importance) => (d.logLossIncrease >= 0 ? ink.strong : ink.muted), tip: true, title: (d: Importance) => `${d.feature}\nlog loss +${d.logLossIncrease.toFixed(4)}${d.aucDecrease === null ? "" : `\nROC-AUC −${d.aucDecrease.toFixed(4)}`}` }),
      Plot.ruleX([0])
    ],
    ...options
  });
}
