// The feature table: one row per first-stage core (labelled or not: the model uses rows whose
// `label` is 0/1, the capstone replica uses `capstone_class` on every core),
// joined from landings ⨝ launches ⨝ weather ⨝ telemetry. Each feature is declared once below; the
// SQL the lab runs in DuckDB-WASM and the TypeScript join the worker, build loader and CLI use are
// both generated from these declarations, and a test checks the two give the same table.

export type Row = Record<string, unknown>;
export type TableName = "landings" | "launches" | "weather" | "telemetry";
export type FeatureGroup = "experience" | "mission" | "booster" | "landing" | "weather" | "telemetry";
export type FeatureKind = "number" | "boolean" | "category" | "date";

export interface FeatureSpec {
  name: string;
  table: TableName;
  /** Column of `table` (defaults to `name`). */
  column?: string;
  /** A value computed over the whole landings table rather than read from one row (see DERIVED). */
  derived?: keyof typeof DERIVED;
  /**
   * log1p: a count with diminishing returns (the 500th landing teaches less than the 5th), without
   * bound; saturating: 1 − exp(−n / scale), which levels off, so the model can say that
   * experience stops buying safety once the programme is mature.
   */
  transform?: "log1p" | "saturating";
  /** saturating only: the count at which 63% of the effect is reached. */
  scale?: number;
  /**
   * "neutral": no missing-value indicator; a missing value sits at the training mean and says
   * nothing. For sources whose coverage grows with time (weather), where an indicator would stand in
   * for the era rather than describe the launch.
   */
  missing?: "neutral";
  kind: FeatureKind;
  group: FeatureGroup;
  description: string;
}

export const FEATURE_GROUPS: { group: FeatureGroup; title: string }[] = [
  { group: "experience", title: "Experience: landing attempts before this launch (the era)" },
  { group: "mission", title: "Mission: date, payload mass, orbit, launch site, rocket" },
  { group: "booster", title: "Booster: block, the core's flight count, reuse, turnaround, role" },
  { group: "landing", title: "Landing plan: drone ship or landing zone, grid fins, legs" },
  { group: "weather", title: "Weather on the launch day and the published forecast (missing values neutral, no indicators)" },
  { group: "telemetry", title: "Webcast telemetry at MECO (with missing-value indicators)" }
];

export const FEATURES: FeatureSpec[] = [
  { name: "experience", table: "landings", column: "prior_attempts", derived: "prior_attempts", transform: "log1p", kind: "number", group: "experience", description: "Landing attempts (any core) before this launch, as log(1 + n): the programme's experience, with diminishing returns." },
  { name: "launch_year", table: "landings", column: "date_utc", kind: "date", group: "mission", description: "Lift-off date as a decimal year: experience accumulates over time." },
  { name: "payload_mass_kg", table: "launches", kind: "number", group: "mission", description: "Total payload mass; heavier payloads leave less propellant for landing." },
  { name: "orbit", table: "launches", kind: "category", group: "mission", description: "Target orbit (GTO missions push the stage faster and farther)." },
  { name: "site", table: "launches", kind: "category", group: "mission", description: "Launch site." },
  { name: "rocket", table: "landings", kind: "category", group: "mission", description: "Falcon 9 or Falcon Heavy." },
  { name: "block", table: "landings", kind: "number", group: "booster", description: "Booster block (1–5)." },
  { name: "core_flight", table: "landings", kind: "number", group: "booster", description: "This core's flight number, counting this one." },
  { name: "reused", table: "landings", kind: "boolean", group: "booster", description: "The core had flown before." },
  { name: "days_since_previous_flight", table: "landings", kind: "number", group: "booster", description: "Turnaround time; missing on a core's first flight (flagged, not imputed)." },
  { name: "previous_landings", table: "landings", kind: "number", group: "booster", description: "Landings of this core before this flight." },
  { name: "core_role", table: "landings", kind: "category", group: "booster", description: "single, or Falcon Heavy center / side core." },
  { name: "landing_type", table: "landings", kind: "category", group: "landing", description: "ASDS (drone ship) or RTLS (landing zone)." },
  { name: "landing_location", table: "landings", kind: "category", group: "landing", description: "Drone ship or landing zone." },
  { name: "gridfins", table: "landings", kind: "boolean", group: "landing", description: "Grid fins fitted." },
  { name: "legs", table: "landings", kind: "boolean", group: "landing", description: "Landing legs fitted." },
  // Weather at one granularity for every launch that has it (the UTC day, not the hour some have), so
  // a coefficient means the same thing across the years; missing values are neutral (see `missing`).
  { name: "day_wind_speed_max_kmh", table: "weather", kind: "number", missing: "neutral", group: "weather", description: "Highest wind at 10 m at the pad in the launch's UTC day (reanalysis)." },
  { name: "day_wind_gusts_max_kmh", table: "weather", kind: "number", missing: "neutral", group: "weather", description: "Strongest gust at 10 m at the pad in the launch's UTC day (reanalysis)." },
  { name: "day_precipitation_mm", table: "weather", kind: "number", missing: "neutral", group: "weather", description: "Precipitation at the pad over the launch's UTC day (reanalysis)." },
  { name: "day_cloud_cover_mean_pct", table: "weather", kind: "number", missing: "neutral", group: "weather", description: "Mean cloud cover at the pad over the launch's UTC day (reanalysis)." },
  { name: "wave_height_m", table: "weather", kind: "number", missing: "neutral", group: "weather", description: "Significant wave height offshore (buoy reading near lift-off), where a buoy covers the launch." },
  { name: "weather_probability_pct", table: "weather", kind: "number", missing: "neutral", group: "weather", description: "The 45th Weather Squadron's published chance of favourable weather for the attempt that flew (LL2)." },
  { name: "meco_velocity_ms", table: "telemetry", kind: "number", group: "telemetry", description: "Velocity at main-engine cut-off." },
  { name: "meco_altitude_km", table: "telemetry", kind: "number", group: "telemetry", description: "Altitude at main-engine cut-off." },
  { name: "max_velocity_ms", table: "telemetry", kind: "number", group: "telemetry", description: "Highest first-stage velocity seen." },
  { name: "boostback", table: "telemetry", kind: "boolean", group: "telemetry", description: "A boostback burn was seen." },
  { name: "entry_burn", table: "telemetry", kind: "boolean", group: "telemetry", description: "An entry burn was seen." }
];

/** Columns every feature row carries besides the features: identity, time and labels. */
export const KEY_COLUMNS: { name: string; table: TableName; column?: string }[] = [
  { name: "landing_id", table: "landings" },
  { name: "launch_id", table: "landings" },
  { name: "date_utc", table: "landings" },
  { name: "flight_number", table: "launches" },
  { name: "mission", table: "launches", column: "name" },
  { name: "payload_name", table: "launches" },
  { name: "booster_serial", table: "landings" },
  { name: "landing_outcome", table: "landings" },
  { name: "label", table: "landings" },
  { name: "capstone_class", table: "landings" },
  { name: "capstone_landing_pad", table: "landings" },
  // Which sources reported the core, and the launch's weather: never features, but the artifact check tests features against them.
  { name: "sources", table: "landings" },
  { name: "weather_sources", table: "weather", column: "sources" }
];

/**
 * Columns computed over the whole landings table, once in SQL (for the lab's DuckDB) and once in
 * TypeScript, so the two feature tables still agree cell by cell.
 */
export const DERIVED = {
  /** Labelled landing attempts of earlier launches: known before lift-off, outcomes not needed. */
  prior_attempts: {
    sql: "(SELECT count(*) FROM landings p WHERE p.label IS NOT NULL AND p.date_utc < d.date_utc)",
    rows(landings: readonly Row[]): (row: Row) => number {
      const dates = landings.filter((r) => r.label === 0 || r.label === 1).map((r) => plain(r.date_utc) as number).sort((a, b) => a - b);
      return (row) => priorCount(dates, plain(row.date_utc) as number);
    }
  }
} as const;

/** How many of the sorted `dates` are strictly before `time` (binary search). */
export function priorCount(dates: readonly number[], time: number): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid]! < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const ALIAS: Record<TableName, string> = { landings: "d", launches: "l", weather: "w", telemetry: "t" };
const YEAR_MS = 365.25 * 86400_000;

function outputColumns(): { name: string; table: TableName; column: string; derived?: keyof typeof DERIVED }[] {
  return [...KEY_COLUMNS, ...FEATURES].map((c) => ({ name: c.name, table: c.table, column: c.column ?? c.name, derived: (c as Partial<FeatureSpec>).derived }));
}

/**
 * The join as SQL, for DuckDB-WASM in the lab. Tables the build did not produce are left out and
 * their columns come back NULL, exactly as the TypeScript join does with an empty table. Columns a
 * table lacks (`available` maps table to its columns) are NULL too.
 */
export function featureTableSql(available: Partial<Record<TableName, readonly string[]>>): string {
  const select = outputColumns().map(({ name, table, column, derived }) => {
    if (derived) return `  ${DERIVED[derived].sql} AS ${name}`;
    const has = available[table]?.includes(column);
    if (!has) return `  NULL AS ${name}`;
    return `  ${ALIAS[table]}.${column}${column === name ? "" : ` AS ${name}`}`;
  });
  const joins = (["launches", "weather", "telemetry"] as const)
    .filter((t) => available[t])
    .map((t) => `LEFT JOIN ${t} ${ALIAS[t]} ON ${ALIAS[t]}.launch_id = d.launch_id`);
  return [
    "SELECT",
    select.join(",\n"),
    "FROM landings d",
    ...joins,
    "ORDER BY d.date_utc, d.landing_id"
  ].join("\n");
}

/** The same join over plain rows (Node loader, CLI and worker). */
export function featureTableRows(tables: Partial<Record<TableName, readonly Row[]>>): Row[] {
  const byLaunch = (t: TableName) => new Map((tables[t] ?? []).map((r) => [r.launch_id as string, r]));
  const lookups = { launches: byLaunch("launches"), weather: byLaunch("weather"), telemetry: byLaunch("telemetry") };
  const columns = outputColumns();
  const derived = Object.fromEntries(Object.entries(DERIVED).map(([k, v]) => [k, v.rows(tables.landings ?? [])])) as Record<keyof typeof DERIVED, (row: Row) => number>;
  const rows = (tables.landings ?? []).map((d) => {
      const source = { landings: d, launches: lookups.launches.get(d.launch_id as string), weather: lookups.weather.get(d.launch_id as string), telemetry: lookups.telemetry.get(d.launch_id as string) };
      const row: Row = {};
      for (const { name, table, column, derived: which } of columns) row[name] = which ? derived[which](d) : plain(source[table]?.[column]);
      return row;
    });
  return rows.sort((a, b) => (a.date_utc as number) - (b.date_utc as number) || (String(a.landing_id) < String(b.landing_id) ? -1 : String(a.landing_id) > String(b.landing_id) ? 1 : 0));
}

/** One representation for values from hyparquet and from DuckDB: dates as epoch ms, bigints as numbers. */
export function plain(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === "bigint") return Number(value);
  return value;
}

/** Rows with a label (0/1): the rows a model learns from. */
export function labelledRows(rows: readonly Row[]): Row[] {
  return rows.filter((r) => r.label === 0 || r.label === 1);
}

// ---------------------------------------------------------------------------------------------
// Encoding: rows -> standardized numeric matrix. Fitted on training rows only.

export interface EncodedColumn {
  /** e.g. "payload_mass_kg", "payload_mass_kg (missing)", "orbit = GTO". */
  name: string;
  feature: string;
  mean: number;
  scale: number;
}

export interface Encoder {
  features: string[];
  columns: EncodedColumn[];
  /** Category vocabulary per categorical feature, as seen in training. */
  categories: Record<string, string[]>;
}

export function featureSpec(name: string): FeatureSpec {
  const spec = FEATURES.find((f) => f.name === name);
  if (!spec) throw new Error(`Unknown feature "${name}". Known features: ${FEATURES.map((f) => f.name).join(", ")}.`);
  return spec;
}

export function featuresOfGroups(groups: readonly FeatureGroup[]): string[] {
  return FEATURES.filter((f) => groups.includes(f.group)).map((f) => f.name);
}

/** A raw feature value as a number, or null when missing. */
function rawNumber(spec: FeatureSpec, value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (spec.kind === "date") return 2010 + ((value as number) - Date.UTC(2010, 0, 1)) / YEAR_MS;
  if (spec.kind === "boolean") return value ? 1 : 0;
  const n = Number(value);
  if (!Number.isFinite(n)) return null;
  if (spec.transform === "log1p") return Math.log1p(Math.max(0, n));
  if (spec.transform === "saturating") return 1 - Math.exp(-Math.max(0, n) / spec.scale!);
  return n;
}

/**
 * Numbers and booleans become a standardized value plus, when any row lacks them, a
 * "(missing)" indicator; the missing value itself is set to the training mean (0 after
 * standardizing), so the indicator carries the whole effect of being missing. Categories become
 * one-hot columns for the values seen in training; a missing category is its own value "(none)".
 */
export function fitEncoder(rows: readonly Row[], features: readonly string[], allRows: readonly Row[] = rows): Encoder {
  if (features.length === 0) throw new Error("No features selected: switch on at least one feature group.");
  if (rows.length === 0) throw new Error("No training rows: the training set is empty.");
  const columns: { name: string; feature: string; values: (r: Row) => number }[] = [];
  const categories: Record<string, string[]> = {};
  for (const name of features) {
    const spec = featureSpec(name);
    if (spec.kind === "category") {
      const vocabulary = [...new Set(rows.map((r) => categoryOf(r[name])))].sort();
      categories[name] = vocabulary;
      for (const value of vocabulary) columns.push({ name: `${name} = ${value}`, feature: name, values: (r) => (categoryOf(r[name]) === value ? 1 : 0) });
    } else {
      const observed = rows.map((r) => rawNumber(spec, r[name])).filter((v): v is number => v !== null);
      const fill = observed.length ? observed.reduce((s, v) => s + v, 0) / observed.length : 0;
      columns.push({ name, feature: name, values: (r) => rawNumber(spec, r[name]) ?? fill });
      // The indicator exists whenever the feature can be missing in this table (not just in the
      // training rows), so a test row's missing value never passes silently as an average one.
      if (spec.missing !== "neutral" && allRows.some((r) => rawNumber(spec, r[name]) === null)) {
        columns.push({ name: `${name} (missing)`, feature: name, values: (r) => (rawNumber(spec, r[name]) === null ? 1 : 0) });
      }
    }
  }
  return {
    features: [...features],
    categories,
    columns: columns.map((c) => {
      const values = rows.map(c.values);
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
      return { name: c.name, feature: c.feature, mean, scale: sd > 1e-12 ? sd : 1 };
    })
  };
}

function categoryOf(value: unknown): string {
  return value === null || value === undefined || value === "" ? "(none)" : String(value);
}

/** Raw (unstandardized) value of an encoded column for a row. */
export function rawColumnValue(column: EncodedColumn, row: Row): number {
  const spec = featureSpec(column.feature);
  if (spec.kind === "category") return column.name === `${column.feature} = ${categoryOf(row[column.feature])}` ? 1 : 0;
  const v = rawNumber(spec, row[column.feature]);
  if (column.name.endsWith(" (missing)")) return v === null ? 1 : 0;
  // Missing values sit at the training mean: 0 after standardizing.
  return v ?? column.mean;
}

/** Rows as a standardized matrix (row-major Float32Array, rows × columns). */
export function encode(encoder: Encoder, rows: readonly Row[]): Float32Array {
  const d = encoder.columns.length;
  const out = new Float32Array(rows.length * d);
  rows.forEach((row, i) => {
    encoder.columns.forEach((c, j) => {
      out[i * d + j] = (rawColumnValue(c, row) - c.mean) / c.scale;
    });
  });
  return out;
}

/**
 * How much of each encoded column's variance the row's source set explains: the between-group
 * share R² = 1 − Σ within-source-set squares / Σ total squares. A column near 1 is (almost) a
 * function of which sources reported the row, a fact about the archive rather than the booster.
 * Columns constant over `rows` explain nothing and score 0.
 */
export function sourceExplained(encoder: Encoder, rows: readonly Row[], sourceOf: (row: Row) => string = (r) => String(r.sources ?? "")): { column: string; r2: number }[] {
  return encoder.columns.map((c) => {
    const values = rows.map((r) => rawColumnValue(c, r));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const groups = new Map<string, { sum: number; n: number }>();
    rows.forEach((r, i) => {
      const g = groups.get(sourceOf(r)) ?? { sum: 0, n: 0 };
      g.sum += values[i]!;
      g.n++;
      groups.set(sourceOf(r), g);
    });
    let total = 0;
    let within = 0;
    rows.forEach((r, i) => {
      const g = groups.get(sourceOf(r))!;
      total += (values[i]! - mean) ** 2;
      within += (values[i]! - g.sum / g.n) ** 2;
    });
    return { column: c.name, r2: total > 1e-12 ? 1 - within / total : 0 };
  });
}

/** Above this share of variance explained by the source set, a column is an artifact of the archive. */
export const SOURCE_ARTIFACT_R2 = 0.9;

export interface SourceArtifact {
  column: string;
  reason: string;
}

/** A value column is an artifact only when it is a near-exact copy of the source set. */
export const SOURCE_COPY_R2 = 0.99;

/**
 * Encoded columns that describe the archive rather than the booster: a missing/(none) indicator
 * the source set (almost) determines (R² ≥ SOURCE_ARTIFACT_R2), or one for a value that some
 * source (≥ 10 rows) leaves out in ≥ 95% of its rows while others give it, so being missing says
 * which source reported the row; or any column that is a near-exact copy of the source set
 * (R² ≥ SOURCE_COPY_R2). A fact that decides which sources list a launch is not flagged for that:
 * one extract omits Falcon Heavy flights, so the source set tracks the rocket (R² ≈ 0.93), and the
 * sources' eras make experience and launch year partly predictable from it (≈ 0.8).
 */
export function sourceArtifacts(encoder: Encoder, rows: readonly Row[], sourceOf: (row: Row) => string = (r) => String(r.sources ?? "")): SourceArtifact[] {
  const explained = sourceExplained(encoder, rows, sourceOf);
  const out: SourceArtifact[] = [];
  encoder.columns.forEach((c, j) => {
    const r2 = explained[j]!.r2;
    const indicator = c.name.endsWith(" (missing)") || c.name.endsWith(" = (none)");
    if (r2 >= (indicator ? SOURCE_ARTIFACT_R2 : SOURCE_COPY_R2)) {
      out.push({ column: c.name, reason: `the source set explains ${(100 * r2).toFixed(1)}% of its variance` });
      return;
    }
    if (!indicator) return;
    const bySource = new Map<string, { missing: number; n: number }>();
    for (const r of rows) {
      const g = bySource.get(sourceOf(r)) ?? { missing: 0, n: 0 };
      g.missing += rawColumnValue(c, r);
      g.n++;
      bySource.set(sourceOf(r), g);
    }
    const silent = [...bySource].filter(([, g]) => g.n >= 10 && g.missing / g.n >= 0.95).map(([source]) => source || "(no source)");
    const anyPresent = [...bySource.values()].some((g) => g.missing < g.n);
    if (silent.length && anyPresent) out.push({ column: c.name, reason: `missing in ≥ 95% of the rows from ${silent.join("; ")}` });
  });
  return out;
}

/**
 * Upcoming-launch rows (LL2 states) in the feature table's shape, for the pre-launch model. Only
 * what LL2 says before launch is filled; everything else stays null (and so "missing"). `reused`
 * follows from the core's flight count, as it does in the landings table; the experience term
 * counts the labelled landing attempts in `landings` before the launch.
 */
export function upcomingFeatureRows(upcoming: readonly Row[], landings: readonly Row[] = []): Row[] {
  const priorAttempts = DERIVED.prior_attempts.rows(landings);
  // A Heavy's two side boosters share launch and role: the second is "#side-2", so each core has its own id.
  const seen = new Map<string, number>();
  return upcoming.map((u) => {
    const net = plain(u.net_utc) as number;
    const coreFlight = plain(u.core_flight) as number | null;
    const id = `${u.launch_id ?? u.ll2_id}#${u.core_role ?? "single"}`;
    const nth = (seen.get(id) ?? 0) + 1;
    seen.set(id, nth);
    return {
      landing_id: nth === 1 ? id : `${id}-${nth}`,
      launch_id: u.launch_id ?? `ll2:${u.ll2_id}`,
      date_utc: net,
      mission: u.name ?? null,
      booster_serial: u.booster_serial ?? null,
      label: u.outcome_landed === true ? 1 : u.outcome_landed === false ? 0 : null,
      launch_year: net,
      prior_attempts: priorAttempts({ date_utc: net }),
      experience: priorAttempts({ date_utc: net }),
      orbit: u.orbit ?? null,
      site: u.site ?? null,
      rocket: u.rocket ?? null,
      core_role: u.core_role ?? null,
      core_flight: coreFlight,
      reused: coreFlight === null ? null : coreFlight > 1,
      landing_type: u.landing_type ?? null,
      landing_location: u.landing_location ?? null
    };
  });
}
