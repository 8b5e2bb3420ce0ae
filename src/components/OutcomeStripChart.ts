import * as Plot from "./guarded-plot.js";
import { launchOutcome, launchOutcomeColor } from "./outcomes.js";
import { missionLabel } from "./missions.js";
import { ink } from "./palette.js";
import type { Row } from "./parquet.js";

export interface OutcomeStripOptions {
  width: number;
  /** Numeric column on the x axis (flight_number, payload_mass_kg…). */
  x: string;
  /** Category column on the y axis (site, orbit…). */
  y: string;
  xLabel?: string;
  yLabel?: string | null;
  /** How a category is named on the axis and in the tip (padLabel, orbitLabel…). */
  yFormat?: (value: unknown) => string;
  /** How a category is named in the tip; default: as on the axis. */
  yTip?: (value: unknown) => string;
  [option: string]: unknown;
}

/**
 * One dot per launch: a number across, a category down, coloured by the landing outcome. The
 * capstone's "flight number vs launch site" and "payload vs orbit" scatter plots, with the
 * categories sorted by how many launches they had.
 */
export function OutcomeStripChart(launches: Row[], { width, x, y, xLabel, yLabel = null, yFormat = String, yTip = yFormat, ...options }: OutcomeStripOptions) {
  const rows = launches.filter((d) => d[x] !== null && d[x] !== undefined && d[y] !== null && d[y] !== undefined).map((d): Row => ({ ...d, outcome: launchOutcome(d) }));
  const categories = new Set(rows.map((d) => d[y]));
  const order = [...categories].sort((a, b) => count(rows, y, b) - count(rows, y, a));
  const index = new Map(order.map((category, i) => [category, i]));
  // The left margin fits the longest axis label, so a phone keeps most of its width for the dots,
  // and the x axis asks for a tick every 70 px or so (at least three) whatever the width.
  const marginLeft = Math.min(120, 12 + 7 * Math.max(...order.map((c) => yFormat(c).length), 3));
  const marginRight = 16;
  const plotWidth = Math.max(width, marginLeft + marginRight + 120) - marginLeft - marginRight;
  return Plot.plot({
    width,
    height: 36 * order.length + 70,
    marginLeft,
    marginRight,
    x: { label: xLabel ?? x, grid: true, ticks: Math.max(3, Math.floor(plotWidth / 70)) },
    // Categories sit at whole numbers; a fixed jitter per launch spreads its dots across the band.
    y: { label: yLabel, domain: [order.length - 0.5, -0.5], ticks: order.map((_, i) => i), tickFormat: (i: number) => yFormat(order[i]), tickSize: 0 },
    color: { ...launchOutcomeColor, legend: true },
    marks: [
      Plot.gridY(order.map((_, i) => i), { strokeOpacity: 0.06, strokeWidth: 28 }),
      Plot.dot(rows, {
        x,
        y: (d: Row) => index.get(d[y])! + jitter(String(d.launch_id)) * 0.3,
        r: 3.5,
        fill: "outcome",
        stroke: ink.background,
        strokeWidth: 0.5,
        channels: { launch: (d: Row) => missionLabel(d.name), date: (d: Row) => (d.date_utc as Date).toISOString().slice(0, 10), [y]: (d: Row) => yTip(d[y]) },
        tip: { format: { y: false } }
      })
    ],
    ...options
  });
}

function count(rows: Row[], key: string, value: unknown): number {
  return rows.reduce((n, d) => n + (d[key] === value ? 1 : 0), 0);
}

/** A number in [-1, 1] that depends only on the key. */
export function jitter(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return ((h >>> 0) / 0xffffffff) * 2 - 1;
}
