import * as Plot from "./guarded-plot.js";
import { ink, outcomeHue } from "./palette.js";
import { naturalFrequency } from "../facts/format.js";

export interface FailureForecast {
  failure: number;
  failureLow: number;
  failureHigh: number;
}

/**
 * The chance of a failed landing on a log axis read as "1 in N": the 95% interval as a band in the
 * failure hue, the estimate as a tick. A log axis because the interval spans a factor of ten or more.
 */
export function ForecastBand(f: FailureForecast, { width }: { width: number }) {
  const low = 10 ** Math.floor(Math.log10(f.failureLow));
  const high = 10 ** Math.ceil(Math.log10(f.failureHigh));
  const ticks = [] as number[];
  for (let t = low; t <= high * 1.0001; t *= 10) ticks.push(t);
  return Plot.plot({
    width,
    height: 64,
    marginLeft: 36,
    marginRight: 36,
    marginTop: 6,
    x: { type: "log", domain: [low, high], ticks, tickFormat: (p: number) => `1 in ${Math.round(1 / p).toLocaleString("en-US")}`, label: null },
    y: { axis: null },
    marks: [
      Plot.barX([f], { x1: "failureLow", x2: "failureHigh", fill: outcomeHue.failed, fillOpacity: 0.35, insetTop: 6, insetBottom: 6, title: (d: FailureForecast) => `95% interval: ${naturalFrequency(d.failureHigh)} to ${naturalFrequency(d.failureLow)}` }),
      Plot.tickX([f], { x: "failure", stroke: ink.strong, strokeWidth: 3 })
    ]
  });
}
