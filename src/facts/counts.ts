// One definition of each count the site states. Pages, the What-counts panel, the SQL page and the
// claims check (test/site/claims.browser.test.ts) all take their counts from here: each definition
// is a predicate over one table's rows and the same predicate as SQL, and a test checks that the
// two agree on the release.
//
// The vocabulary is the landings table's landing_outcome (data-loaders/datasets.ts); the label rule
// behind "landed" and "failed" is LABEL_RULE in data-loaders/normalize.ts.

type Row = Record<string, unknown>;

export interface CountDefinition {
  key: CountKey;
  /** How a page names it. */
  label: string;
  table: "launches" | "landings";
  /** One sentence a reader can check. */
  definition: string;
  /** The same predicate as a DuckDB WHERE clause over `table`. */
  where: string;
  test(row: Row): boolean;
}

export type CountKey =
  | "launches"
  | "heavyLaunches"
  | "cores"
  | "attempts"
  | "recoveryAttempts"
  | "landed"
  | "failed"
  | "oceanTouchdowns"
  | "oceanFailures"
  | "noAttempt"
  | "expended"
  | "unknown";

const outcome = (...values: string[]) => (row: Row) => values.includes(String(row.landing_outcome));
const sqlIn = (...values: string[]) => `landing_outcome IN (${values.map((v) => `'${v}'`).join(", ")})`;
const ATTEMPT = ["landed", "failed", "ocean touchdown", "ocean failed"];

export const COUNTS: Record<CountKey, CountDefinition> = {
  launches: {
    key: "launches",
    label: "Launches",
    table: "launches",
    definition: "A Falcon 9 or Falcon Heavy that left the pad. A vehicle lost before lift-off (Amos-6, 2016) is not a launch.",
    where: "TRUE",
    test: () => true
  },
  heavyLaunches: {
    key: "heavyLaunches",
    label: "Falcon Heavy launches",
    table: "launches",
    definition: "Launches of a Falcon Heavy (three first-stage cores each).",
    where: "rocket = 'Falcon Heavy'",
    test: (r) => r.rocket === "Falcon Heavy"
  },
  cores: {
    key: "cores",
    label: "First-stage cores flown",
    table: "landings",
    definition: "One per Falcon 9 launch, three per Falcon Heavy (a center core and two side boosters).",
    where: "TRUE",
    test: () => true
  },
  attempts: {
    key: "attempts",
    label: "Landing attempts",
    table: "landings",
    definition: "Cores that tried to land: on a landing zone, on a drone ship, or a controlled touchdown on the ocean.",
    where: sqlIn(...ATTEMPT),
    test: outcome(...ATTEMPT)
  },
  recoveryAttempts: {
    key: "recoveryAttempts",
    label: "Recovery attempts (labelled)",
    table: "landings",
    definition: "Landing attempts on a landing zone or a drone ship: the rows the models learn from (label 1 or 0).",
    where: sqlIn("landed", "failed"),
    test: outcome("landed", "failed")
  },
  landed: {
    key: "landed",
    label: "Landed",
    table: "landings",
    definition: "Touched down on a landing zone or drone ship and stood (label 1); a core lost afterwards still landed.",
    where: sqlIn("landed"),
    test: outcome("landed")
  },
  failed: {
    key: "failed",
    label: "Failed landings",
    table: "landings",
    definition: "A landing on a zone or ship was attempted and the core did not stand there (label 0).",
    where: sqlIn("failed"),
    test: outcome("failed")
  },
  oceanTouchdowns: {
    key: "oceanTouchdowns",
    label: "Ocean touchdowns",
    table: "landings",
    definition: "Controlled touchdowns on the ocean: tests, nothing recovered (no label).",
    where: sqlIn("ocean touchdown"),
    test: outcome("ocean touchdown")
  },
  oceanFailures: {
    key: "oceanFailures",
    label: "Failed ocean touchdowns",
    table: "landings",
    definition: "Ocean touchdown tests that did not come down under control (no label).",
    where: sqlIn("ocean failed"),
    test: outcome("ocean failed")
  },
  noAttempt: {
    key: "noAttempt",
    label: "No attempt",
    table: "landings",
    definition: "Cores flown with no landing planned, or whose planned landing a launch failure precluded (CRS-7).",
    where: sqlIn("no attempt"),
    test: outcome("no attempt")
  },
  expended: {
    key: "expended",
    label: "Expended",
    table: "landings",
    definition: "Cores flown without landing hardware or propellant to land, by design.",
    where: sqlIn("expended"),
    test: outcome("expended")
  },
  unknown: {
    key: "unknown",
    label: "Outcome not recorded",
    table: "landings",
    definition: "Cores whose landing outcome no recorded source gives.",
    where: sqlIn("unknown"),
    test: outcome("unknown")
  }
};

export function count(key: CountKey, rows: readonly Row[]): number {
  const test = COUNTS[key].test;
  let n = 0;
  for (const row of rows) if (test(row)) n++;
  return n;
}

/** The SQL that gives a count over the release, as the SQL page and the claims check run it. */
export function countSql(key: CountKey, extra = "TRUE"): string {
  const d = COUNTS[key];
  return `SELECT count(*)::INTEGER AS n FROM ${d.table} WHERE (${d.where}) AND (${extra})`;
}

/** The forecast's scored rows, from the model card: recovery attempts predicted month by month. */
export interface ForecastRows {
  n: number;
  failures: number;
  startYear: number;
}

export function forecastRows(card: { evaluation: Record<string, { metrics: { n: number; positives: number }; protocol: { kind: string; startYear?: number } }> }): ForecastRows | null {
  const e = Object.values(card.evaluation).find((v) => v.protocol.kind === "prequential");
  if (!e || e.protocol.startYear === undefined) return null;
  return { n: e.metrics.n, failures: e.metrics.n - e.metrics.positives, startYear: e.protocol.startYear };
}

export interface ReconciliationLine {
  key: CountKey | "forecast";
  label: string;
  value: number;
  /** How the line follows from the lines above it, or what it is. */
  equation: string;
  definition: string;
}

/**
 * Every count on one table, each line following from the ones above: the "What counts" panel.
 * Throws if the counts do not add up, so a page can never show a panel that contradicts itself.
 */
export function reconcile(launches: readonly Row[], landings: readonly Row[], forecast: ForecastRows | null, preflightLosses: readonly Row[] = []): ReconciliationLine[] {
  const n = Object.fromEntries((Object.keys(COUNTS) as CountKey[]).map((k) => [k, count(k, COUNTS[k].table === "launches" ? launches : landings)])) as Record<CountKey, number>;
  const check = (what: string, left: number, right: number) => {
    if (left !== right) throw new Error(`The counts do not add up: ${what} (${left} ≠ ${right}). A landing_outcome value outside src/facts/counts.ts's vocabulary?`);
  };
  check("cores = attempts + no attempt + expended + not recorded", n.cores, n.attempts + n.noAttempt + n.expended + n.unknown);
  check("attempts = recovery attempts + ocean touchdowns + failed ocean touchdowns", n.attempts, n.recoveryAttempts + n.oceanTouchdowns + n.oceanFailures);
  check("recovery attempts = landed + failed", n.recoveryAttempts, n.landed + n.failed);
  const line = (key: CountKey, equation: string): ReconciliationLine => ({ key, label: COUNTS[key].label, value: n[key], equation, definition: COUNTS[key].definition });
  const lost = preflightLosses.map((r) => String(r.name)).filter((v, i, a) => a.indexOf(v) === i);
  const lines = [
    line("launches", `${n.launches - n.heavyLaunches} Falcon 9 + ${n.heavyLaunches} Falcon Heavy${lost.length ? `; ${lost.join(", ")} (lost before lift-off) not counted` : ""}`),
    line("cores", n.cores === n.launches + 2 * n.heavyLaunches ? `${n.launches - n.heavyLaunches} Falcon 9 cores + 3 × ${n.heavyLaunches} Falcon Heavy cores` : "one row each in the landings table"),
    line("attempts", `${n.cores} cores − ${n.noAttempt} no attempt − ${n.expended} expended − ${n.unknown} not recorded`),
    line("recoveryAttempts", `${n.attempts} attempts − ${n.oceanTouchdowns} ocean touchdowns − ${n.oceanFailures} failed ocean touchdowns`),
    line("landed", `of the ${n.recoveryAttempts} recovery attempts`),
    line("failed", `${n.recoveryAttempts} − ${n.landed} landed`)
  ];
  if (forecast) {
    lines.push({
      key: "forecast",
      label: "Scored by the forecast",
      value: forecast.n,
      equation: `recovery attempts from ${forecast.startYear} on (${forecast.failures} failed), each predicted by a model of the landings before its month`,
      definition: "The forecast's scored rows: recovery attempts, month by month, no look-ahead."
    });
  }
  return lines;
}

/**
 * What became of a core, in words taken from its outcome: a core whose landing failed, or that was
 * expended, never "came back".
 */
export function landingPhrase(core: Row | null | undefined): string {
  if (!core) return "not recorded";
  const place = core.landing_type === "RTLS" ? "a landing zone (RTLS)" : core.landing_type === "ASDS" ? "a drone ship (ASDS)" : "a place no source records";
  // A reviewed account of how it ended (landings.landing_account), where one is recorded.
  const how = core.landing_account ? `: ${String(core.landing_account)}` : "";
  switch (core.landing_outcome) {
    case "landed":
      return `landed on ${place}${how || (core.after_landing ? ` (${String(core.after_landing)})` : "")}`;
    case "failed":
      return `failed to land on ${place}${how}`;
    case "ocean touchdown":
      return "touched down on the ocean (a test: not recovered)";
    case "ocean failed":
      return "failed an ocean touchdown test";
    case "expended":
      return "expended: no landing planned";
    case "no attempt":
      return "no landing attempted";
    default:
      return "not recorded";
  }
}
