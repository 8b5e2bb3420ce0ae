import * as Plot from "./guarded-plot.js";
import { boosterVersionHue, colorScale, ink, outcomeHue } from "./palette.js";
import { share } from "../facts/format.js";
import type { HazardRow } from "../ml/hazard.js";
import { boosterHref } from "./booster-link.js";

/** The eras the hazard chart compares: every block, and Block 5 alone (the boosters flown today). */
export const HAZARD_ERA_HUE: Record<string, string> = { "All blocks": ink.strong, "Block 5": boosterVersionHue["F9 B5"]! };

/** Failure rate by core flight band: the posterior mean as a dot, its 95% interval as a rule, one per era. */
export function HazardChart(rows: readonly HazardRow[], { width, bands }: { width: number; bands: readonly string[] }) {
  return Plot.plot({
    width,
    height: 280,
    marginLeft: 48,
    fx: { domain: bands, label: "Flight of the core →", padding: 0.1 },
    x: { axis: null, domain: Object.keys(HAZARD_ERA_HUE), padding: 0.3 },
    y: { label: "Recovery attempts that failed", tickFormat: (p: number) => share(p, 0), grid: true, domain: [0, Math.max(...rows.map((r) => r.high))], nice: true },
    color: { ...colorScale(HAZARD_ERA_HUE, Object.keys(HAZARD_ERA_HUE)), legend: true },
    marks: [
      Plot.ruleX(rows, { fx: "band", x: "era", y1: "low", y2: "high", stroke: "era", strokeWidth: 2 }),
      Plot.dot(rows, { fx: "band", x: "era", y: "rate", fill: "era", r: 4, tip: true, title: (r: HazardRow) => `Flight ${r.band}, ${r.era}: ${r.failures} failed of ${r.attempts}; ${share(r.rate, 1)} (95% interval ${share(r.low, 1)} to ${share(r.high, 1)})` }),
      Plot.ruleY([0])
    ]
  });
}

export interface FlightEvent {
  date_utc: Date;
  core_flight: number;
  booster_serial: string | null;
  /** "landed" or "failed", the recovery attempt's outcome. */
  outcome: string;
  /** What a source says happened after the landing (landings.after_landing), or null. */
  after_landing: string | null;
  /** A reviewed account of how the landing failed or the core was lost (landings.landing_account), or null. */
  landing_account?: string | null;
}

/**
 * Every recovery attempt by date and flight of its core; the failures and the losses after landing
 * stand out, each one beyond a core's first flight named by its booster and flight; the tip gives what
 * the record says (the source's own words for a loss after landing).
 */
export function FlightTimelineChart(events: readonly FlightEvent[], { width }: { width: number }) {
  // A core lost after landing did land (label 1): it wears the landed hue, ringed in ink.
  const kind = (e: FlightEvent) => e.outcome;
  const hues = { landed: outcomeHue.landed, failed: outcomeHue.failed };
  const marked = events.filter((e) => e.outcome === "failed" || e.after_landing);
  const named = marked.filter((e) => e.core_flight > 1 || e.after_landing);
  // A named booster's dot and label open its history.
  const href = (e: FlightEvent) => (e.booster_serial ? boosterHref(e.booster_serial) : null);
  const note = (e: FlightEvent) => `${e.booster_serial ?? "core"}, flight ${e.core_flight}: ${e.landing_account ?? e.after_landing ?? "landing failed (how: not recorded)"}`;
  return Plot.plot({
    width,
    height: 340,
    marginRight: 16,
    x: { label: null, type: "utc" },
    y: { label: "Flight of the core ↑", grid: true },
    color: { ...colorScale(hues, Object.keys(hues)), legend: true },
    marks: [
      Plot.dot(events.filter((e) => !(e.outcome === "failed" || e.after_landing)), { x: "date_utc", y: "core_flight", r: 1.6, fill: kind, fillOpacity: 0.5 }),
      Plot.dot(marked, { x: "date_utc", y: "core_flight", r: 5, fill: kind, stroke: (e: FlightEvent) => (e.after_landing ? ink.strong : ink.background), strokeWidth: (e: FlightEvent) => (e.after_landing ? 2.5 : 1), href, tip: true, title: note }),
      // Short names beside the dots (neighbours sit a flight apart); the source's words are in the tip and the text below the chart.
      Plot.text(named, { x: "date_utc", y: "core_flight", text: (e: FlightEvent) => `${e.booster_serial ?? "core"} #${e.core_flight}`, textAnchor: "end", dx: -8, fill: ink.strong, stroke: ink.background, strokeWidth: 3, href })
    ]
  });
}
