// The IBM capstone replica: the 90 single-core Falcon 9 launches of 2010-06-04 … 2020-11-05 (as in
// the course's dataset_part_2.csv), its features one-hot encoded as in dataset_part_3.csv, scaled
// with a StandardScaler over all 90 rows (as the notebook did, before splitting), scikit-learn's
// train_test_split(test_size=0.2, random_state=2) and GridSearchCV(cv=10)'s unshuffled folds.
import { plain, type Row } from "./features.js";
import { wilsonInterval } from "./metrics.js";
import { numpyPermutation } from "./random.js";
import { sklearnStratifiedFolds } from "./splits.js";
import type { GridData } from "./grid.js";

export const CAPSTONE_LAST_DATE = Date.UTC(2020, 10, 5, 23, 59, 59);
/** The notebook's test accuracy, 15 of 18 test launches, reported for every model family. */
/** The notebook's GridSearchCV(cv=10). */
export const CAPSTONE_FOLDS = 10;
export const CAPSTONE_ACCURACY = { correct: 15, n: 18 };

export interface CapstoneData extends GridData {
  columns: string[];
  rows: Row[];
}

/**
 * The course's data lists Amos-6, lost on the pad before lift-off, as a flight; this site's tables
 * do not (preflight_losses.parquet keeps it). Its cores as feature rows, for the replica alone:
 * no label, so no model of this site's landings ever sees them.
 */
export function capstoneExtraRows(preflightLosses: readonly Row[]): Row[] {
  return preflightLosses.map((p) => ({
    landing_id: `${p.launch_id}#preflight`,
    launch_id: p.launch_id,
    date_utc: plain(p.lost_utc),
    mission: p.name,
    rocket: p.rocket,
    core_role: p.core_role,
    payload_name: p.payload_name,
    payload_mass_kg: p.payload_mass_kg,
    core_flight: p.core_flight,
    gridfins: p.gridfins,
    legs: p.legs,
    reused: p.reused,
    block: p.block,
    booster_serial: p.booster_serial,
    orbit: p.orbit,
    site: p.site,
    capstone_landing_pad: p.capstone_landing_pad,
    // The course's Class: the landing did not happen.
    capstone_class: 0,
    label: null
  }));
}

/** The replica's input from a release's tables: the feature rows and the pre-flight losses. */
export function capstoneInput(featureRows: readonly Row[], tables: { preflight_losses?: readonly Row[] }): Row[] {
  return [...featureRows, ...capstoneExtraRows(tables.preflight_losses ?? [])];
}

/**
 * Single-core, single-payload Falcon 9 flights up to the capstone's last launch, in date order.
 * The notebook dropped launches with more than one payload (`payloads.map(len) == 1`); the
 * launches table joins several payload names with ", ".
 */
export function capstoneRows(featureRows: readonly Row[]): Row[] {
  return featureRows
    .filter((r) => r.rocket === "Falcon 9" && r.core_role === "single" && (r.date_utc as number) <= CAPSTONE_LAST_DATE && !String(r.payload_name ?? "").includes(", "))
    .sort((a, b) => (a.date_utc as number) - (b.date_utc as number));
}

/**
 * Columns as the notebook built them: FlightNumber (1…90 in date order), PayloadMass (missing →
 * mean of the 90), Flights, GridFins, Reused, Legs, Block, ReusedCount, then one-hot Orbit,
 * LaunchSite, LandingPad and Serial. ReusedCount is the core's number of flights in the subset
 * minus one: like the API's `reuse_count` it looks ahead at the core's later flights.
 */
export function capstoneData(featureRows: readonly Row[]): CapstoneData {
  const rows = capstoneRows(featureRows);
  if (rows.length === 0) throw new Error("No single-core Falcon 9 launches up to 2020-11-05 in the landings table.");
  const masses = rows.map((r) => r.payload_mass_kg as number | null).filter((v): v is number => v !== null);
  const meanMass = masses.reduce((s, v) => s + v, 0) / masses.length;
  const flightsOfSerial = new Map<string, number>();
  for (const r of rows) if (r.booster_serial) flightsOfSerial.set(String(r.booster_serial), (flightsOfSerial.get(String(r.booster_serial)) ?? 0) + 1);
  const numeric: [string, (r: Row, i: number) => number][] = [
    ["FlightNumber", (_, i) => i + 1],
    ["PayloadMass", (r) => (r.payload_mass_kg as number | null) ?? meanMass],
    ["Flights", (r) => Number(r.core_flight ?? 1)],
    ["GridFins", (r) => (r.gridfins ? 1 : 0)],
    ["Reused", (r) => (r.reused ? 1 : 0)],
    ["Legs", (r) => (r.legs ? 1 : 0)],
    // The course's Block: the SpaceX API gave v1.0 and v1.1 cores block 1, where this site's block is null.
    ["Block", (r) => Number(r.block ?? 1)],
    ["ReusedCount", (r) => (r.booster_serial ? flightsOfSerial.get(String(r.booster_serial))! - 1 : 0)]
  ];
  const oneHot: [string, string][] = [
    ["Orbit", "orbit"],
    ["LaunchSite", "site"],
    // The API's own landpad (planned pads of precluded landings, JRTI-1 apart), as the notebook read it.
    ["LandingPad", "capstone_landing_pad"],
    ["Serial", "booster_serial"]
  ];
  const columns: { name: string; value: (r: Row, i: number) => number }[] = numeric.map(([name, value]) => ({ name, value }));
  for (const [prefix, field] of oneHot) {
    // pandas.get_dummies leaves missing values as all zeros, with no column of their own.
    const values = [...new Set(rows.map((r) => r[field]).filter((v) => v !== null && v !== undefined).map(String))].sort();
    for (const value of values) columns.push({ name: `${prefix}_${value}`, value: (r) => (String(r[field]) === value ? 1 : 0) });
  }
  const n = rows.length;
  const d = columns.length;
  const X = new Float32Array(n * d);
  columns.forEach((c, j) => {
    const raw = rows.map((r, i) => c.value(r, i));
    const mean = raw.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(raw.reduce((s, v) => s + (v - mean) ** 2, 0) / n) || 1;
    raw.forEach((v, i) => (X[i * d + j] = (v - mean) / sd));
  });
  const y = rows.map((r) => Number(r.capstone_class ?? 0));
  const permutation = numpyPermutation(n, 2);
  const nTest = Math.ceil(0.2 * n);
  const test = permutation.slice(0, nTest);
  const train = permutation.slice(nTest);
  return { X, d, y, train, test, folds: sklearnStratifiedFolds(train.map((i) => y[i]!), CAPSTONE_FOLDS), columns: columns.map((c) => c.name), rows };
}

/** How uncertain an accuracy measured on few launches is. */
export function accuracyInterval(correct: number, n: number): { accuracy: number; low: number; high: number } {
  const [low, high] = wilsonInterval(correct, n);
  return { accuracy: correct / n, low, high };
}
