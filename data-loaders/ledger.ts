// The forecast ledger: what the site said before each launch, kept. Every build appends its frozen
// forecasts for upcoming launches to the ledger of the last good release; an entry, once published,
// is never rewritten (a changed forecast for the same core is a new entry with its own time). Whether
// an entry came true is not part of the entry: `scoreLedger` derives it from the ledger and the
// landing record each build, so scoring never edits the ledger. Knows nothing about models: the
// entries arrive with their probabilities (src/ml/ledger.ts makes them).
import { existsSync, readFileSync } from "node:fs";
import { parquetReadObjects } from "hyparquet";
import { DataContractError, shownPath, type Comparison } from "./contracts.ts";
import { sha256, writeAtomically } from "./http.ts";
import { byKeys, column, toParquet, type TableSpec } from "./tables.ts";
import { readJsonFile } from "./validate.ts";

export interface LedgerEntry {
  entry_id: string;
  /** "build": frozen by a build for a launch still to fly; "seeded": made afterwards from a recorded pre-launch state (see `how`). */
  kind: "build" | "seeded";
  how: string;
  ll2_id: string;
  /** One core of one launch: ll2:<LL2 id>#<role>, a second side booster #side-2. */
  core_key: string;
  mission: string | null;
  rocket: string | null;
  booster_serial: string | null;
  net_utc: string;
  /** The information's time: for a build's entry, when it was frozen; for a seeded one, when LL2's state was recorded. */
  as_of: string;
  /** When this entry was written into the ledger (the build's timestamp). */
  frozen_at: string;
  build_mode: "live" | "replay";
  probability: number;
  probability_low: number;
  probability_high: number;
  /** The two references frozen with it, fitted on the same training rows. */
  base_rate: number;
  recent_rate: number;
  recent_n: number;
  model_id: string;
  model_name: string;
  trained_before: string;
  training_rows: number;
  /** The data release the model was trained on (the model card's data hash). */
  data_version: string;
}

const FROZEN = "the ledger entry as frozen; never rewritten";

export const ledgerTable: TableSpec<LedgerEntry> = {
  name: "forecast_ledger",
  description:
    "The site's frozen forecasts for upcoming landings, append-only: each build adds its forecasts for launches still to fly (a changed forecast is a new entry), and carries every entry of the last good release unchanged. Entries seeded from the recorded pre-launch states are marked as such. How they came true is in forecast_scores.",
  grain: "frozen forecast of one core's landing",
  order: byKeys((e) => e.frozen_at, (e) => e.net_utc, (e) => e.core_key, (e) => e.entry_id),
  columns: [
    column("entry_id", "STRING", (e) => e.entry_id, "<kind>:<core_key>@<as_of>: unique, stable.", FROZEN),
    column("kind", "STRING", (e) => e.kind, '"build" (frozen by a build before the launch) or "seeded" (made by a later build from LL2\'s recorded final pre-launch state, with a model trained only on landings before the launch).', FROZEN),
    column("how", "STRING", (e) => e.how, "How the entry was made, in words.", FROZEN),
    column("ll2_id", "STRING", (e) => e.ll2_id, "Launch Library 2 launch id (joins launches.ll2_id and upcoming.ll2_id).", FROZEN),
    column("core_key", "STRING", (e) => e.core_key, "The core: ll2:<LL2 id>#<role> (single, center, side; a second side booster side-2).", FROZEN),
    column("mission", "STRING", (e) => e.mission, "LL2 launch name when frozen.", FROZEN),
    column("rocket", "STRING", (e) => e.rocket, '"Falcon 9" or "Falcon Heavy".', FROZEN),
    column("booster_serial", "STRING", (e) => e.booster_serial, "Booster serial when frozen; null while unassigned.", FROZEN),
    column("net_utc", "TIMESTAMP", (e) => e.net_utc, "No-earlier-than time when frozen.", FROZEN),
    column("as_of", "TIMESTAMP", (e) => e.as_of, "What the forecast knew: a build's entry, the build's time; a seeded entry, when LL2's final pre-launch state was recorded. Only an entry as of before lift-off is scored.", FROZEN),
    column("frozen_at", "TIMESTAMP", (e) => e.frozen_at, "When the entry was written into the ledger: the build's timestamp (F9_BUILD_TIME; in replay, by default the newest recorded state).", FROZEN),
    column("build_mode", "STRING", (e) => e.build_mode, '"live" or "replay": the build that wrote it.', FROZEN),
    column("probability", "DOUBLE", (e) => e.probability, "Probability that the core lands (the model's posterior mode).", FROZEN),
    column("probability_low", "DOUBLE", (e) => e.probability_low, "Lower end of its 95% interval.", FROZEN),
    column("probability_high", "DOUBLE", (e) => e.probability_high, "Upper end of its 95% interval.", FROZEN),
    column("base_rate", "DOUBLE", (e) => e.base_rate, "The cumulative base rate (Laplace-smoothed) on the same training rows: a reference frozen with the forecast.", FROZEN),
    column("recent_rate", "DOUBLE", (e) => e.recent_rate, "The rate of the last recent_n landings (Laplace-smoothed) on the same training rows.", FROZEN),
    column("recent_n", "INT32", (e) => e.recent_n, "The recent rate's window, in landings.", FROZEN),
    column("model_id", "STRING", (e) => e.model_id, "The model's id: the published model's (models/registry.json) for a build's entry; for a seeded one, the pre-launch model refitted on landings before trained_before.", FROZEN),
    column("model_name", "STRING", (e) => e.model_name, "Published model name (prelaunch).", FROZEN),
    column("trained_before", "TIMESTAMP", (e) => e.trained_before, "The model learnt only from labelled landings of launches before this time.", FROZEN),
    column("training_rows", "INT32", (e) => e.training_rows, "Labelled landings it learnt from.", FROZEN),
    column("data_version", "STRING", (e) => e.data_version, "SHA-256 of the data release the model was trained on (the model card's data.hash).", FROZEN)
  ]
};

export type ScoreStatus = "scored" | "awaiting outcome" | "superseded" | "no labelled landing" | "as of after lift-off" | "launch did not happen";

export interface LedgerScore {
  entry_id: string;
  status: ScoreStatus;
  /** Why, in words (the source of the outcome, or why the entry is closed unscored). */
  note: string;
  lift_off_utc: string | null;
  label: number | null;
  outcome_source: string | null;
  log_loss: number | null;
  brier: number | null;
  base_rate_log_loss: number | null;
  base_rate_brier: number | null;
  recent_rate_log_loss: number | null;
  recent_rate_brier: number | null;
}

const SCORED = "derived each build from forecast_ledger and the landing record (data-loaders/ledger.ts scoreLedger)";

export const scoresTable: TableSpec<LedgerScore> = {
  name: "forecast_scores",
  description:
    "How each forecast_ledger entry came out, derived each build from the ledger and the landing record (never stored in the ledger): scored, awaiting its outcome, superseded by a later entry before lift-off, or closed unscored (no labelled landing, made after lift-off, launch did not happen).",
  grain: "forecast_ledger entry",
  order: byKeys((s) => s.entry_id),
  columns: [
    column("entry_id", "STRING", (s) => s.entry_id, "forecast_ledger.entry_id.", SCORED),
    column("status", "STRING", (s) => s.status, '"scored", "awaiting outcome", "superseded" (a later entry for the core was made before lift-off; only the last is scored), "no labelled landing" (expended, ocean, unknown), "as of after lift-off", "launch did not happen".', SCORED),
    column("note", "STRING", (s) => s.note, "Where the outcome came from, or why the entry is closed unscored.", SCORED),
    column("lift_off_utc", "TIMESTAMP", (s) => s.lift_off_utc, "Lift-off in the landing record (launches.date_utc); null while not flown.", SCORED),
    column("label", "INT32", (s) => s.label, "1 landed, 0 the landing failed (landings.label; LL2's last state only where the record does not list the launch).", SCORED),
    column("outcome_source", "STRING", (s) => s.outcome_source, '"landings" or "LL2 last state".', SCORED),
    column("log_loss", "DOUBLE", (s) => s.log_loss, "The entry's log loss (natural log) on its outcome.", SCORED),
    column("brier", "DOUBLE", (s) => s.brier, "The entry's squared error.", SCORED),
    column("base_rate_log_loss", "DOUBLE", (s) => s.base_rate_log_loss, "The base rate frozen with it, scored the same way.", SCORED),
    column("base_rate_brier", "DOUBLE", (s) => s.base_rate_brier, "The base rate's squared error.", SCORED),
    column("recent_rate_log_loss", "DOUBLE", (s) => s.recent_rate_log_loss, "The recent rate frozen with it, scored the same way.", SCORED),
    column("recent_rate_brier", "DOUBLE", (s) => s.recent_rate_brier, "The recent rate's squared error.", SCORED)
  ]
};

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v instanceof Date ? v.getTime() : typeof v === "bigint" ? Number(v) : (v as string | number)).toISOString());

/** Parquet bytes -> entries (timestamps as ISO strings, as they were written). */
export async function ledgerFromParquet(bytes: Uint8Array, where: string): Promise<LedgerEntry[]> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let rows: Record<string, unknown>[];
  try {
    rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
  } catch (error) {
    throw new Error(`${where}: the previous forecast ledger is not readable Parquet (${(error as Error).message}); restore it from the last published release (data/release/forecast_ledger.parquet), or set F9_PREVIOUS_LEDGER to one.`);
  }
  const names = ledgerTable.columns.map((c) => c.name);
  return rows.map((r, i) => {
    const missing = names.filter((n) => !(n in r));
    if (missing.length) throw new Error(`${where}: forecast ledger row ${i} lacks ${missing.join(", ")}: not a ledger this code wrote; restore the last published one.`);
    const out: Record<string, unknown> = {};
    for (const c of ledgerTable.columns) out[c.name] = c.type === "TIMESTAMP" ? iso(r[c.name]) : r[c.name] ?? null;
    return out as unknown as LedgerEntry;
  });
}

/** Where the last good release's ledger is kept: beside its manifest (manifest.X.json -> ledger.X.parquet). */
export function lastGoodLedgerPath(lastGoodManifest: string): string {
  return lastGoodManifest.replace(/manifest(\.[^/]*)?\.json$/, (_, middle: string | undefined) => `ledger${middle ?? ""}.parquet`);
}

/** The previous ledger: F9_PREVIOUS_LEDGER if set (it must exist), else the last good release's, else none. */
export async function readPreviousLedger(lastGoodManifest: string, env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Promise<{ entries: LedgerEntry[]; path: string | null }> {
  const named = env.F9_PREVIOUS_LEDGER?.trim();
  const path = named || lastGoodLedgerPath(lastGoodManifest);
  if (!existsSync(path)) {
    if (named) throw new Error(`F9_PREVIOUS_LEDGER=${named}: no such file; name the forecast_ledger.parquet of the last published release, or unset it to use ${shownPath(lastGoodLedgerPath(lastGoodManifest), root)}.`);
    return { entries: [], path: null };
  }
  return { entries: await ledgerFromParquet(readFileSync(path), shownPath(path, root)), path: shownPath(path, root) };
}

/** The ledger's record beside it (forecast_record.json as published): how many entries that release published. */
export const lastGoodLedgerRecordPath = (lastGoodManifest: string) => lastGoodLedgerPath(lastGoodManifest).replace(/\.parquet$/, ".json");

export const LEDGER_RECORD_FORMAT = "falcon9-landing-lab/forecast-record@1";

/** forecast_record.json: the ledger tables (rows, SHA-256), this build's step, and the summary the pages show. */
export function ledgerRecordJson(r: { frozenAt: string; previous: string | null; carried: number; appended: number; model: string; summary: LedgerSummary; tables: { name: string; file: string; rows: number; bytes: Uint8Array; sha256: string }[] }): string {
  return (
    JSON.stringify(
      {
        format: LEDGER_RECORD_FORMAT,
        frozen_at: r.frozenAt,
        previous: r.previous,
        carried: r.carried,
        appended: r.appended,
        model: r.model,
        tables: r.tables.map(({ name, file, rows, bytes, sha256 }) => ({ name, file, rows, bytes: bytes.byteLength, sha256 })),
        summary: r.summary
      },
      null,
      1
    ) + "\n"
  );
}

/** The last good release's ledger and the entry count its record published; null before any. */
export async function readLedgerBaseline(lastGoodManifest: string, root = process.cwd()): Promise<LedgerBaseline | null> {
  const recordPath = lastGoodLedgerRecordPath(lastGoodManifest);
  const record = existsSync(recordPath) ? (readJsonFile(recordPath, "the last good release's forecast record") as { tables?: { name: string; rows: number }[] }) : null;
  const published = record?.tables?.find((t) => t.name === ledgerTable.name)?.rows ?? null;
  const path = lastGoodLedgerPath(lastGoodManifest);
  const entries = existsSync(path) ? await ledgerFromParquet(readFileSync(path), shownPath(path, root)) : null;
  if (entries === null && published === null) return null;
  return { entries, published, path: shownPath(existsSync(path) ? path : recordPath, root) };
}

/** Called only once a release is published whole, like the last good manifest: the ledger and its record. */
export function recordLastGoodLedger(lastGoodManifest: string, bytes: Uint8Array, recordJson: string): void {
  writeAtomically(lastGoodLedgerPath(lastGoodManifest), bytes);
  writeAtomically(lastGoodLedgerRecordPath(lastGoodManifest), recordJson);
}

const same = (a: number, b: number) => Math.abs(a - b) < 5e-7;

/**
 * The previous ledger with this build's candidates appended. A build's forecast is appended when
 * the core has no entry yet or its latest entry said something else (probability or interval at
 * six decimals: a new model id with the same numbers is not a new forecast); a seeded entry only
 * when the core has no entry at all. Previous entries are copied as they are.
 */
export function appendToLedger(previous: readonly LedgerEntry[], candidates: readonly LedgerEntry[]): { entries: LedgerEntry[]; appended: LedgerEntry[] } {
  const latest = new Map<string, LedgerEntry>();
  for (const e of [...previous].sort(ledgerTable.order)) latest.set(e.core_key, e);
  const ids = new Set(previous.map((e) => e.entry_id));
  const appended: LedgerEntry[] = [];
  for (const c of candidates) {
    if (ids.has(c.entry_id)) continue;
    const last = latest.get(c.core_key);
    if (c.kind === "seeded" && last) continue;
    if (last && same(last.probability, c.probability) && same(last.probability_low, c.probability_low) && same(last.probability_high, c.probability_high)) continue;
    appended.push(c);
    ids.add(c.entry_id);
    latest.set(c.core_key, c);
  }
  return { entries: [...previous, ...appended], appended };
}

export const toParquetLedger = (entries: readonly LedgerEntry[]): Uint8Array => toParquet(ledgerTable, entries);

/** One line per entry, in the table's order and column order: what "byte-identical" is checked on. */
export function ledgerCsv(entries: readonly LedgerEntry[]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [ledgerTable.columns.map((c) => c.name).join(",")];
  for (const e of [...entries].sort(ledgerTable.order)) lines.push(ledgerTable.columns.map((c) => cell(c.value(e))).join(","));
  return lines.join("\n") + "\n";
}

export function scoresCsv(scores: readonly LedgerScore[]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [scoresTable.columns.map((c) => c.name).join(","), ...[...scores].sort(scoresTable.order).map((s) => scoresTable.columns.map((c) => cell(c.value(s))).join(","))].join("\n") + "\n";
}

/** The last good release's ledger: its entries (when the file beside its manifest exists) and how many its manifest says it published. */
export interface LedgerBaseline {
  entries: LedgerEntry[] | null;
  published: number | null;
  /** Where it is kept, for messages. */
  path: string;
}

/**
 * Every entry of the last good release's ledger must be in this one, unchanged, and there must be
 * at least as many as its manifest published: a ledger that lost or rewrote an entry (a deleted
 * ledger file, an older F9_PREVIOUS_LEDGER) is a refused drop, key `ledger:forecast_ledger`.
 */
export function ledgerComparison(baseline: LedgerBaseline, current: readonly LedgerEntry[]): Comparison {
  const previous = baseline.entries ?? [];
  const now = new Map(current.map((e) => [e.entry_id, ledgerCsv([e])]));
  const lost = previous.filter((e) => !now.has(e.entry_id));
  const changed = previous.filter((e) => now.has(e.entry_id) && now.get(e.entry_id) !== ledgerCsv([e]));
  const before = Math.max(previous.length, baseline.published ?? 0);
  // Entries that cannot be checked are as good as lost.
  const short = current.length < before || (baseline.entries === null && before > 0);
  const list = (es: LedgerEntry[]) => es.slice(0, 5).map((e) => e.entry_id).join(", ") + (es.length > 5 ? ", …" : "");
  const what =
    `forecast ledger entries of the last good release (${baseline.path})` +
    (baseline.entries === null && baseline.published ? `; it published ${baseline.published} entries but the ledger file beside its record is missing` : "") +
    (lost.length ? `; lost: ${list(lost)}` : "") +
    (changed.length ? `; rewritten: ${list(changed)}` : "");
  // After: the last good entries still here unchanged (none can be checked without its file).
  const after = baseline.entries === null ? 0 : previous.length - lost.length - changed.length;
  return { key: "ledger:forecast_ledger", what, before, after, drop: short || lost.length + changed.length > 0 };
}

export function enforceLedgerContract(baseline: LedgerBaseline, current: readonly LedgerEntry[], accept: (key: string) => boolean): Comparison {
  const c = ledgerComparison(baseline, current);
  if (c.drop && !accept(c.key)) throw new DataContractError([c], { kind: "last good release", path: baseline.path, recordings: null });
  return c;
}

/** Range and shape checks, naming the entry and field. */
export function ledgerViolations(entries: readonly LedgerEntry[], now: Date): string[] {
  const out: string[] = [];
  const ids = new Set<string>();
  for (const e of entries) {
    const at = `forecast_ledger entry ${e.entry_id}`;
    if (ids.has(e.entry_id)) out.push(`${at}: entry_id appears twice`);
    ids.add(e.entry_id);
    for (const f of ["probability", "probability_low", "probability_high", "base_rate", "recent_rate"] as const) {
      if (!(e[f] > 0 && e[f] < 1)) out.push(`${at}, field ${f}: ${e[f]} is not a probability strictly between 0 and 1`);
    }
    if (!(e.probability_low <= e.probability && e.probability <= e.probability_high)) out.push(`${at}: probability ${e.probability} outside its interval ${e.probability_low}–${e.probability_high}`);
    for (const f of ["net_utc", "as_of", "frozen_at", "trained_before"] as const) if (!Number.isFinite(Date.parse(e[f]))) out.push(`${at}, field ${f}: not a time (${e[f]})`);
    if (Date.parse(e.frozen_at) > now.getTime() + 86_400_000) out.push(`${at}, field frozen_at: ${e.frozen_at} is after this build (${now.toISOString()})`);
    if (Date.parse(e.as_of) > Date.parse(e.frozen_at)) out.push(`${at}: as_of ${e.as_of} is after frozen_at ${e.frozen_at}`);
    if (Date.parse(e.trained_before) > Date.parse(e.as_of) && e.kind === "build") out.push(`${at}: trained_before ${e.trained_before} is after as_of ${e.as_of}`);
    if (!(e.training_rows > 0)) out.push(`${at}, field training_rows: ${e.training_rows}`);
  }
  return out;
}

/** What the landing record says about launches, by LL2 id (the fields scoring reads). */
/** A table's rows as read from Parquet. */
type Cells = Readonly<Record<string, unknown>>;

/**
 * What scoring reads: launches (launch_id, ll2_id, date_utc), landings (launch_id, booster_serial,
 * core_role, label, landing_outcome) and LL2's upcoming states (ll2_id, booster_serial, core_role,
 * flown, outcome_landed, net_utc, rocket): the outcome where the record does not list a launch
 * yet, and which launches are still to fly.
 */
export interface RecordRows {
  launches: readonly Cells[];
  landings: readonly Cells[];
  upcoming: readonly Cells[];
}

const EPS = 1e-15;
const pointLogLoss = (label: number, p: number) => -Math.log(Math.min(1 - EPS, Math.max(EPS, label === 1 ? p : 1 - p)));
const pointBrier = (label: number, p: number) => (p - label) ** 2;
/** A launch that is neither in the record nor listed as upcoming this long after its NET did not happen. */
export const NOT_FLOWN_AFTER_DAYS = 30;

/**
 * How each entry came out: a pure function of the ledger and the record. The launch is found by
 * its LL2 id, the core by serial (else by role when the launch has one core of that role). Only
 * the last entry per core as of before lift-off is scored; earlier ones are superseded.
 */
export function scoreLedger(entries: readonly LedgerEntry[], record: RecordRows): LedgerScore[] {
  const launchOf = new Map(record.launches.filter((l) => l.ll2_id).map((l) => [String(l.ll2_id), l]));
  const coresOf = new Map<string, Cells[]>();
  for (const c of record.landings) coresOf.set(String(c.launch_id), [...(coresOf.get(String(c.launch_id)) ?? []), c]);
  const upcomingOf = new Map<string, Cells[]>();
  for (const u of record.upcoming) upcomingOf.set(String(u.ll2_id), [...(upcomingOf.get(String(u.ll2_id)) ?? []), u]);
  const latestRecord = Math.max(0, ...record.launches.map((l) => Date.parse(iso(l.date_utc)!)));
  const role = (e: LedgerEntry) => e.core_key.replace(/^.*#/, "").replace(/-\d+$/, "");
  const pick = (cores: readonly Cells[], e: LedgerEntry): Cells | null =>
    (e.booster_serial ? cores.find((c) => c.booster_serial === e.booster_serial) : undefined) ??
    (cores.filter((c) => c.core_role === role(e)).length === 1 ? cores.find((c) => c.core_role === role(e))! : cores.length === 1 ? cores[0]! : null);

  const outcomes = entries.map((e) => {
    const launch = launchOf.get(e.ll2_id);
    const listed = upcomingOf.get(e.ll2_id) ?? [];
    const base = { entry_id: e.entry_id, lift_off_utc: null, label: null, outcome_source: null, log_loss: null, brier: null, base_rate_log_loss: null, base_rate_brier: null, recent_rate_log_loss: null, recent_rate_brier: null };
    if (launch) {
      const liftOff = iso(launch.date_utc)!;
      const core = pick(coresOf.get(String(launch.launch_id)) ?? [], e);
      const label = core && (core.label === 0 || core.label === 1) ? (core.label as number) : null;
      if (Date.parse(e.as_of) >= Date.parse(liftOff)) return { ...base, lift_off_utc: liftOff, label, status: "as of after lift-off" as const, note: `made with what was known at ${e.as_of}, not before lift-off (${liftOff})` };
      if (!core) return { ...base, lift_off_utc: liftOff, status: "awaiting outcome" as const, note: `the landing record lists the launch (${launch.launch_id}) but no core matching ${e.booster_serial ?? e.core_key}` };
      if (label === null) return { ...base, lift_off_utc: liftOff, status: "no labelled landing" as const, note: `landing record: ${core.landing_outcome ?? "no label"} (${launch.launch_id})` };
      return { ...base, lift_off_utc: liftOff, label, outcome_source: "landings", status: "scored" as const, note: `landing record, ${launch.launch_id}` };
    }
    const flown = listed.filter((u) => u.flown === true);
    if (flown.length) {
      const core = pick(flown, e);
      const label = core?.outcome_landed === true ? 1 : core?.outcome_landed === false ? 0 : null;
      const liftOff = iso(flown[0]!.net_utc)!;
      if (Date.parse(e.as_of) >= Date.parse(liftOff)) return { ...base, lift_off_utc: liftOff, label, status: "as of after lift-off" as const, note: `made with what was known at ${e.as_of}, not before lift-off (${liftOff}, LL2)` };
      if (label === null) return { ...base, lift_off_utc: liftOff, status: "awaiting outcome" as const, note: "flown (LL2's last state); no landing outcome recorded yet" };
      return { ...base, lift_off_utc: liftOff, label, outcome_source: "LL2 last state", status: "scored" as const, note: "LL2's last recorded state; the landing record does not list the launch yet" };
    }
    const stillListed = listed.length > 0 && listed.some((u) => !u.rocket || String(u.rocket).startsWith("Falcon"));
    const net = Date.parse(listed.length ? iso(listed[0]!.net_utc)! : e.net_utc);
    if (stillListed || latestRecord < net + NOT_FLOWN_AFTER_DAYS * 86_400_000) return { ...base, status: "awaiting outcome" as const, note: listed.length ? `still to fly (NET ${iso(listed[0]!.net_utc)})` : "not in the record yet" };
    return { ...base, status: "launch did not happen" as const, note: `no Falcon launch with LL2 id ${e.ll2_id} in the record or the upcoming states, ${NOT_FLOWN_AFTER_DAYS} days after its NET (${e.net_utc}): scrubbed, moved to another vehicle or never flown; closed, not scored` };
  });
  // Only the last entry per core made before lift-off is the forecast it is judged by.
  const lastScored = new Map<string, number>();
  outcomes.forEach((o, i) => {
    if (o.status !== "scored") return;
    const e = entries[i]!;
    const j = lastScored.get(e.core_key);
    if (j === undefined || Date.parse(entries[j]!.as_of) < Date.parse(e.as_of)) lastScored.set(e.core_key, i);
  });
  return outcomes.map((o, i): LedgerScore => {
    const e = entries[i]!;
    if (o.status !== "scored") return o;
    if (lastScored.get(e.core_key) !== i) return { ...o, label: o.label, outcome_source: o.outcome_source, status: "superseded", note: `a later entry for ${e.core_key} was made before lift-off; that one is scored` };
    const y = o.label!;
    return {
      ...o,
      log_loss: pointLogLoss(y, e.probability),
      brier: pointBrier(y, e.probability),
      base_rate_log_loss: pointLogLoss(y, e.base_rate),
      base_rate_brier: pointBrier(y, e.base_rate),
      recent_rate_log_loss: pointLogLoss(y, e.recent_rate),
      recent_rate_brier: pointBrier(y, e.recent_rate)
    };
  });
}

export interface LedgerSummary {
  entries: number;
  seeded: number;
  built: number;
  scored: number;
  failures: number;
  awaiting: number;
  closed: number;
  logLoss: number | null;
  brier: number | null;
  /** The recent rate's window of the latest entry. */
  recentN: number | null;
  /** Failures the scored entries expected (the sum of their failure probabilities): calibration in the large, against `failures`. */
  expectedFailures: number;
  baseRate: { logLoss: number; brier: number; expectedFailures: number } | null;
  recentRate: { logLoss: number; brier: number; expectedFailures: number } | null;
}

export function summarizeLedger(entries: readonly LedgerEntry[], scores: readonly LedgerScore[]): LedgerSummary {
  const scored = scores.filter((s) => s.status === "scored");
  const mean = (f: (s: LedgerScore) => number | null) => (scored.length ? scored.reduce((t, s) => t + f(s)!, 0) / scored.length : null);
  const entryOf = new Map(entries.map((e) => [e.entry_id, e]));
  const expected = (p: (e: LedgerEntry) => number) => scored.reduce((t, s) => t + 1 - p(entryOf.get(s.entry_id)!), 0);
  return {
    entries: entries.length,
    seeded: entries.filter((e) => e.kind === "seeded").length,
    built: entries.filter((e) => e.kind === "build").length,
    scored: scored.length,
    failures: scored.filter((s) => s.label === 0).length,
    awaiting: scores.filter((s) => s.status === "awaiting outcome").length,
    closed: scores.filter((s) => s.status !== "scored" && s.status !== "awaiting outcome" && s.status !== "superseded").length,
    logLoss: mean((s) => s.log_loss),
    brier: mean((s) => s.brier),
    recentN: [...entries].sort(ledgerTable.order).at(-1)?.recent_n ?? null,
    expectedFailures: expected((e) => e.probability),
    baseRate: scored.length ? { logLoss: mean((s) => s.base_rate_log_loss)!, brier: mean((s) => s.base_rate_brier)!, expectedFailures: expected((e) => e.base_rate) } : null,
    recentRate: scored.length ? { logLoss: mean((s) => s.recent_rate_log_loss)!, brier: mean((s) => s.recent_rate_brier)!, expectedFailures: expected((e) => e.recent_rate) } : null
  };
}

/**
 * The build's timestamp: F9_BUILD_TIME if set; in replay, the newest recorded state (so a replay of
 * the same recordings is reproducible, and says when its forecasts could have been made); live,
 * the clock.
 */
export function buildTimestamp(env: NodeJS.ProcessEnv, mode: "live" | "replay", newestRecordedState: string | null, clock: Date = new Date()): string {
  const set = env.F9_BUILD_TIME?.trim();
  if (set) {
    const ms = Date.parse(set);
    if (!Number.isFinite(ms)) throw new Error(`F9_BUILD_TIME=${set} is not an ISO-8601 time (e.g. 2026-08-22T17:00:00Z).`);
    return new Date(ms).toISOString();
  }
  if (mode === "replay" && newestRecordedState) return new Date(Date.parse(newestRecordedState)).toISOString();
  return clock.toISOString();
}

export const ledgerEntryId = (kind: LedgerEntry["kind"], coreKey: string, asOf: string) => `${kind}:${coreKey}@${asOf}`;

/** The ledger and its scores as Parquet, hashed like every table. */
export function ledgerFiles(entries: readonly LedgerEntry[], scores: readonly LedgerScore[]): { name: string; file: string; bytes: Uint8Array; sha256: string; rows: number }[] {
  return [
    { name: ledgerTable.name, rows: entries.length, bytes: toParquetLedger(entries) },
    { name: scoresTable.name, rows: scores.length, bytes: toParquet(scoresTable, scores) }
  ].map((t) => ({ ...t, file: `${t.name}.parquet`, sha256: sha256(t.bytes) }));
}

export class LedgerError extends Error {
  constructor(violations: string[]) {
    super(`forecast ledger: ${violations.length} problem${violations.length === 1 ? "" : "s"}; nothing was published:\n${violations.slice(0, 20).map((v) => `  ${v}`).join("\n")}\nA previous ledger with these entries is damaged: restore the last published forecast_ledger.parquet (F9_PREVIOUS_LEDGER=path). A new entry with them is a bug in src/ml/ledger.ts.`);
    this.name = "LedgerError";
  }
}

export interface AdvancedLedger {
  entries: LedgerEntry[];
  appended: LedgerEntry[];
  scores: LedgerScore[];
  summary: LedgerSummary;
  /** The comparison with the previous ledger; null when there was none. */
  comparison: Comparison | null;
}

/**
 * One build's step: the previous ledger, this build's candidates appended, checked (ranges, and
 * the contract that no entry of the previous ledger is lost or rewritten), then scored.
 */
export function advanceLedger(previous: { entries: LedgerEntry[]; path: string | null }, candidates: readonly LedgerEntry[], record: RecordRows, options: { now: Date; accept: (key: string) => boolean; lastGood?: LedgerBaseline | null }): AdvancedLedger {
  const { entries, appended } = appendToLedger(previous.entries, candidates);
  const violations = ledgerViolations(entries, options.now);
  if (violations.length) throw new LedgerError(violations);
  const baseline = options.lastGood ?? (previous.path ? { entries: previous.entries, published: null, path: previous.path } : null);
  const comparison = baseline ? enforceLedgerContract(baseline, entries, options.accept) : null;
  const scores = scoreLedger(entries, record);
  return { entries, appended, scores, summary: summarizeLedger(entries, scores), comparison };
}
