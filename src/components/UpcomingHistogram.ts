import * as Plot from "./guarded-plot.js";
import { d3 } from "./plot.js";
import { outcomeHue } from "./palette.js";

export interface ScoredCore {
  probability: number;
  outcome: string;
}

/**
 * Predicted probabilities of landing, binned on the axis's own domain: the bins cover the whole
 * axis at a width a phone can show, so a cluster near 1 is one visible bar rather than hairlines.
 */
export function UpcomingHistogram(cores: ScoredCore[], { width }: { width: number }) {
  const lowest = Math.min(...cores.map((d) => d.probability));
  const start = Math.min(0.5, Math.floor(lowest * 20) / 20);
  const bins = Math.max(5, Math.min(20, Math.floor(width / 24)));
  const step = (1 - start) / bins;
  const thresholds = d3.range(bins + 1).map((i) => start + i * step);
  return Plot.plot({
    width,
    height: 240,
    x: { label: "Predicted probability of landing →", domain: [start, 1], tickFormat: (d: number) => `${Math.round(d * 100)}%`, ticks: Math.max(3, Math.floor(width / 90)) },
    y: { label: "↑ Cores", grid: true },
    color: { legend: true, domain: ["landed", "failed", "not known"], range: [outcomeHue.landed, outcomeHue.failed, outcomeHue.unknown] },
    marks: [Plot.rectY(cores, Plot.binX({ y: "count" }, { x: "probability", thresholds, domain: [start, 1], fill: "outcome", insetLeft: 1, insetRight: 1, tip: true } as never)), Plot.ruleY([0])]
  });
}
