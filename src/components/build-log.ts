// dist/build-log.json: what `npm run build` (scripts/build.ts) did, read by the report page.
// One declaration for the writer and the reader.
import type { RegistryEntry } from "../ml/publish.js";

export interface LoaderRun {
  /** The file the loader produced, e.g. "/data/launches.parquet". */
  file: string;
  /**
   * Framework's cache verdict: "missing" or "stale" (the loader ran), "fresh" or "using stale"
   * (Framework reused the output of an earlier run), null if Framework did not say.
   */
  cache: string | null;
  status: "success" | "error" | "unfinished";
  /** Wall time Framework measured, ms; includes waiting for the cache. */
  ms: number | null;
  /** Output size as Framework printed it, e.g. "12.6 kB". */
  size: string | null;
  error: string | null;
  /** What the loader wrote on stderr while it ran (progress, per-source timings, handled problems). */
  log: string[];
  /**
   * Set when the build started this loader before Framework asked for it (data-loaders/prefetch.ts):
   * `ms` is then the loader's whole run, and this is how long Framework waited for it.
   */
  startedEarly?: { frameworkWaitedMs: number | null };
}

export interface BuildLog {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Where the data came from: replayed from a directory, or fetched live and recorded in one. */
  data: { mode: "live" | "replay"; directory: string };
  commit: { sha: string; modified: boolean } | null;
  node: string;
  framework: string;
  loaders: LoaderRun[];
  /** F9_PREVIOUS_MANIFEST: an earlier build's data/manifest.json, to compare row counts with. */
  previousManifest: { path: string; manifest: Record<string, unknown> } | null;
  /**
   * The data contracts: this build's manifest against its baseline, the last good release of the
   * same recordings (`lastGood`), or on a first build the expected release in the repository;
   * `drop` marks the changes past the tolerance, published because F9_ACCEPT_DROP accepted them.
   * `warnings`: disagreements between sources that rose by more than `tolerance` (older logs lack both).
   */
  contracts?: {
    lastGood: string | null;
    baseline?: { kind: "last good release" | "expected release"; path: string; recordings: string | null } | null;
    comparisons: { key: string; what: string; before: number | string | null; after: number | string | null; drop: boolean }[];
    warnings?: { key: string; what: string; before: number; after: number }[];
    tolerance?: number;
  };
  /** Where the build's time went, in order (buildStages); loaders' own "stage:" lines as "loader /file: stage". */
  stages?: BuildStage[];
}

export interface BuildStage {
  name: string;
  seconds: number;
}

/**
 * The phases of Framework's build, told apart by the first line of each in its output (lines carry
 * the time they arrived, ms since the build started), then the build script's own steps after
 * Framework exited (`after`), then each loader's "stage: NAME N s" lines. A phase Framework skipped
 * (no line of it) is left out rather than shown as zero.
 */
export function buildStages(lines: readonly { at: number; text: string }[], frameworkEndedAt: number, after: readonly BuildStage[], loaders: readonly LoaderRun[]): BuildStage[] {
  const phases: [string, RegExp][] = [
    ["reading pages (Markdown, imports, npm resolution)", /^load \//],
    ["search index and Framework's client bundles", /^index \/|^bundle \/_observablehq/],
    ["data loaders and file copies", /^copy src\/|^build src\/style/],
    ["npm bundles: hashing and copying", /^(alias|build) \/_(node|observablehq)\//],
    ["local modules (TypeScript transpiled)", /^copy src\/\S+\.(ts|js) → \S*_import\//],
    ["rendering pages", /^render \//]
  ];
  const starts: { name: string; at: number }[] = [{ name: "startup (build script, Framework and config loading)", at: 0 }];
  let next = 0;
  for (const { at, text } of lines) {
    const clean = text.replace(ANSI, "").trim();
    for (let p = next; p < phases.length; p++) {
      if (phases[p]![1].test(clean)) {
        starts.push({ name: phases[p]![0], at });
        next = p + 1;
        break;
      }
    }
  }
  const framework = starts.map((s, i) => ({ name: s.name, seconds: round(((starts[i + 1]?.at ?? frameworkEndedAt) - s.at) / 1000) }));
  const loaderStages = loaders.flatMap((run) =>
    run.log.flatMap((line) => {
      const m = /^stage: (.+) (\d+(?:\.\d+)?) s$/.exec(line);
      return m ? [{ name: `loader ${run.file}: ${m[1]}`, seconds: Number(m[2]) }] : [];
    })
  );
  return [...framework, ...after, ...loaderStages];
}

const round = (x: number) => Math.round(x * 10) / 10;

/**
 * dist/build-history.json: one entry per build, this one last, carried from build to build through
 * F9_BUILD_HISTORY (the deploy workflow keeps it in the build artifact). It is how the report shows
 * row counts and model metrics across data versions.
 */
export interface BuildHistory {
  format: "falcon9-landing-lab/build-history@1";
  builds: BuildHistoryEntry[];
}

export interface BuildHistoryEntry {
  finishedAt: string;
  commit: string | null;
  mode: "live" | "replay";
  /** SHA-256 of the published data/manifest.json; null when the build published none. */
  manifestSha256: string | null;
  tables: { name: string; rows: number; sha256: string }[];
  /** The published model registry's entries, as the registry gives them (src/ml/publish.ts). */
  models: RegistryModel[];
}

/** A model registry entry (src/ml/publish.ts declares it). */
export type RegistryModel = RegistryEntry;

/** Two years of weekly builds. */
export const MAX_HISTORY = 104;

const ANSI = /\x1b\[[0-9;]*m/g;
const MAX_LOG_LINES = 200;

/**
 * Framework 1.13 prints `load /data/x.parquet → [missing] success 12.6 kB in 611ms` for each
 * loader (or `error in 12ms: message`), and runs loaders one after another, so stderr that arrives
 * between a loader's `load` and its result is that loader's. A file inside an archive nests the
 * archive's own loader: `load /data/m/a.json → [missing] load /data/m.tar → [missing] success 90 kB
 * in 20000ms⏎success 2 kB in 20010ms⏎`; both are listed, the member first.
 */
export function parseFrameworkLog(events: readonly { stream: "stdout" | "stderr"; text: string }[]): LoaderRun[] {
  const runs: LoaderRun[] = [];
  const running: LoaderRun[] = [];
  let stdout = "";
  let cursor = 0;
  let stderr = "";
  const flushStderr = (all: boolean) => {
    const lines = stderr.split("\n");
    stderr = all ? "" : lines.pop()!;
    const current = running[running.length - 1];
    for (const line of lines) {
      const text = line.replace(ANSI, "").trimEnd();
      if (text && current) current.log.push(text);
    }
  };
  const start = (file: string) => {
    const run: LoaderRun = { file, cache: null, status: "unfinished", ms: null, size: null, error: null, log: [] };
    runs.push(run);
    running.push(run);
  };
  for (const event of events) {
    if (event.stream === "stderr") {
      stderr += event.text;
      flushStderr(false);
      continue;
    }
    stdout += event.text;
    const clean = stdout.replace(ANSI, "");
    for (;;) {
      if (running.length === 0) {
        // Between loaders Framework prints other things (pages, bundles, copies): skip to the next load.
        const load = /load (\/\S+) → /g;
        load.lastIndex = cursor;
        const found = load.exec(clean);
        if (!found) break;
        start(found[1]!);
        cursor = load.lastIndex;
        continue;
      }
      const rest = clean.slice(cursor);
      const nested = /^load (\/\S+) → /.exec(rest);
      const verdict = /^\[([a-z ]+)\] /.exec(rest);
      const result = /^(?:success (.*?) in (\d+)ms|error in (\d+)ms: (.*))\n/.exec(rest);
      const token = nested ?? verdict ?? result;
      if (!token) break; // the rest has not arrived yet
      cursor += token[0].length;
      const current = running[running.length - 1]!;
      if (nested) {
        flushStderr(false);
        start(nested[1]!);
      } else if (verdict) {
        current.cache = verdict[1]!;
      } else if (result) {
        flushStderr(true);
        if (result[2] !== undefined) Object.assign(current, { status: "success", size: result[1], ms: Number(result[2]) });
        else Object.assign(current, { status: "error", ms: Number(result[3]), error: result[4] });
        running.pop();
      }
    }
  }
  flushStderr(true);
  // A loader's summary comes last (the release loader's model lines follow hundreds of counted
  // skips), so a long log keeps its head and its tail.
  for (const run of runs) {
    if (run.log.length > MAX_LOG_LINES) {
      const half = MAX_LOG_LINES / 2;
      run.log = [...run.log.slice(0, half), `… ${run.log.length - MAX_LOG_LINES} lines left out …`, ...run.log.slice(-half)];
    }
  }
  return runs;
}

/** A loader ran in this build (rather than Framework reusing an earlier run's output). */
export function ranNow(run: LoaderRun): boolean {
  return run.cache === "missing" || run.cache === "stale";
}

/**
 * Each output once, as its first line has it. Framework logs an archive again, as "fresh", for
 * every member it extracts after the first: those lines are lookups of an output this build may
 * well have made, not reuses of an earlier build's.
 */
export function loaderOutputs(runs: readonly LoaderRun[]): LoaderRun[] {
  const first = new Map<string, LoaderRun>();
  for (const run of runs) if (!first.has(run.file)) first.set(run.file, run);
  return [...first.values()];
}

/** The loaders themselves: a member of a listed archive is extracted from it, timed with the wait for the archive, and is no loader of its own. */
export function loaderRuns(runs: readonly LoaderRun[]): LoaderRun[] {
  const outputs = loaderOutputs(runs);
  const archives = outputs.map((r) => /^(.*)\.(tar|tgz|tar\.gz|zip)$/.exec(r.file)?.[1]).filter((dir): dir is string => dir !== undefined);
  return outputs.filter((r) => !archives.some((dir) => r.file.startsWith(`${dir}/`)));
}
