// One vocabulary for landing outcomes, shared by every chart and page; their colours are palette.ts's.
import type { Row } from "./parquet.js";
import { colorScale, outcomeHue } from "./palette.js";

/** A launch's recovery outcome, from the launches table's per-launch landing counts. */
export type LaunchOutcome = "landed" | "partly landed" | "failed" | "no attempt";

export function launchOutcome(launch: Row): LaunchOutcome {
  const attempts = Number(launch.landing_attempts ?? 0);
  const successes = Number(launch.landing_successes ?? 0);
  if (attempts === 0) return "no attempt";
  if (successes === attempts) return "landed";
  return successes > 0 ? "partly landed" : "failed";
}

export const launchOutcomeColor = colorScale(outcomeHue, ["landed", "partly landed", "failed", "no attempt"]);

/** A core's recovery outcome, from the landings table's landing_outcome vocabulary. */
export const coreOutcomeColor = colorScale(outcomeHue, ["landed", "failed", "ocean touchdown", "ocean failed", "expended", "no attempt", "unknown"]);

/** Landing types as the data names them, and as a reader says them. */
export const landingTypeName: Record<string, string> = {
  RTLS: "ground pad (RTLS)",
  ASDS: "drone ship (ASDS)",
  Ocean: "ocean (no recovery)"
};

export { percent } from "../facts/format.js";

/** Falcon booster versions in the order they first flew; unknown last. */
export const versionOrder = ["F9 v1.0", "F9 v1.1", "F9 FT", "F9 B4", "F9 B5", "FH", "FH B5", "unknown"];

export function byVersion(a: string, b: string): number {
  const rank = (v: string) => (versionOrder.includes(v) ? versionOrder.indexOf(v) : versionOrder.length - 1.5);
  return rank(a) - rank(b) || a.localeCompare(b);
}
