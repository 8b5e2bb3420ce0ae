import * as Plot from "./guarded-plot.js";
import { launchOutcomeColor } from "./outcomes.js";
import { jitter } from "./OutcomeStripChart.js";
import type { Row } from "./parquet.js";

/** A weather measure against the landing outcome, one dot per launch that has weather. */
export function WeatherOutcomeChart(rows: Row[], { width, x, label, ...options }: { width: number; x: string; label: string } & Record<string, unknown>) {
  const order = launchOutcomeColor.domain.filter((o) => rows.some((d) => d.outcome === o));
  const data = rows.filter((d) => d[x] !== null).map((d) => ({ ...d, row: order.indexOf(d.outcome as string) + jitter(String(d.launch_id)) * 0.25 }));
  return Plot.plot({
    width,
    height: 60 + 34 * order.length,
    marginLeft: 100,
    x: { label, grid: true },
    y: { label: null, domain: [order.length - 0.5, -0.5], ticks: order.map((_, i) => i), tickFormat: (i: number) => order[i], tickSize: 0 },
    color: launchOutcomeColor,
    marks: [
      Plot.gridY(order.map((_, i) => i), { strokeOpacity: 0.06, strokeWidth: 28 }),
      Plot.dot(data, { x, y: "row", fill: "outcome", r: 3.5, channels: { launch: "name" }, tip: { format: { y: false } } })
    ],
    ...options
  });
}
