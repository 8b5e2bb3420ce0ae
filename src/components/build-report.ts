// The build report page's pieces: reading dist/build-log.json, charting loader times, and reading
// the data manifest (data-loaders/release.ts declares it) source by source and table by table.
import type { Manifest } from "../../data-loaders/release.ts";
import { loaderOutputs, loaderRuns, ranNow, type BuildHistory, type BuildHistoryEntry, type BuildLog, type LoaderRun, type RegistryModel } from "./build-log.js";
import * as Plot from "./guarded-plot.js";
import { ink } from "./palette.js";

export type { BuildHistory, BuildLog, LoaderRun, Manifest };
export { loaderOutputs, loaderRuns, ranNow };

/**
 * A file `npm run build` leaves beside the pages (build-log.json, build-history.json); null when
 * there is none (the preview server, or a dist/ built without npm run build), so the page can say
 * so instead of breaking.
 */
export async function loadBuildFile<T extends BuildLog | BuildHistory>(url: string): Promise<T | null> {
  const response = await fetch(url, { cache: "no-cache" });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`Could not read ${url}: HTTP ${response.status}. Rebuild the site with npm run build.`);
  return (await response.json()) as T;
}

/** Wall time of each loader, longest first; a reused output, if given one, in a lighter ink. */
export function LoaderTimingChart(loaders: readonly LoaderRun[], { width, ...options }: { width: number } & Record<string, unknown>) {
  const rows = loaders.map((l) => ({ file: l.file, seconds: (l.ms ?? 0) / 1000, run: ranNow(l) ? "ran in this build" : "output reused" }));
  // File names need room, but a phone keeps at least half its width for the bars.
  const marginLeft = Math.min(190, Math.round(width * 0.45));
  const fits = Math.floor((marginLeft - 10) / 6.5);
  return Plot.plot({
    width,
    height: 40 + 26 * Math.max(1, rows.length),
    marginLeft,
    x: { label: "Seconds", grid: true },
    // A name longer than the margin keeps its end (the file), so no label is cut off at the edge.
    y: { label: null, tickFormat: (f: string) => (f.length > fits ? `…${f.slice(-(fits - 1))}` : f) },
    color: { domain: ["ran in this build", "output reused"], range: [ink.strong, ink.faint], legend: true },
    marks: [Plot.barX(rows, { x: "seconds", y: "file", fill: "run", sort: { y: "-x" }, tip: true }), Plot.ruleX([0])],
    ...options
  });
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "–";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export interface SourceStatus {
  source: string;
  /** How its responses were obtained, e.g. "replayed", "live", "live, cached" (cached: a live recording under F9_MAX_AGE_HOURS old). */
  origin: string;
  responses: number;
  /** Earliest and latest retrieval time of its responses; null when the recordings do not say. */
  retrieved: [string, string] | null;
  coverage: { launches: number; first: string | null; last: string | null } | null;
  problems: { kind: string; count: number; examples: string[] }[];
}

/** One row per source named anywhere in the manifest: its responses, its coverage, its handled problems. */
export function sourceStatus(manifest: Manifest): SourceStatus[] {
  const names = new Set([...manifest.responses.map((r) => r.source), ...manifest.coverage.map((c) => c.source), ...manifest.problems.map((p) => p.source)]);
  return [...names].sort().map((source) => {
    const responses = manifest.responses.filter((r) => r.source === source);
    const times = responses.map((r) => r.retrieved_at).filter((t): t is string => t !== null).sort();
    const coverage = manifest.coverage.find((c) => c.source === source);
    return {
      source,
      origin: [...new Set(responses.map((r) => r.origin))].sort().join(", ") || "no responses",
      responses: responses.length,
      retrieved: times.length ? [times[0]!, times[times.length - 1]!] : null,
      coverage: coverage ? { launches: coverage.launches, first: coverage.first, last: coverage.last } : null,
      problems: manifest.problems.filter((p) => p.source === source).map(({ kind, count, examples }) => ({ kind, count, examples }))
    };
  });
}

type TableEntry = Manifest["tables"][number];

export interface TableChange {
  name: string;
  rows: number | null;
  previousRows: number | null;
  /** rows − previousRows; null when either side lacks the table. */
  change: number | null;
  sha256: string | null;
  /** Compared with the previous manifest: same bytes, other bytes, or a table only one side has. */
  status: "unchanged" | "changed" | "new" | "removed" | "no previous manifest";
}

/** This build's tables next to an earlier build's, by name; tables the earlier one had and this lacks come last. */
export function compareTables(current: readonly TableEntry[], previous: readonly TableEntry[] | null): TableChange[] {
  const before = new Map((previous ?? []).map((t) => [t.name, t]));
  const rows: TableChange[] = current.map((t) => {
    const old = before.get(t.name);
    const status = previous === null ? "no previous manifest" : !old ? "new" : old.sha256 === t.sha256 ? "unchanged" : "changed";
    return { name: t.name, rows: t.rows, previousRows: old?.rows ?? null, change: old ? t.rows - old.rows : null, sha256: t.sha256, status };
  });
  const names = new Set(current.map((t) => t.name));
  for (const old of previous ?? []) {
    if (!names.has(old.name)) rows.push({ name: old.name, rows: null, previousRows: old.rows, change: null, sha256: null, status: "removed" });
  }
  return rows;
}

/**
 * The tables of an earlier build's manifest (F9_PREVIOUS_MANIFEST), or why they cannot be read:
 * that file comes from outside this build and may be of another format.
 */
export function previousTables(manifest: Record<string, unknown>): { tables: TableEntry[] } | { problem: string } {
  const tables = manifest.tables;
  const valid = (t: unknown): t is TableEntry =>
    !!t && typeof t === "object" && typeof (t as TableEntry).name === "string" && Number.isInteger((t as TableEntry).rows) && typeof (t as TableEntry).sha256 === "string";
  if (!Array.isArray(tables)) return { problem: `it has no "tables" list (format ${JSON.stringify(manifest.format ?? "unknown")})` };
  const bad = tables.findIndex((t) => !valid(t));
  if (bad >= 0) return { problem: `its table ${bad + 1} lacks a name, an integer row count or a sha256` };
  return { tables: tables as TableEntry[] };
}

export function formatChange(change: number | null): string {
  if (change === null) return "–";
  return change > 0 ? `+${change}` : change < 0 ? `−${-change}` : "0";
}

export interface ModelVersion {
  model: RegistryModel;
  /** Builds that published this model (same id: same data, parameters and code). */
  builds: number;
  firstBuilt: string;
  lastBuilt: string;
  /** SHA-256 of the data manifest published beside it by the first build that published it. */
  manifestSha256: string | null;
}

/** Every distinct published model across the history, oldest first, with the builds that published it. */
export function modelVersions(builds: readonly BuildHistoryEntry[]): ModelVersion[] {
  const versions = new Map<string, ModelVersion>();
  for (const build of builds) {
    for (const model of build.models) {
      const seen = versions.get(model.id);
      if (seen) Object.assign(seen, { builds: seen.builds + 1, lastBuilt: build.finishedAt });
      else versions.set(model.id, { model, builds: 1, firstBuilt: build.finishedAt, lastBuilt: build.finishedAt, manifestSha256: build.manifestSha256 });
    }
  }
  return [...versions.values()];
}

/** A model's cross-validated metrics at each build that published it, for a chart across data versions. */
export function ModelMetricChart(builds: readonly BuildHistoryEntry[], { width, metric = "cvRocAuc", ...options }: { width: number; metric?: "cvRocAuc" | "cvAccuracy" } & Record<string, unknown>) {
  const points = builds.flatMap((b) =>
    b.models.filter((m) => typeof m[metric] === "number").map((m) => ({ build: new Date(b.finishedAt), value: m[metric] as number, model: m.name, data: m.dataHash.slice(0, 8) }))
  );
  return Plot.plot({
    width,
    height: 260,
    x: { label: "Build", type: "utc" },
    y: { label: metric === "cvRocAuc" ? "10-fold ROC-AUC" : "10-fold accuracy", domain: [0.5, 1], grid: true },
    color: { legend: true },
    marks: [
      // One series per model, said outright: with few builds each series has a point or two, which
      // Plot's implicit-z check takes for a quantitative stroke and flags with a ⚠.
      Plot.lineY(points, { x: "build", y: "value", stroke: "model", z: "model" }),
      Plot.dot(points, { x: "build", y: "value", stroke: "model", fill: "model", tip: true, title: (d: { model: string; data: string; value: number }) => `${d.model}, data ${d.data}: ${d.value.toFixed(3)}` })
    ],
    ...options
  });
}

export type Contracts = NonNullable<BuildLog["contracts"]>;

export interface ContractSummary {
  /** Which baseline the build was held to, in a sentence. */
  baseline: string;
  /** The file compared with, null when none. */
  path: string | null;
  comparisons: number;
  /** Drops published on purpose (F9_ACCEPT_DROP), one per key. */
  accepted: { key: string; what: string; before: string; after: string }[];
  warnings: Contracts["warnings"] & {};
}

/** What the report says about the data contracts of a build (logs before the expected release lack `baseline`). */
export function contractSummary(contracts: Contracts | undefined | null): ContractSummary | null {
  if (!contracts) return null;
  const baseline = contracts.baseline === undefined ? (contracts.lastGood ? { kind: "last good release" as const, path: contracts.lastGood, recordings: null } : null) : contracts.baseline;
  const text = !baseline
    ? "Nothing to compare with: no last good release of these data, and no expected release."
    : baseline.kind === "expected release"
      ? `No last good release of ${baseline.recordings ? "these recordings" : "live builds"} yet: held to the expected release (launches and labelled landings per source and year, derived from the recorded release)`
      : contracts.baseline === undefined
        ? "Held to the last good release"
        : `Held to the last good release of ${baseline.recordings ? `the recordings in ${baseline.recordings}` : "live builds"}`;
  return {
    baseline: text,
    path: baseline?.path ?? null,
    comparisons: contracts.comparisons.length,
    accepted: contracts.comparisons.filter((c) => c.drop).map((c) => ({ key: c.key, what: c.what, before: String(c.before), after: String(c.after) })),
    warnings: contracts.warnings ?? []
  };
}
