import * as Plot from "./guarded-plot.js";
import { ink } from "./palette.js";
import { coreOutcomeColor } from "./outcomes.js";
import type { Row } from "./parquet.js";
import { boosterHref } from "./booster-link.js";

// Each dot opens its booster's history.
const href = (d: Row) => (d.booster_serial ? boosterHref(String(d.booster_serial)) : null);

/** Every core flight: when it flew and how many times that core had flown, coloured by outcome. */
export function ReuseChart(landings: Row[], { width, ...options }: { width: number } & Record<string, unknown>) {
  const rows = landings.filter((d) => d.core_flight !== null);
  return Plot.plot({
    width,
    height: 320,
    x: { label: null, type: "utc" },
    y: { label: "This core's flight number", grid: true },
    color: { ...coreOutcomeColor, legend: true },
    marks: [
      Plot.dot(rows, {
        x: "date_utc",
        y: "core_flight",
        fill: "landing_outcome",
        r: 2.6,
        channels: { booster: "booster_serial", block: "block" },
        href,
        tip: true
      })
    ],
    ...options
  });
}

/** How many reflights the turnaround chart's running median spans. */
export const TURNAROUND_WINDOW = 25;

/** Days between a core's flights, over time, with the running median of the last TURNAROUND_WINDOW reflights. */
export function TurnaroundChart(landings: Row[], { width, ...options }: { width: number } & Record<string, unknown>) {
  const rows = landings.filter((d) => d.days_since_previous_flight !== null && (d.days_since_previous_flight as number) > 0).sort((a, b) => +(a.date_utc as Date) - +(b.date_utc as Date));
  return Plot.plot({
    width,
    height: 300,
    x: { label: null, type: "utc" },
    y: { label: "Days since this core last flew", type: "log", grid: true, tickFormat: "~s" },
    marks: [
      Plot.dot(rows, { x: "date_utc", y: "days_since_previous_flight", r: 2, fill: ink.faint, channels: { booster: "booster_serial", flight: "core_flight" }, href, tip: true }),
      Plot.lineY(rows, Plot.windowY({ k: TURNAROUND_WINDOW, reduce: "median", anchor: "end" }, { x: "date_utc", y: "days_since_previous_flight", stroke: ink.strong, strokeWidth: 2 }))
    ],
    ...options
  });
}
