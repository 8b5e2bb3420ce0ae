// `npm run build`: Framework's build, passed through to the terminal as usual, and also kept as
// dist/build-log.json: how each data loader ran (fresh or from cache, time, size, its own log
// lines), what data the build used, and the previous build's manifest when F9_PREVIOUS_MANIFEST
// names one; and dist/build-history.json: the history F9_BUILD_HISTORY names, plus this build's
// tables and models. The report page (src/report.md) reads both; docs/deploying.md describes them.
//
// The last good site survives a failed build: Framework builds into a temporary directory beside
// dist/ (it empties its output first), which replaces dist/ only once everything succeeded; the
// loader cache set aside for a rerun is put back if the build fails. A loader failure is named in
// one line (loader, and the source, file and field its error names) before Framework's own trace.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { httpConfigFromEnv, projectRoot } from "../data-loaders/config.ts";
import { exitAfterWriting } from "../data-loaders/exit.ts";
import { clearLeftovers } from "../data-loaders/leftovers.ts";
import { compareWithBaseline, DISAGREEMENT_TOLERANCE, expectedReleasePath, lastGoodPath, recordLastGood, type ContractManifest } from "../data-loaders/contracts.ts";
import { sha256, writeAtomically } from "../data-loaders/http.ts";
import { readJsonFile } from "../data-loaders/validate.ts";
import { buildStages, MAX_HISTORY, parseFrameworkLog, type BuildHistory, type BuildStage, type BuildHistoryEntry, type BuildLog, type LoaderRun } from "../src/components/build-log.ts";
import { finishBuild } from "./finish-build.ts";
import projectConfig from "../observablehq.config.ts";
import { PAGE_BUNDLES } from "./page-bundle.ts";
import { frameworkEnv, prefetchDir, startFramework } from "./framework-process.mjs";
import { PREFETCH_ENV, startPrefetch, type Prefetch } from "../data-loaders/prefetch.ts";

// When this process started (scripts/build.mjs): the build log times the whole command.
const startedAt = new Date(performance.timeOrigin);
const previousManifest = readPreviousManifest(process.env.F9_PREVIOUS_MANIFEST?.trim());
const history = readHistory(process.env.F9_BUILD_HISTORY?.trim());
// Fail before a long build, not after it, on a bad F9_* setting.
const http = httpConfigFromEnv();
const lastGood = lastGoodPath(http, process.env, projectRoot);
const dist = join(projectRoot, "dist");
const staging = join(projectRoot, `.dist.partial-${process.pid}`);
const setAside = join(projectRoot, `.dist.previous-${process.pid}`);
// Started already when `npm run build` ran scripts/build.mjs; it waits for its config.
const child = startFramework();
clearLeftovers(dist);
const cache = prepareLoaderCache();
// The release loader is most of a build with nothing cached: started now, it runs while Framework
// reads the pages and bundles npm packages (data-loaders/prefetch.ts).
const RELEASE_LOADER = "src/data/release.tar.ts";
const prefetch: Prefetch | null = existsSync(join(projectRoot, "src", ".observablehq", "cache", "data", "release.tar")) ? null : startPrefetch(prefetchDir, RELEASE_LOADER, withoutPrefetchDir(frameworkEnv()));

// The project's config, with the output moved: Framework empties its output before building.
child.stdin.end(JSON.stringify(frameworkConfig({ ...projectConfig, output: staging })));
// Needed only once the site is built; loaded meanwhile, while Framework works on the other core.
const ledgerModule = import("../data-loaders/ledger.ts");
ledgerModule.catch(() => {}); // A failure to load it is raised where it is awaited, not as a crash before.
// Loaders run one after another, so a loader's stderr lines arrive between its "load" line and
// its result on stdout; the parser attributes them by that order.
const events: { stream: "stdout" | "stderr"; text: string }[] = [];
// Framework's stdout lines with the time each arrived since this process started, for the build log's stages.
const lines: { at: number; text: string }[] = [];
let partial = "";
const named = new Set<string>();
child.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  events.push({ stream: "stdout", text: chunk.toString() });
  const parts = (partial + chunk.toString()).split("\n");
  partial = parts.pop()!;
  for (const text of parts) lines.push({ at: performance.now(), text });
  // Framework prints "error in …ms" on stdout and its trace afterwards: say what failed first.
  for (const run of parseFrameworkLog(events)) {
    if (run.status === "error" && !named.has(run.file)) {
      named.add(run.file);
      process.stderr.write(`\nbuild: ✗ ${loaderFailure(run)}\n\n`);
    }
  }
});
child.stderr.on("data", (chunk: Buffer) => (process.stderr.write(chunk), events.push({ stream: "stderr", text: chunk.toString() })));
const code = await new Promise<number>((done) => child.on("close", (status, signal) => done(status ?? (signal ? 1 : 0))));
const frameworkEndedAt = performance.now();
if (code !== 0) await fail(code);
const finishing = performance.now();
let finished = { precompressed: 0, reused: 0 };
try {
  finished = finishBuild(staging, dist);
} catch (error) {
  process.stderr.write(`build: finishing ${relative(projectRoot, staging)} failed: ${(error as Error).message}\n`);
  await fail(1);
}
const afterFramework: BuildStage[] = [{ name: `favicon and gzip copies (${finished.precompressed} files, ${finished.reused} unchanged since the last build)`, seconds: Math.round((performance.now() - finishing) / 100) / 10 }];

const finishedAt = new Date();
const log: BuildLog = {
  startedAt: startedAt.toISOString(),
  finishedAt: finishedAt.toISOString(),
  durationMs: finishedAt.getTime() - startedAt.getTime(),
  data:
    http.mode === "replay"
      ? { mode: "replay", directory: relative(projectRoot, http.snapshotDir!) || "." }
      : { mode: "live", directory: relative(projectRoot, http.recordDir!) || "." },
  commit: commit(),
  node: process.version,
  framework: (readJsonFile(join(projectRoot, "node_modules", "@observablehq", "framework", "package.json"), "Framework's package.json") as { version: string }).version,
  loaders: parseFrameworkLog(events),
  previousManifest
};
log.stages = buildStages(lines, frameworkEndedAt, afterFramework, log.loaders);
if (prefetch) {
  const run = await prefetch.done;
  log.stages.push({ name: `loader /data/release.tar: whole run, started with the build beside Framework's page reading`, seconds: Math.round(run.seconds * 10) / 10 });
  // Framework timed only its wait for the run; the report shows the run's own time, and the wait.
  const ranIt = log.loaders.find((l) => l.file === RELEASE_LOADER.replace(/^src/, "").replace(/\.ts$/, "") && (l.cache === "missing" || l.cache === "stale"));
  if (ranIt) Object.assign(ranIt, { ms: Math.round(run.seconds * 1000), startedEarly: { frameworkWaitedMs: ranIt.ms } });
}
rmSync(prefetchDir, { recursive: true, force: true });
const published = publishedManifest();
// The comparison the manifest loader enforced, kept for the report (drops past it were accepted).
const compared = published
  ? compareWithBaseline(JSON.parse(published.text) as ContractManifest, lastGood, expectedReleasePath(process.env, projectRoot), http.snapshotDir ?? null, projectRoot)
  : { baseline: null, comparisons: [], warnings: [] };
const contracts = {
  lastGood: compared.baseline?.kind === "last good release" ? compared.baseline.path : null,
  ...compared,
  tolerance: DISAGREEMENT_TOLERANCE
};
log.contracts = contracts;
writeAtomically(join(staging, "build-log.json"), JSON.stringify(log, null, 1) + "\n");
const thisBuild = historyEntry(log);
const builds = [...history.builds, thisBuild].slice(-MAX_HISTORY);
writeAtomically(join(staging, "build-history.json"), JSON.stringify({ ...history, builds } satisfies BuildHistory, null, 1) + "\n");
// The ledger the next build carries forward, kept beside the manifest it was published with.
const ledgerFile = publishedFile(/\/data\/release\/forecast_ledger\.[0-9a-f]{8}\.parquet$/);
const ledgerRecord = publishedFile(/\/data\/release\/forecast_record\.[0-9a-f]{8}\.json$/);
const publishedLedger = published && ledgerFile && ledgerRecord ? { bytes: readFileSync(ledgerFile), record: readFileSync(ledgerRecord, "utf8") } : null;
swapIntoDist();
cache.keep();
if (published) recordLastGood(lastGood, published.text);
if (publishedLedger) (await ledgerModule).recordLastGoodLedger(lastGood, publishedLedger.bytes, publishedLedger.record);
process.stderr.write(`build: ${(log.durationMs / 1000).toFixed(1)} s: ${log.stages.map((st) => `${st.name} ${st.seconds.toFixed(1)} s`).join("; ")}\n`);
process.stderr.write(
  `build: dist/ replaced whole; ${contracts.comparisons.length} contract comparisons with ${contracts.baseline ? `the ${contracts.baseline.kind} ${contracts.baseline.path}` : "nothing (no last good release, no expected release)"}` +
    `${contracts.comparisons.some((c) => c.drop) ? ` (accepted drops: ${[...new Set(contracts.comparisons.filter((c) => c.drop).map((c) => c.key))].join(", ")})` : ""}` +
    `${contracts.warnings.length ? `; warnings: ${contracts.warnings.map((w) => `${w.what} rose from ${w.before} to ${w.after}`).join("; ")}` : ""}\n`
);

/** The loader, and the first line of its error (which names source, record or file, and field). */
function loaderFailure(run: LoaderRun): string {
  const loader = `src${run.file}.ts`.replace(/\.ts\.ts$/, ".ts");
  const line = run.log.find((l) => /^\w*Error\b.*: /.test(l.trim())) ?? run.error ?? "no message";
  const message = line.trim().replace(/^(\w*Error)(\s\[\w+\])?: /, "");
  return `loader ${existsSync(join(projectRoot, loader)) ? loader : run.file} failed: ${message}`;
}

/** Leave dist/ and the loader cache as they were, say so once more after Framework's trace, and exit. */
function fail(status: number): Promise<never> {
  rmSync(staging, { recursive: true, force: true });
  prefetch?.stop();
  rmSync(prefetchDir, { recursive: true, force: true });
  cache.restore();
  const failed = parseFrameworkLog(events).filter((r) => r.status === "error");
  for (const run of failed) process.stderr.write(`build: ✗ ${loaderFailure(run)}\n`);
  return exitAfterWriting(
    `build: failed (exit ${status}); ${existsSync(dist) ? "dist/ is the last good site, untouched" : "there was no dist/ before, and none was made"}; the loader cache is kept. ` +
      `Fix what the line above names and run the build again.\n`,
    status || 1
  );
}

/** The loader's own run must not wait for itself. */
function withoutPrefetchDir(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { [PREFETCH_ENV]: _, ...rest } = env;
  return rest;
}

/**
 * The config as JSON for scripts/framework-config.mjs: its values as they are, each function of
 * nothing as one returning what it returns now (in this process's environment), and each function of the page
 * (Framework calls head, header and footer with { title, data, path }) as a table of what it
 * gives every page of the site by path: the config's page functions may read `path` only.
 */
function frameworkConfig(config: Record<string, unknown>): { values: Record<string, unknown>; constants: Record<string, unknown>; byPath: Record<string, Record<string, unknown>> } {
  const root = join(projectRoot, String(config.root ?? "src"));
  // Framework's pages: every Markdown file under the root outside dot-directories (its cache).
  const markdown = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.name.startsWith(".") ? [] : e.isDirectory() ? markdown(join(dir, e.name)) : e.name.endsWith(".md") ? [join(dir, e.name)] : []));
  const pages = markdown(root).map((f) => `/${relative(root, f).slice(0, -".md".length)}`);
  const values: Record<string, unknown> = {};
  const constants: Record<string, unknown> = {};
  const byPath: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(config)) {
    if (typeof value !== "function") values[key] = value;
    else if (value.length === 0) constants[key] = (value as () => unknown)();
    else byPath[key] = Object.fromEntries(pages.map((path) => [path, (value as (page: { path: string; title: null; data: object }) => unknown)({ path, title: null, data: {} })]));
  }
  return { values, constants, byPath };
}

function swapIntoDist(): void {
  if (existsSync(dist)) renameSync(dist, setAside);
  try {
    renameSync(staging, dist);
  } catch (error) {
    if (existsSync(setAside) && !existsSync(dist)) renameSync(setAside, dist);
    throw error;
  }
  rmSync(setAside, { recursive: true, force: true });
}

/** The data manifest this build publishes, if any. */
function publishedFile(pattern: RegExp): string | null {
  const dataDir = join(staging, "_file", "data");
  return (existsSync(dataDir) ? filesUnder(dataDir) : []).find((f) => pattern.test(f)) ?? null;
}

function publishedManifest(): { file: string; text: string } | null {
  const dataDir = join(staging, "_file", "data");
  const file = (existsSync(dataDir) ? filesUnder(dataDir) : []).find((f) => /\/data\/release\/manifest\.[0-9a-f]{8}\.json$/.test(f));
  return file ? { file, text: readFileSync(file, "utf8") } : null;
}

/** This build's line in the history: the tables of the published manifest and the published registry's models. */
function historyEntry(log: BuildLog): BuildHistoryEntry {
  const dataDir = join(staging, "_file", "data");
  const published = existsSync(dataDir) ? filesUnder(dataDir) : [];
  const manifestFile = published.find((f) => /\/data\/release\/manifest\.[0-9a-f]{8}\.json$/.test(f));
  const registryFile = published.find((f) => /\/registry\.[0-9a-f]{8}\.json$/.test(f));
  const manifestText = manifestFile ? readFileSync(manifestFile, "utf8") : null;
  const manifest = manifestText ? (readJsonFile(manifestFile!, "the data manifest this build publishes") as { tables?: { name: string; rows: number; sha256: string }[] }) : null;
  const registry = registryFile ? (readJsonFile(registryFile, "the model registry this build publishes") as { models?: unknown }) : null;
  if (registry && !Array.isArray(registry.models)) {
    throw new Error(`${relative(projectRoot, registryFile!)} has no "models" list: the model registry's format changed; update historyEntry in scripts/build.ts.`);
  }
  return {
    finishedAt: log.finishedAt,
    commit: log.commit?.sha ?? null,
    mode: log.data.mode,
    manifestSha256: manifestText === null ? null : sha256(manifestText),
    tables: (manifest?.tables ?? []).map(({ name, rows, sha256 }) => ({ name, rows, sha256 })),
    models: (registry?.models ?? []) as BuildHistoryEntry["models"]
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function readHistory(path: string | undefined): BuildHistory {
  if (!path) return { format: "falcon9-landing-lab/build-history@1", builds: [] };
  let history: BuildHistory;
  try {
    history = JSON.parse(readFileSync(path, "utf8")) as BuildHistory;
  } catch (error) {
    throw new Error(`F9_BUILD_HISTORY=${path} cannot be read as JSON (${(error as Error).message}). Point it at the build-history.json of an earlier build (docs/deploying.md), or unset it.`);
  }
  if (history?.format !== "falcon9-landing-lab/build-history@1" || !Array.isArray(history.builds)) {
    throw new Error(`F9_BUILD_HISTORY=${path} is not a build history (format falcon9-landing-lab/build-history@1 with a "builds" list). Point it at an earlier build's build-history.json, or unset it.`);
  }
  return history;
}

function readPreviousManifest(path: string | undefined): BuildLog["previousManifest"] {
  if (!path) return null;
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(
      `F9_PREVIOUS_MANIFEST=${path} cannot be read as JSON (${(error as Error).message}). ` +
        `Point it at the data/manifest.json of an earlier build (docs/deploying.md), or unset it.`
    );
  }
  if (!manifest || typeof manifest !== "object" || Array.isArray(manifest)) {
    throw new Error(`F9_PREVIOUS_MANIFEST=${path} is not a build manifest (expected a JSON object). Point it at an earlier build's data/manifest.json, or unset it.`);
  }
  return { path: relative(projectRoot, path), manifest: manifest as Record<string, unknown> };
}

/** The commit built (GitHub Actions says; otherwise ask git), and whether the tree had local changes. */
function commit(): BuildLog["commit"] {
  if (process.env.GITHUB_SHA) return { sha: process.env.GITHUB_SHA, modified: false };
  const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: projectRoot, encoding: "utf8" });
  if (head.status !== 0) return null;
  const status = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: projectRoot, encoding: "utf8" });
  return { sha: head.stdout.trim(), modified: status.stdout.trim() !== "" };
}

/**
 * Framework reruns a loader only when the loader file itself changes, not the library it calls
 * nor the data it replays, so a cached table could silently outlive the code or recordings that
 * made it. The loader cache is set aside whenever what the loaders read differs from the last
 * build (a live build always refreshes, since the sources move on); it is dropped once the build
 * succeeds and put back if it fails, so a failed build costs no rerun of the loaders.
 */
function prepareLoaderCache(): { keep(): void; restore(): void } {
  const dir = join(projectRoot, "src", ".observablehq", "cache", "data");
  const kept = join(projectRoot, "src", ".observablehq", "cache", `.data.previous-${process.pid}`);
  const stamp = join(dir, ".f9-inputs");
  const inputs = sha256(
    JSON.stringify({
      code: ["data-loaders", "src/data", "src/ml", "scripts/page-bundle.ts", "package-lock.json"].flatMap((p) => fingerprint(join(projectRoot, p), "content")),
      data: http.mode === "replay" ? fingerprint(http.snapshotDir!, "listing") : `live ${startedAt.toISOString()}`
    })
  );
  // A killed build's set-aside cache goes back where no cache is, and is removed where one is.
  clearLeftovers(dir);
  const fresh = existsSync(stamp) && readFileSync(stamp, "utf8") === inputs;
  if (!fresh && existsSync(dir)) {
    process.stderr.write("build: data loader code or recorded responses changed since the last build; loaders will rerun\n");
    renameSync(dir, kept);
  }
  // The page bundles depend on the pages' modules, which the other loaders never read: a change
  // there drops only the bundles, not the release's tables and models.
  const bundleStamp = join(dir, ".f9-bundle-inputs");
  const bundleInputs = sha256(JSON.stringify(PAGE_BUNDLES.sources.flatMap((p) => fingerprint(join(projectRoot, p), "content"))));
  if (!(existsSync(bundleStamp) && readFileSync(bundleStamp, "utf8") === bundleInputs)) {
    for (const output of PAGE_BUNDLES.outputs) rmSync(join(dir, output), { force: true });
  }
  return {
    keep() {
      rmSync(kept, { recursive: true, force: true });
      writeAtomically(stamp, inputs);
      writeAtomically(bundleStamp, bundleInputs);
    },
    restore() {
      if (!existsSync(kept)) return;
      rmSync(dir, { recursive: true, force: true });
      renameSync(kept, dir);
    }
  };
}

/** Contents of source files; names, sizes and times of recordings (hashing megabytes of them on every build is needless). */
function fingerprint(path: string, how: "content" | "listing"): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) {
    const stat = statSync(path);
    return [`${relative(projectRoot, path)} ${how === "content" ? sha256(readFileSync(path)) : `${stat.size} ${stat.mtimeMs}`}`];
  }
  return readdirSync(path)
    .sort()
    .flatMap((name) => fingerprint(join(path, name), how));
}
