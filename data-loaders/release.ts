// A data release: every table built from one Http (each source asked once), and the manifest that
// says what went in (every raw response, its hash, live or replayed) and what came out (every
// Parquet file, its rows and hash), with the problems handled on the way. The CLI writes it to a
// directory; the site publishes the manifest as data/manifest.json.
import * as aq from "arquero";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { parquetMetadata } from "hyparquet";
import { projectRoot } from "./config.ts";
import { acceptedDrops, enforceContracts, expectedReleasePath, knownValues, lastGoodPath, sourceContracts, type ContractResult, type SourceContract, type YearlyFigures } from "./contracts.ts";
import { buildLandings, buildLaunches, buildPreflightLosses, buildReconciliation, buildUpcoming } from "./datasets.ts";
import { sha256, type Http } from "./http.ts";
import { loadHistory, WIKI_FAMILY, type History } from "./launch-history.ts";
import type { ProblemCount } from "./problems.ts";
import { buildTelemetry, buildTelemetrySeries } from "./telemetry.ts";
import { rangeViolations, readJsonFile, ValueRangeError } from "./validate.ts";
import { buildWeather } from "./weather.ts";

export interface TableFile {
  name: string;
  file: string;
  bytes: Uint8Array;
  rows: number;
  sha256: string;
  /** Per column, the values that are neither null nor "unknown". */
  known: Record<string, number>;
}

export interface ManifestResponse {
  source: string;
  method: string;
  url: string;
  request_body: unknown;
  origin: "live" | "cached" | "replayed";
  /** When the response left the server; null when the recording does not say (shared snapshots). */
  retrieved_at: string | null;
  sha256: string;
  /** The recording it was replayed from or recorded to, relative to the project. */
  recording: string | null;
  /** For a shared-snapshot file: the public repository, path and commit it was copied from. */
  copied_from: { repo: string; path: string; commit: string } | null;
}

export interface Manifest {
  format: "falcon9-landing-lab/data-manifest@1";
  /** "replay" (F9_SNAPSHOTS) or "live". */
  mode: "live" | "replay";
  /** `known` (values per column neither null nor "unknown") since the data contracts; older manifests lack it. */
  tables: { name: string; file: string; rows: number; bytes: number; sha256: string; known?: Record<string, number> }[];
  responses: ManifestResponse[];
  /** Per source: records received, and the share of records carrying each field (the field contract). */
  sources: SourceContract[];
  /** Launches per source, the date range each covers, its unrecorded pages, and the launches only it lists by year. */
  coverage: { source: string; launches: number; first: string | null; last: string | null; pages_missing: number; only_source_by_year: Record<string, number> }[];
  reconciliation: Record<string, number>;
  /** Per source (and `merged`, the release as a whole), per year: launches and labelled landings (label 0 or 1). */
  years: YearlyFigures;
  /** Problems handled instead of failing: duplicates dropped, optional pages missing, … */
  problems: ProblemCount[];
}

export interface Release {
  tables: TableFile[];
  manifest: Manifest;
  /** The manifest as written: stable key order, newline-terminated. */
  manifestJson: string;
  history: History;
  /** The comparison with the last good release, or with the expected release on a first run; a drop not accepted has already failed. */
  contracts: ContractResult;
}

export interface ReleaseOptions {
  /** Range checks allow dates up to a year after this. */
  now?: Date;
  /** Where the last good manifest is kept (default: lastGoodPath, under `.f9-last-good/` or F9_LAST_GOOD=DIR). */
  lastGood?: string;
  /** The expected release a run without a last good release is held to (default data-loaders/expected-release.json, or F9_EXPECTED_RELEASE); null for none. */
  expected?: string | null;
  /** False to skip the contracts (the expected release's own generator). */
  contracts?: boolean;
  /** Drops published on purpose (default F9_ACCEPT_DROP). */
  accept?: (key: string) => boolean;
}

type Builder = (http: Http, history: History, log: (line: string) => void) => Promise<Uint8Array>;

/** Every published table, in the order the CLI writes them. */
export const TABLE_BUILDERS: { name: string; build: Builder }[] = [
  { name: "launches", build: (http) => buildLaunches(http) },
  { name: "landings", build: (http) => buildLandings(http) },
  { name: "upcoming", build: (http) => buildUpcoming(http) },
  { name: "reconciliation", build: (http) => buildReconciliation(http) },
  { name: "preflight_losses", build: (http) => buildPreflightLosses(http) },
  { name: "weather", build: (http, history, log) => buildWeather(http, history.launches, { log, problems: history.problems }) },
  { name: "telemetry", build: (http, history, log) => buildTelemetry(http, history.launches, { log }) },
  { name: "telemetry_series", build: (http, history, log) => buildTelemetrySeries(http, history.launches, { log }) }
];

/**
 * Build every table in memory, check values and the data contracts; nothing is written, so a
 * failure leaves no partial output.
 */
export async function buildRelease(http: Http, log: (line: string) => void = () => {}, options: ReleaseOptions = {}): Promise<Release> {
  const history = await loadHistory(http, log);
  const now = options.now ?? new Date();
  checkYearPages(history);
  const violations = [
    ...rangeViolations("launches", history.launches, (l) => `${l.launchId} "${l.name}" (sources ${(l.sources as string[]).join(", ")})`, now),
    ...rangeViolations("landings", history.landings, (l) => `${l.landingId} (sources ${(l.sources as string[]).join(", ")})`, now)
  ];
  if (violations.length) throw new ValueRangeError(violations);
  const tables: TableFile[] = [];
  for (const { name, build } of TABLE_BUILDERS) {
    const start = performance.now();
    const bytes = await build(http, history, log);
    const rows = Number(parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer).num_rows);
    tables.push({ name, file: `${name}.parquet`, bytes, rows, sha256: sha256(bytes), known: await knownValues(bytes) });
    log(`table ${name}: ${rows} rows, ${bytes.byteLength} bytes in ${((performance.now() - start) / 1000).toFixed(2)} s`);
  }
  // Every merged launch and core is a row: a table never loses one on the way.
  for (const [table, merged] of [["launches", history.launches.length], ["landings", history.landings.length]] as const) {
    const rows = tables.find((t) => t.name === table)?.rows;
    if (rows !== undefined && rows !== merged) throw new Error(`table ${table} has ${rows} rows but the merged history has ${merged}: a table builder in data-loaders/datasets.ts dropped or added rows.`);
  }
  const manifest = manifestOf(http, history, tables);
  const lastGood = options.lastGood ?? lastGoodPath(http, process.env, projectRoot);
  const expected = options.expected === undefined ? expectedReleasePath(process.env, projectRoot) : options.expected;
  const contracts =
    options.contracts === false
      ? { baseline: null, comparisons: [], warnings: [] }
      : enforceContracts(manifest, lastGood, options.accept ?? acceptedDrops(process.env.F9_ACCEPT_DROP), expected, http.snapshotDir, projectRoot);
  for (const c of contracts.comparisons.filter((c) => c.drop)) log(`contract: accepted drop ${c.key}: ${c.what}: ${c.before} ${contracts.baseline?.kind === "expected release" ? "expected" : "before"}, ${c.after} now`);
  return { tables, manifest, manifestJson: JSON.stringify(manifest, null, 2) + "\n", history, contracts };
}

function manifestOf(http: Http, history: History, tables: TableFile[]): Manifest {
  // One entry per distinct response: a request asked twice (two tables) is one input.
  const responses = new Map<string, ManifestResponse>();
  const provenance = snapshotProvenance(http.snapshotDir);
  for (const r of http.responses) {
    const key = `${r.method} ${r.url} ${JSON.stringify(r.requestBody ?? null)} ${r.sha256}`;
    if (responses.has(key)) continue;
    responses.set(key, {
      source: r.source,
      method: r.method,
      url: r.url,
      request_body: r.requestBody ?? null,
      origin: r.origin,
      retrieved_at: r.retrievedAt,
      sha256: r.sha256,
      recording: r.recording ? relative(projectRoot, r.recording) : null,
      copied_from: (r.recording && http.snapshotDir && provenance.get(relative(http.snapshotDir, r.recording))) || null
    });
  }
  const reconciliation: Record<string, number> = {};
  for (const d of history.reconciliation) reconciliation[d.field] = (reconciliation[d.field] ?? 0) + 1;
  return {
    format: "falcon9-landing-lab/data-manifest@1",
    mode: http.mode,
    tables: tables.map(({ name, file, rows, bytes, sha256, known }) => ({ name, file, rows, bytes: bytes.byteLength, sha256, known })),
    responses: [...responses.values()].sort((a, b) => (a.source + a.url < b.source + b.url ? -1 : a.source + a.url > b.source + b.url ? 1 : 0)),
    coverage: history.coverage.map((c) => ({
      source: c.source,
      launches: c.launches,
      first: c.first,
      last: c.last,
      pages_missing: c.pagesMissing,
      only_source_by_year: c.onlySource
    })),
    sources: sourceContracts(http.responses, history.timings),
    reconciliation: Object.fromEntries(Object.entries(reconciliation).sort()),
    years: yearlyFigures(history),
    problems: history.problems.list()
  };
}

/**
 * Launches and labelled landings per year, for the release as a whole (`merged`) and per source
 * that lists them: each record unrolled over its sources, then counted by source and year. arquero
 * does this reshaping here, in Node, where its compiled expressions are allowed; the pages run
 * under a Content-Security-Policy without 'unsafe-eval', which arquero's verbs need (docs/deploying.md).
 */
function yearlyFigures(history: Pick<History, "launches" | "landings">): YearlyFigures {
  const bySourceAndYear = (rows: { dateUtc: string; sources: readonly string[] }[], as: string) =>
    aq
      .from(rows.map((r) => ({ year: r.dateUtc.slice(0, 4), source: ["merged", ...r.sources] })))
      .unroll("source")
      .groupby("source", "year")
      .count({ as });
  const figures = bySourceAndYear(history.launches, "launches")
    .join_full(bySourceAndYear(history.landings.filter((l) => l.label !== null), "labelled"), [["source", "year"], ["source", "year"]])
    .impute({ launches: () => 0, labelled: () => 0 })
    // "merged" first, then sources and years in order, so the manifest stays byte-stable.
    .derive({ rank: aq.escape((d: { source: string }) => (d.source === "merged" ? 0 : 1)) })
    .orderby("rank", "source", "year")
    .objects() as { source: string; year: string; launches: number; labelled: number }[];
  const out: YearlyFigures = {};
  for (const f of figures) (out[f.source] ??= {})[f.year] = { launches: f.launches, labelled: f.labelled };
  return out;
}

/**
 * A Wikipedia year page that is missing is a gap only where no other Wikipedia page or
 * Wikipedia-derived extract covers its years (lists launches before and after them, or in them);
 * otherwise those years would vanish from the release without a word (a live build reads no
 * extract, so there the year pages are the record).
 */
function checkYearPages(history: History): void {
  // Within the span a page or extract covers, a year without launches (2011) had none.
  const spans = history.coverage.filter((c) => WIKI_FAMILY.includes(c.source) && c.first && c.last).map((c) => [Number(c.first!.slice(0, 4)), Number(c.last!.slice(0, 4))] as const);
  const covered = (year: number) => spans.some(([first, last]) => first <= year && year <= last);
  const gaps = history.yearPagesMissing.flatMap((p) => p.years.filter((y) => !covered(y)).map((year) => ({ ...p, year })));
  if (!gaps.length) return;
  throw new Error(
    `wikipedia: ${gaps.length} year${gaps.length === 1 ? "" : "s"} that no Wikipedia page nor Wikipedia-derived extract covers in this ${history.mode === "live" ? "live build" : "replay"}; nothing was published:\n` +
      gaps.map((g) => `  ${g.year}: the year page ${g.page} (${g.url}) ${g.reason}`).join("\n") +
      `\nThe release would lose ${gaps.length === 1 ? "that year's" : "those years'"} launches. Check the page names in data-loaders/sources/wikipedia.ts (wikipediaCurrentPages), ` +
      `or replay recordings that hold the page or an extract covering the year (F9_SNAPSHOTS=DIR).`
  );
}

/** The shared snapshot layout's manifest.json: file → the repository, path and commit it came from. */
function snapshotProvenance(dir: string | null): Map<string, { repo: string; path: string; commit: string }> {
  const file = dir ? join(dir, "manifest.json") : null;
  if (!file || !existsSync(file)) return new Map();
  const parsed = readJsonFile(file, "the snapshot directory's manifest of copied files") as { files?: { file: string; repo: string; path: string; commit: string }[] };
  if (!Array.isArray(parsed?.files)) throw new Error(`${file} (the snapshot directory's manifest) has no "files" list; restore it from the snapshot's source.`);
  return new Map((parsed.files ?? []).map((f) => [f.file, { repo: f.repo, path: f.path, commit: f.commit }]));
}
