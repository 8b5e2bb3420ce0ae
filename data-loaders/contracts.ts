// Data contracts: what a release is about to publish, compared with the last good release. A
// source that answers with a valid but much shorter list, or a field renamed in every record, parses
// without error; only the comparison with what was published before shows the loss. A drop beyond
// the tolerance fails, naming what dropped, the figures before and after, and the command that
// accepts it deliberately.
import { existsSync, realpathSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { parquetReadObjects } from "hyparquet";
import type { RawResponse } from "./http.ts";
import { sha256, writeAtomically } from "./http.ts";
import { ARCHIVE_NOT_LIVE } from "./sources/ll2-upcoming.ts";
import { EXTRACT_NOT_LIVE } from "./sources/recorded-extract.ts";
import { readJsonFile } from "./validate.ts";

/** A source losing more than this share of its records, or a column of its known values, fails. */
export const TOLERANCE = 0.05;
/** A field present in at least this share of a source's records is one the source promises. */
export const FIELD_PROMISED = 0.5;
/**
 * Disagreements between sources rising by more than this share (in all, or on one field) is a
 * warning on the build report. Fewer disagreements is good news, so the reconciliation table is
 * reported but never held to a drop.
 */
export const DISAGREEMENT_TOLERANCE = 0.1;
/** Tables whose rows are a log of the data (disagreements), not data: compared, never a drop. */
const REPORTED_ONLY_TABLES = new Set(["reconciliation"]);

/** Per year: launches, and landings with a label (0 or 1). */
export interface YearFigures {
  launches: number;
  labelled: number;
}
/** Per source (and `merged`, the release as a whole), per year. */
export type YearlyFigures = Record<string, Record<string, YearFigures>>;

/** Per source: records received, and the share of records that carry each field (fields of the lists in its JSON and CSV responses). */
export interface SourceContract {
  source: string;
  records: number;
  fields: Record<string, number>;
}

/** The parts of a manifest the contracts read; older manifests lack some and are compared on what they have. */
export interface ContractManifest {
  mode?: string;
  tables?: { name: string; rows: number; known?: Record<string, number> }[];
  sources?: SourceContract[];
  coverage?: { source: string; launches: number; first: string | null; last: string | null }[];
  /** Disagreements per field (the reconciliation table). */
  reconciliation?: Record<string, number>;
  /** Launches and labelled landings per source and year (manifests since the expected release). */
  years?: YearlyFigures;
  problems?: { source: string; kind: string; count: number }[];
}

export interface Comparison {
  /** What `F9_ACCEPT_DROP` names to accept a drop here: source:ll2, table:landings, column:landings.landed, field:ll2.net, coverage:ll2. */
  key: string;
  what: string;
  before: number | string | null;
  after: number | string | null;
  drop: boolean;
}

/** A rise in disagreements beyond DISAGREEMENT_TOLERANCE: said on the build report, not fatal. */
export interface Warning {
  key: string;
  what: string;
  before: number;
  after: number;
}

/** What a release was compared with: the last good release of its recordings, or the expected release in the repository. */
export interface Baseline {
  kind: "last good release" | "expected release";
  /** The file compared with. */
  path: string;
  /** For a replay: the recordings whose last good release this is. */
  recordings: string | null;
}

/** Groups of keys accepted together: a source's fields, a table's columns, a source's expected years. */
const acceptKey = (key: string) => key.replace(/^(column|field|expected):([^.]+)\..*$/, "$1:$2");

export class DataContractError extends Error {
  constructor(
    readonly drops: Comparison[],
    baseline: Baseline | string
  ) {
    const keys = [...new Set(drops.map((d) => acceptKey(d.key)))].join(",");
    const against = typeof baseline === "string" ? { kind: "last good release", path: baseline, recordings: null } : baseline;
    const expected = against.kind === "expected release";
    super(
      `data contract: ${drops.length} drop${drops.length === 1 ? "" : "s"} against the ${against.kind} (${against.path})` +
        (expected
          ? `, checked because ${against.recordings ? "these recordings have" : "live builds have"} no last good release yet; a first build may not publish fewer launches or labelled landings in any year:\n`
          : `, beyond the ${TOLERANCE * 100}% tolerance:\n`) +
        drops.map((d) => `  ${d.key}: ${d.what}: ${d.before} ${expected ? "expected" : "before"}, ${d.after} now`).join("\n") +
        `\nNothing was published. If the upstream change is real and you mean to publish it, accept it deliberately: ` +
        `F9_ACCEPT_DROP=${keys} npm run build (or: npm run data -- --out DIR --accept-drop ${keys}).` +
        (expected ? ` If the recordings themselves changed on purpose, regenerate the expected release from them (F9_SNAPSHOTS=DIR npm run expectations) and review its diff.` : "")
    );
    this.name = "DataContractError";
  }
}

/**
 * Records and promised fields per source, from the raw responses (JSON record lists, CSV headers).
 * Fields are named by the list they belong to, `<URL path>#<list>[].<field>`, so that a source's
 * small lists (rockets, pads) and big ones (launches) are judged each on its own records.
 */
export function sourceContracts(responses: readonly RawResponse[], records: { source: string; records: number }[]): SourceContract[] {
  const seen = new Set<string>();
  const lists = new Map<string, Map<string, { total: number; counts: Map<string, number> }>>();
  for (const r of responses) {
    const id = `${r.source} ${r.method} ${r.url} ${r.sha256}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const bySource = lists.get(r.source) ?? new Map<string, { total: number; counts: Map<string, number> }>();
    lists.set(r.source, bySource);
    for (const { list, fields } of recordsOf(r)) {
      const entry = bySource.get(list) ?? { total: 0, counts: new Map<string, number>() };
      bySource.set(list, entry);
      entry.total++;
      for (const path of fields) entry.counts.set(path, (entry.counts.get(path) ?? 0) + 1);
    }
  }
  const names = [...new Set([...records.map((r) => r.source), ...lists.keys()])].sort();
  return names.map((source) => {
    const promised: Record<string, number> = {};
    for (const [list, { total, counts }] of lists.get(source) ?? []) {
      // Every field present, so that "absent from every record" can be told from "in a few".
      for (const [path, n] of counts) promised[`${list}.${path}`] = Math.max(0.001, Math.round((n / total) * 1000) / 1000);
    }
    const sorted = Object.fromEntries(Object.entries(promised).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return { source, records: records.filter((r) => r.source === source).reduce((s, r) => s + r.records, 0), fields: sorted };
  });
}

/** Each record of a response: the list it belongs to, and its field paths ("landing.success", "cores[].flight"). */
function recordsOf(response: RawResponse): { list: string; fields: Set<string> }[] {
  const text = response.body;
  const where = new URL(response.url).pathname;
  if (/csv/i.test(response.contentType) || /\.csv(\?|$)/.test(response.url)) {
    const end = text.indexOf("\n");
    const header = (end < 0 ? text : text.slice(0, end)).trim();
    const lines = text.split("\n").filter((l) => l.trim()).length - 1;
    const fields = new Set(header.split(",").map((c) => c.trim().replace(/^"|"$/g, "")));
    return Array.from({ length: Math.max(0, lines) }, () => ({ list: `${where}#rows[]`, fields }));
  }
  if (!/json/i.test(response.contentType) && !/^\s*[[{]/.test(text)) return [];
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return []; // the source's own parser has already said what is wrong with it
  }
  const out: { list: string; fields: Set<string> }[] = [];
  const find = (value: unknown, path: string, depth: number) => {
    if (Array.isArray(value)) {
      const records = value.filter(isRecord);
      if (records.length * 2 > value.length) for (const record of records) out.push({ list: `${where}#${path}[]`, fields: paths(record, "", 0, new Set()) });
    } else if (isRecord(value) && depth < 3) for (const [k, v] of Object.entries(value)) find(v, path ? `${path}.${k}` : k, depth + 1);
  };
  find(body, "", 0);
  return out;
}

function paths(record: Record<string, unknown>, prefix: string, depth: number, out: Set<string>): Set<string> {
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    const path = prefix + key;
    out.add(path);
    if (depth >= 2) continue;
    if (isRecord(value)) paths(value, `${path}.`, depth + 1, out);
    else if (Array.isArray(value)) for (const item of value) if (isRecord(item)) paths(item, `${path}[].`, depth + 1, out);
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Known values per column: neither null nor "unknown". */
export async function knownValues(bytes: Uint8Array): Promise<Record<string, number>> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
  const known: Record<string, number> = {};
  for (const row of rows) {
    for (const [column, value] of Object.entries(row)) {
      known[column] ??= 0;
      const isKnown = value !== null && value !== undefined && !(typeof value === "number" && Number.isNaN(value)) && !(typeof value === "string" && /^unknown$/i.test(value.trim()));
      if (isKnown) known[column]!++;
    }
  }
  return known;
}

/** Every comparison of `current` with `previous`; `drop` marks those beyond the tolerance. */
export function compareReleases(previous: ContractManifest, current: ContractManifest, tolerance = TOLERANCE): Comparison[] {
  const out: Comparison[] = [];
  const fell = (before: number, after: number) => before > 0 && after < before * (1 - tolerance);
  const count = (key: string, what: string, before: number | undefined, after: number | undefined) => {
    if (before === undefined) return;
    out.push({ key, what, before, after: after ?? 0, drop: fell(before, after ?? 0) });
  };
  for (const before of previous.sources ?? []) {
    const now = current.sources?.find((s) => s.source === before.source);
    count(`source:${before.source}`, `records received from ${before.source}`, before.records, now?.records);
    // A field most records had, absent from every record now: schema drift, not a column of nulls.
    // (Fewer records carrying it shows in the known values of the columns it feeds.)
    for (const [field, share] of Object.entries(before.fields)) {
      if (share < FIELD_PROMISED || !now || now.records === 0 || now.fields[field] !== undefined) continue;
      if (Object.keys(now.fields).some((f) => f.startsWith(field.slice(0, field.indexOf("#") + 1)))) {
        out.push({ key: `field:${before.source}.${field}`, what: `${before.source} field "${field}", in ${share * 100}% of records before, absent from every record now: schema drift`, before: share, after: 0, drop: true });
      }
    }
  }
  for (const before of previous.tables ?? []) {
    const now = current.tables?.find((t) => t.name === before.name);
    const from = out.length;
    count(`table:${before.name}`, `rows of table ${before.name}`, before.rows, now?.rows);
    for (const [column, known] of Object.entries(before.known ?? {})) {
      count(`column:${before.name}.${column}`, `known values (not null, not "unknown") in ${before.name}.${column}`, known, now?.known?.[column]);
    }
    if (REPORTED_ONLY_TABLES.has(before.name)) for (const c of out.slice(from)) c.drop = false;
  }
  for (const before of previous.coverage ?? []) {
    const now = current.coverage?.find((c) => c.source === before.source);
    count(`coverage:${before.source}`, `launches covered by ${before.source}`, before.launches, now?.launches);
    const span = (c: { first: string | null; last: string | null } | undefined) => (c?.first && c.last ? Date.parse(c.last) - Date.parse(c.first) : 0);
    const [b, a] = [span(before), span(now)];
    if (b > 0) {
      out.push({
        key: `coverage:${before.source}`,
        what: `dates covered by ${before.source}`,
        before: `${before.first?.slice(0, 10)}…${before.last?.slice(0, 10)}`,
        after: now?.first ? `${now.first.slice(0, 10)}…${now.last?.slice(0, 10)}` : "none",
        drop: fell(b, a)
      });
    }
  }
  return out;
}

/** Total and per-field disagreements that rose beyond DISAGREEMENT_TOLERANCE. */
export function disagreementWarnings(previous: ContractManifest, current: ContractManifest, tolerance = DISAGREEMENT_TOLERANCE): Warning[] {
  if (!previous.reconciliation || !current.reconciliation) return [];
  const total = (r: Record<string, number>) => Object.values(r).reduce((s, n) => s + n, 0);
  const rose = (before: number, after: number) => after > before * (1 + tolerance);
  const out: Warning[] = [];
  const [before, after] = [total(previous.reconciliation), total(current.reconciliation)];
  if (rose(before, after)) out.push({ key: "reconciliation", what: "disagreements between sources (the reconciliation table)", before, after });
  for (const field of [...new Set([...Object.keys(previous.reconciliation), ...Object.keys(current.reconciliation)])].sort()) {
    const [b, a] = [previous.reconciliation[field] ?? 0, current.reconciliation[field] ?? 0];
    if (rose(b, a)) out.push({ key: `reconciliation:${field}`, what: `disagreements on ${field}`, before: b, after: a });
  }
  return out;
}

/**
 * Problem kinds that say a source was not read at all in this mode (recorded-only extracts and
 * archives in a live build): such a source is not held to what the recordings know of it.
 */
const NOT_READ_IN_THIS_MODE = new Set([EXTRACT_NOT_LIVE, ARCHIVE_NOT_LIVE]);

/**
 * Every figure of the expected release against this release: no year may have fewer launches or
 * labelled landings, in the release as a whole (`merged`) or from any source this run read.
 */
export function compareWithExpected(expected: YearlyFigures, current: ContractManifest): Comparison[] {
  const unread = new Set((current.problems ?? []).filter((p) => NOT_READ_IN_THIS_MODE.has(p.kind)).map((p) => p.source));
  const out: Comparison[] = [];
  for (const [source, years] of Object.entries(expected)) {
    if (unread.has(source)) continue;
    const whose = source === "merged" ? "all sources merged" : source;
    for (const [year, figures] of Object.entries(years)) {
      const now = current.years?.[source]?.[year] ?? { launches: 0, labelled: 0 };
      out.push({ key: `expected:${source}.${year}`, what: `launches in ${year} (${whose})`, before: figures.launches, after: now.launches, drop: now.launches < figures.launches });
      out.push({ key: `expected:${source}.${year}`, what: `labelled landings in ${year} (${whose})`, before: figures.labelled, after: now.labelled, drop: now.labelled < figures.labelled });
    }
  }
  return out;
}

/** `F9_ACCEPT_DROP=source:ll2,table:landings` (or `all`): the drops a run publishes on purpose. */
export function acceptedDrops(value: string | undefined): (key: string) => boolean {
  const keys = new Set((value ?? "").split(",").map((k) => k.trim()).filter(Boolean));
  return (key) => keys.has("all") || keys.has(key) || keys.has(acceptKey(key));
}

/**
 * Where the last good release's manifest is kept: one for live builds, and one per recording set
 * for replays, keyed by the recordings' resolved path, so that a replay of altered or older
 * recordings never becomes the baseline of the real ones (nor of each other).
 */
export function lastGoodPath(http: { mode: string; snapshotDir?: string | null }, env: NodeJS.ProcessEnv = process.env, root = process.cwd()): string {
  const dir = resolve(root, env.F9_LAST_GOOD?.trim() || ".f9-last-good");
  if (http.mode !== "replay" || !http.snapshotDir) return join(dir, `manifest.${http.mode}.json`);
  const recordings = existsSync(http.snapshotDir) ? realpathSync(http.snapshotDir) : resolve(http.snapshotDir);
  const name = basename(recordings).replace(/[^\w.-]+/g, "_") || "root";
  return join(dir, `manifest.replay.${name}-${sha256(recordings).slice(0, 12)}.json`);
}

export function readLastGood(path: string): ContractManifest | null {
  if (!existsSync(path)) return null;
  const manifest = readJsonFile(path, "the last good release's manifest (delete it to start the comparison afresh)");
  if (!isRecord(manifest)) throw new Error(`${path}: the last good release's manifest is not a JSON object; delete it to start the comparison afresh.`);
  return manifest as ContractManifest;
}

/** Called only once a release is written whole: the next run compares against it. */
export function recordLastGood(path: string, manifestJson: string): void {
  writeAtomically(path, manifestJson);
}

export interface ContractResult {
  /** What this release was compared with; null when there was nothing (no last good release, no expected release). */
  baseline: Baseline | null;
  comparisons: Comparison[];
  warnings: Warning[];
}

/**
 * The comparisons of a release with its baseline: the last good release of its recordings, or,
 * when there is none yet (a fresh clone, new recordings), the expected release in the repository.
 */
export function compareWithBaseline(current: ContractManifest, lastGood: string, expectedPath: string | null, recordings: string | null, root = process.cwd()): ContractResult {
  const previous = readLastGood(lastGood);
  const shown = (path: string) => shownPath(path, root);
  if (previous) {
    return { baseline: { kind: "last good release", path: shown(lastGood), recordings: recordings && shown(recordings) }, comparisons: compareReleases(previous, current), warnings: disagreementWarnings(previous, current) };
  }
  if (expectedPath && existsSync(expectedPath)) {
    return { baseline: { kind: "expected release", path: shown(expectedPath), recordings: recordings && shown(recordings) }, comparisons: compareWithExpected(readExpected(expectedPath), current), warnings: [] };
  }
  return { baseline: null, comparisons: [], warnings: [] };
}

/**
 * Compare with the baseline; throw a DataContractError on any drop not accepted.
 * Returns every comparison and warning, for the run's report.
 */
export function enforceContracts(current: ContractManifest, lastGood: string, accept: (key: string) => boolean, expectedPath: string | null = null, recordings: string | null = null, root = process.cwd()): ContractResult {
  const result = compareWithBaseline(current, lastGood, expectedPath, recordings, root);
  const drops = result.comparisons.filter((c) => c.drop && !accept(c.key));
  if (drops.length) throw new DataContractError(drops, result.baseline!);
  return result;
}

/** The expected release's figures; an error naming the file when it is not one. */
export function readExpected(path: string): YearlyFigures {
  const parsed = readJsonFile(path, "the expected release (regenerate it with: F9_SNAPSHOTS=DIR npm run expectations)") as { format?: unknown; years?: unknown };
  if (parsed?.format !== EXPECTED_FORMAT || !isRecord(parsed.years)) {
    throw new Error(`${path} is not an expected release (format ${EXPECTED_FORMAT} with "years"); regenerate it with: F9_SNAPSHOTS=DIR npm run expectations.`);
  }
  return parsed.years as YearlyFigures;
}

export const EXPECTED_FORMAT = "falcon9-landing-lab/expected-release@1";


/** A path as a report shows it: relative to the project inside it, absolute outside. */
export function shownPath(path: string, root = process.cwd()): string {
  const rel = relative(root, path);
  return rel && !rel.startsWith("..") ? rel : path;
}

/** The expected release kept in the repository (F9_EXPECTED_RELEASE=path for another). */
export function expectedReleasePath(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): string {
  return resolve(root, env.F9_EXPECTED_RELEASE?.trim() || "data-loaders/expected-release.json");
}
