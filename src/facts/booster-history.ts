// One booster's history, from the release: its flights (landings joined to launches), what became of
// each, the days between them, the published model's month-by-month forecast made before each flight
// and any forecast the ledger froze for it. Pure: the booster page and its tests give it rows.
//
// Counts go through src/facts/counts.ts, so "landed" and "failed" mean here what they mean on every
// page. The published model's prequential.csv gives P(land) (src/ml/publish.ts prequentialCsv); the
// page speaks of the chance of failure, 1 − P(land), and its interval turns round with it.
import { count, landingPhrase } from "./counts.js";

type Row = Record<string, unknown>;

/** A forecast of one core's landing, as the chance that it fails. */
export interface FailureForecast {
  failure: number;
  low: number;
  high: number;
  /** UTC day: the model learnt only from landings before it. */
  trainedBefore: string;
  trainingRows: number | null;
}

export interface BoosterFlight {
  landingId: string;
  launchId: string;
  date: Date;
  mission: string;
  site: string | null;
  coreFlight: number | null;
  coreRole: string | null;
  landingType: string | null;
  landingLocation: string | null;
  landingOutcome: string;
  /** What became of it, in the words of counts.ts landingPhrase (a failed landing never "came back"). */
  outcome: string;
  afterLanding: string | null;
  landingAccount: string | null;
  daysSincePrevious: number | null;
  /** The published model's forecast made before this flight, or why there is none. */
  forecast: FailureForecast | null;
  noForecast: string | null;
  row: Row;
}

export interface FrozenForecast extends FailureForecast {
  entryId: string;
  kind: string;
  mission: string | null;
  net: Date;
  asOf: Date;
  modelName: string;
}

export interface BoosterHistory {
  serial: string;
  flights: BoosterFlight[];
  /** The landings rows of this booster, for counting with counts.ts. */
  rows: Row[];
  /** Block (Full Thrust cores) or null; a v1.x core has none, and `versions` says what it was. */
  block: number | null;
  versions: string[];
  first: Date;
  last: Date;
  recoveryAttempts: number;
  landed: number;
  failed: number;
  /** Landed, then lost (landings.after_landing): still counted as landed. */
  lostAfterLanding: BoosterFlight[];
  turnarounds: number[];
  medianTurnaround: number | null;
  frozen: FrozenForecast[];
}

export interface BoosterListing {
  serial: string;
  flights: number;
}

const text = (v: unknown): string | null => (v === null || v === undefined || v === "" ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined || v === "" || !Number.isFinite(Number(v)) ? null : Number(v));
const dateOf = (v: unknown): Date => (v instanceof Date ? v : new Date(typeof v === "number" ? v : String(v)));
/** A UTC day from a Date or an ISO string (d3.autoType reads "2024-08-01" as a Date). */
const day = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** Every booster serial the landings name, with its flight count, most flown first. */
export function boosterList(landings: readonly Row[]): BoosterListing[] {
  const flights = new Map<string, number>();
  for (const r of landings) {
    const serial = text(r.booster_serial);
    if (serial) flights.set(serial, (flights.get(serial) ?? 0) + 1);
  }
  return [...flights].map(([serial, n]) => ({ serial, flights: n })).sort((a, b) => b.flights - a.flights || a.serial.localeCompare(b.serial, "en", { numeric: true }));
}

/** The first month of the month-by-month record ("2017-01"), from its earliest training cut-off; null with no rows. */
export function prequentialStart(prequential: readonly Row[]): string | null {
  let first: string | null = null;
  for (const r of prequential) {
    const d = day(r.trained_before);
    if (first === null || d < first) first = d;
  }
  return first === null ? null : first.slice(0, 7);
}

/** The median of numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * One booster's history, or null when no landing row names `serial`. `launches` gives each flight's
 * mission and version; `prequential` is the published model's prequential.csv (P(land) per
 * landing_id); `ledger` the forecast_ledger rows.
 */
export function boosterHistory(
  serial: string,
  { landings, launches, prequential, ledger }: { landings: readonly Row[]; launches: readonly Row[]; prequential: readonly Row[]; ledger: readonly Row[] }
): BoosterHistory | null {
  const rows = landings.filter((r) => r.booster_serial === serial).sort((a, b) => +dateOf(a.date_utc) - +dateOf(b.date_utc));
  if (!rows.length) return null;
  const launchOf = new Map(launches.map((l) => [String(l.launch_id), l]));
  const forecastOf = new Map(prequential.map((p) => [String(p.landing_id), p]));
  const start = prequentialStart(prequential);
  const flights = rows.map((r): BoosterFlight => {
    const launch = launchOf.get(String(r.launch_id));
    const date = dateOf(r.date_utc);
    const p = forecastOf.get(String(r.landing_id));
    const forecast: FailureForecast | null = p
      ? { failure: 1 - Number(p.probability), low: 1 - Number(p.probability_high), high: 1 - Number(p.probability_low), trainedBefore: day(p.trained_before), trainingRows: num(p.training_rows) }
      : null;
    const noForecast = forecast
      ? null
      : start === null
        ? "no forecast (no month-by-month record is published)"
        : date.toISOString().slice(0, 7) < start
          ? `no forecast (the month-by-month record starts ${start})`
          : "no forecast (the model forecasts landings on a zone or ship only)";
    return {
      landingId: String(r.landing_id),
      launchId: String(r.launch_id),
      date,
      mission: text(launch?.name) ?? String(r.launch_id),
      site: text(r.site),
      coreFlight: num(r.core_flight),
      coreRole: text(r.core_role),
      landingType: text(r.landing_type),
      landingLocation: text(r.landing_location),
      landingOutcome: String(r.landing_outcome),
      outcome: landingPhrase(r),
      afterLanding: text(r.after_landing),
      landingAccount: text(r.landing_account),
      daysSincePrevious: num(r.days_since_previous_flight),
      forecast,
      noForecast,
      row: r
    };
  });
  const blocks = [...new Set(rows.map((r) => num(r.block)).filter((b): b is number => b !== null))];
  const versions = [...new Set(rows.map((r) => text(launchOf.get(String(r.launch_id))?.version)).filter((v): v is string => v !== null))];
  const turnarounds = flights.map((f) => f.daysSincePrevious).filter((d): d is number => d !== null && d > 0);
  const frozen = ledger
    .filter((e) => e.booster_serial === serial)
    .map((e) => ({
      entryId: String(e.entry_id),
      kind: String(e.kind),
      mission: text(e.mission),
      net: dateOf(e.net_utc),
      asOf: dateOf(e.as_of),
      modelName: String(e.model_name),
      failure: 1 - Number(e.probability),
      low: 1 - Number(e.probability_high),
      high: 1 - Number(e.probability_low),
      trainedBefore: day(e.trained_before),
      trainingRows: num(e.training_rows)
    }))
    .sort((a, b) => +a.net - +b.net || +a.asOf - +b.asOf);
  return {
    serial,
    flights,
    rows,
    // A core keeps its block; if the sources ever disagree, the page shows the newest.
    block: blocks.at(-1) ?? null,
    versions,
    first: flights[0]!.date,
    last: flights.at(-1)!.date,
    recoveryAttempts: count("recoveryAttempts", rows),
    landed: count("landed", rows),
    failed: count("failed", rows),
    lostAfterLanding: flights.filter((f) => f.landingOutcome === "landed" && (f.afterLanding || f.landingAccount)),
    turnarounds,
    medianTurnaround: median(turnarounds),
    frozen
  };
}
