// One vocabulary and one palette for landing outcomes, shared by every chart and page.
import type { Row } from "./parquet.js";

/** A launch's recovery outcome, from the launches table's per-launch landing counts. */
export type LaunchOutcome = "landed" | "partly landed" | "failed" | "no attempt";

export function launchOutcome(launch: Row): LaunchOutcome {
  const attempts = Number(launch.landing_attempts ?? 0);
  const successes = Number(launch.landing_successes ?? 0);
  if (attempts === 0) return "no attempt";
  if (successes === attempts) return "landed";
  return successes > 0 ? "partly landed" : "failed";
}

export const launchOutcomeColor = {
  domain: ["landed", "partly landed", "failed", "no attempt"],
  range: ["var(--theme-foreground-focus)", "var(--theme-yellow)", "var(--theme-red)", "var(--theme-foreground-faint)"]
};

/** A core's recovery outcome, from the landings table's landing_outcome vocabulary. */
export const coreOutcomeColor = {
  domain: ["landed", "failed", "ocean touchdown", "ocean failed", "expended", "no attempt", "unknown"],
  range: [
    "var(--theme-foreground-focus)",
    "var(--theme-red)",
    "var(--theme-yellow)",
    "#c47b3a",
    "var(--theme-foreground-muted)",
    "var(--theme-foreground-faint)",
    "var(--theme-foreground-fainter)"
  ]
};

/** Landing types as the data names them, and as a reader says them. */
export const landingTypeName: Record<string, string> = {
  RTLS: "ground pad (RTLS)",
  ASDS: "drone ship (ASDS)",
  Ocean: "ocean (no recovery)"
};

export function percent(part: number, whole: number, digits = 0): string {
  return whole === 0 ? "–" : `${((part / whole) * 100).toFixed(digits)}%`;
}

/** Falcon booster versions in the order they first flew; unknown last. */
export const versionOrder = ["F9 v1.0", "F9 v1.1", "F9 FT", "F9 B4", "F9 B5", "FH", "FH B5", "unknown"];

export function byVersion(a: string, b: string): number {
  const rank = (v: string) => (versionOrder.includes(v) ? versionOrder.indexOf(v) : versionOrder.length - 1.5);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/**
 * Where no recorded source covers the calendar: each source (the launches table's date_source)
 * covers the span from its first to its last launch, and a stretch of `days` or more outside every
 * source's span is a gap in the data, not a pause in launches.
 */
export function coverageGaps(launches: Row[], days = 30): { from: Date; to: Date; days: number }[] {
  const spans = new Map<string, [number, number]>();
  for (const d of launches) {
    const source = String(d.date_source ?? "unknown");
    const t = +(d.date_utc as Date);
    const span = spans.get(source);
    spans.set(source, span ? [Math.min(span[0], t), Math.max(span[1], t)] : [t, t]);
  }
  const sorted = [...spans.values()].sort((a, b) => a[0] - b[0]);
  const gaps = [];
  let coveredTo = sorted[0]?.[1] ?? 0;
  for (const [start, end] of sorted.slice(1)) {
    const span = (start - coveredTo) / 86_400_000;
    if (span >= days) gaps.push({ from: new Date(coveredTo), to: new Date(start), days: Math.round(span) });
    coveredTo = Math.max(coveredTo, end);
  }
  return gaps;
}
