import * as Plot from "./guarded-plot.js";
import { byVersion, launchOutcome, launchOutcomeColor } from "./outcomes.js";
import { boosterVersionHue, colorScale, ink } from "./palette.js";
import { jitter } from "./OutcomeStripChart.js";
import { missionLabel } from "./missions.js";
import type { Row } from "./parquet.js";

/**
 * Payload mass against landing outcome, one dot per launch, coloured by booster version: the
 * capstone dashboard's scatter, with the outcome as rows instead of a 0/1 axis.
 */
export function PayloadOutcomeChart(launches: Row[], { width, colorBy = "version", ...options }: { width: number; colorBy?: string } & Record<string, unknown>) {
  const order = launchOutcomeColor.domain;
  const rows = launches
    .filter((d) => d.payload_mass_kg !== null)
    .map((d) => ({ ...d, outcome: launchOutcome(d), row: order.indexOf(launchOutcome(d)) + jitter(String(d.launch_id)) * 0.28 }));
  return Plot.plot({
    width,
    height: 300,
    marginLeft: 100,
    x: { label: "Payload mass (kg) →", grid: true },
    y: { label: null, domain: [order.length - 0.5, -0.5], ticks: order.map((_, i) => i), tickFormat: (i: number) => order[i], tickSize: 0 },
    // Coloured by booster version (violets), never an outcome hue: the outcome is the row.
    color: { legend: true, label: colorBy, ...colorScale(boosterVersionHue, [...new Set(rows.map((d) => String((d as Row)[colorBy] ?? "unknown")).sort(byVersion))]) },
    marks: [
      Plot.gridY(order.map((_, i) => i), { strokeOpacity: 0.06, strokeWidth: 40 }),
      Plot.dot(rows, {
        x: "payload_mass_kg",
        y: "row",
        fill: (d: Row) => d[colorBy] ?? "unknown",
        r: 4,
        stroke: ink.background,
        strokeWidth: 0.5,
        channels: { launch: (d: Row) => missionLabel(d.name), outcome: "outcome", date: (d: Row) => (d.date_utc as Date).toISOString().slice(0, 10) },
        tip: { format: { y: false } }
      })
    ],
    ...options
  });
}
