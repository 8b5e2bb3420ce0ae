import * as Plot from "./guarded-plot.js";
import type { Row } from "./parquet.js";
import { ink, landingTypeHue } from "./palette.js";

/** The landing planned for the booster, as the telemetry page groups missions: landing types' colours. */
export const recoveryColor = {
  domain: ["ground pad (RTLS)", "drone ship (ASDS)", "ocean or expended"],
  range: [landingTypeHue["ground pad"], landingTypeHue["drone ship"], landingTypeHue.ocean]
};

export interface AscentOptions {
  width: number;
  /** velocity_ms or altitude_km */
  y: "velocity_ms" | "altitude_km";
  /** launch_id → recovery class (a recoveryColor.domain value) */
  recovery: Map<string, string>;
  /** The mission drawn on top, in the foreground colour. */
  highlight?: string | null;
  [option: string]: unknown;
}

/**
 * Every mission's first-stage curve against time since lift-off, coloured by where its booster
 * was to land; the highlighted mission is drawn on top with its MECO marked.
 */
export function AscentChart(series: Row[], { width, y, recovery, highlight = null, ...options }: AscentOptions) {
  const rows = series.map((d): Row => ({ ...d, recovery: recovery.get(d.launch_id as string) ?? "ocean or expended", value: y === "velocity_ms" ? (d.velocity_ms as number) * 3.6 : d.altitude_km }));
  const chosen = rows.filter((d) => d.mission === highlight);
  return Plot.plot({
    width,
    height: 320,
    x: { label: "Seconds after lift-off →", grid: true },
    y: { label: y === "velocity_ms" ? "↑ Speed (km/h)" : "↑ Altitude (km)", grid: true },
    color: { ...recoveryColor, legend: true },
    marks: [
      Plot.lineY(rows, { x: "time_s", y: "value", z: "mission", stroke: "recovery", strokeOpacity: 0.35, strokeWidth: 1 }),
      Plot.lineY(chosen, { x: "time_s", y: "value", stroke: ink.strong, strokeWidth: 2.5 }),
      Plot.tip(rows, Plot.pointer({ x: "time_s", y: "value", title: (d: Row) => `${d.mission}\n${d.recovery}\nT+${d.time_s} s: ${Math.round(d.value as number)} ${y === "velocity_ms" ? "km/h" : "km"}` }))
    ],
    ...options
  });
}

/** MECO speed against MECO altitude, one dot per mission, coloured by where the booster was to land. */
export function MecoChart(telemetry: Row[], { width, recovery, highlight = null, ...options }: { width: number; recovery: Map<string, string>; highlight?: string | null } & Record<string, unknown>) {
  const rows = telemetry.map((d): Row => ({ ...d, recovery: recovery.get(d.launch_id as string) ?? "ocean or expended", speed: (d.meco_velocity_ms as number) * 3.6 }));
  return Plot.plot({
    width,
    height: 320,
    x: { label: "Speed at MECO (km/h) →", grid: true },
    y: { label: "↑ Altitude at MECO (km)", grid: true },
    color: { ...recoveryColor, legend: true },
    marks: [
      Plot.dot(rows, { x: "speed", y: "meco_altitude_km", fill: "recovery", r: 5, stroke: ink.background, channels: { mission: "mission", "MECO (s)": "meco_time_s" }, tip: true }),
      Plot.dot(rows.filter((d) => d.mission === highlight), { x: "speed", y: "meco_altitude_km", r: 9, stroke: ink.strong, strokeWidth: 2 })
    ],
    ...options
  });
}
