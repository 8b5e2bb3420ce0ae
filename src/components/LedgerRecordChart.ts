import * as Plot from "./guarded-plot.js";
import { ink, seriesHue } from "./palette.js";

/** One scored ledger entry: its lift-off, outcome, and the failure probabilities frozen with it. */
export interface ScoredEntry {
  liftOff: Date;
  label: number;
  /** Probability of landing from the model and from the two references frozen with it. */
  probability: number;
  baseRate: number;
  recentRate: number;
}

type Series = "model" | "recentRate" | "baseRate";
const ORDER: Series[] = ["model", "recentRate", "baseRate"];

/**
 * Calibration as the record accumulates: the failures the frozen forecasts expected so far (the
 * sum of their failure probabilities), for the model and each reference, against the failures
 * that happened. A well-calibrated forecast's line runs with the observed steps.
 */
export function LedgerRecordChart(scored: readonly ScoredEntry[], { width, titles }: { width: number; titles: Record<Series, string> }) {
  const sorted = [...scored].sort((a, b) => a.liftOff.getTime() - b.liftOff.getTime());
  const sums = { model: 0, recentRate: 0, baseRate: 0 };
  let observed = 0;
  const expected: { date: Date; series: string; failures: number; n: number }[] = [];
  const happened: { date: Date; failures: number }[] = [];
  sorted.forEach((d, i) => {
    sums.model += 1 - d.probability;
    sums.baseRate += 1 - d.baseRate;
    sums.recentRate += 1 - d.recentRate;
    observed += 1 - d.label;
    for (const key of ORDER) expected.push({ date: d.liftOff, series: titles[key], failures: sums[key], n: i + 1 });
    happened.push({ date: d.liftOff, failures: observed });
  });
  return Plot.plot({
    width,
    height: 220,
    marginLeft: 50,
    x: { label: "Lift-off of the scored forecast", type: "utc" },
    y: { label: "Failures so far: expected (lines) and observed (steps)", grid: true, zero: true },
    color: { legend: true, domain: ORDER.map((k) => titles[k]), range: ORDER.map((k) => seriesHue[k]) },
    marks: [
      // Observed failures in ink: the outcome hues belong to charts whose legend names outcomes.
      Plot.line(happened, { x: "date", y: "failures", curve: "step-after", stroke: ink.strong, strokeWidth: 2 }),
      Plot.line(expected, { x: "date", y: "failures", stroke: "series", strokeWidth: 2 }),
      Plot.tip(expected, Plot.pointerX({ x: "date", y: "failures", stroke: "series", title: (d: { series: string; failures: number; n: number }) => `${d.series}: ${d.failures.toFixed(2)} failures expected over ${d.n} scored forecasts` })),
      Plot.ruleY([0], { stroke: ink.muted })
    ]
  });
}
