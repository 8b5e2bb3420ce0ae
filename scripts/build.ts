// `npm run build`: Framework's build, passed through to the terminal as usual, and also kept as
// dist/build-log.json: how each data loader ran (fresh or from cache, time, size, its own log
// lines), what data the build used, and the previous build's manifest when F9_PREVIOUS_MANIFEST
// names one; and dist/build-history.json: the history F9_BUILD_HISTORY names, plus this build's
// tables and models. The report page (src/report.md) reads both; docs/deploying.md describes them.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { httpConfigFromEnv, projectRoot } from "../data-loaders/config.ts";
import { sha256, writeAtomically } from "../data-loaders/http.ts";
import { MAX_HISTORY, parseFrameworkLog, type BuildHistory, type BuildHistoryEntry, type BuildLog } from "../src/components/build-log.ts";

const startedAt = new Date();
const previousManifest = readPreviousManifest(process.env.F9_PREVIOUS_MANIFEST?.trim());
const history = readHistory(process.env.F9_BUILD_HISTORY?.trim());
// Fail before a long build, not after it, on a bad F9_* setting.
const http = httpConfigFromEnv();
invalidateStaleLoaderCache();

const observable = join(projectRoot, "node_modules", ".bin", "observable");
const child = spawn(observable, ["build"], {
  cwd: projectRoot,
  stdio: ["inherit", "pipe", "pipe"],
  env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true", ...(process.stdout.isTTY ? { FORCE_COLOR: "1" } : {}) }
});
// Loaders run one after another, so a loader's stderr lines arrive between its "load" line and
// its result on stdout; the parser attributes them by that order.
const events: { stream: "stdout" | "stderr"; text: string }[] = [];
child.stdout.on("data", (chunk: Buffer) => (process.stdout.write(chunk), events.push({ stream: "stdout", text: chunk.toString() })));
child.stderr.on("data", (chunk: Buffer) => (process.stderr.write(chunk), events.push({ stream: "stderr", text: chunk.toString() })));
const code = await new Promise<number>((done) => child.on("close", (status, signal) => done(status ?? (signal ? 1 : 0))));
if (code !== 0) process.exit(code);

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
  framework: (JSON.parse(readFileSync(join(projectRoot, "node_modules", "@observablehq", "framework", "package.json"), "utf8")) as { version: string }).version,
  loaders: parseFrameworkLog(events),
  previousManifest
};
writeAtomically(join(projectRoot, "dist", "build-log.json"), JSON.stringify(log, null, 1) + "\n");
const thisBuild = historyEntry(log);
const builds = [...history.builds, thisBuild].slice(-MAX_HISTORY);
writeAtomically(join(projectRoot, "dist", "build-history.json"), JSON.stringify({ ...history, builds } satisfies BuildHistory, null, 1) + "\n");

/** This build's line in the history: the tables of the published manifest and the published registry's models. */
function historyEntry(log: BuildLog): BuildHistoryEntry {
  const dataDir = join(projectRoot, "dist", "_file", "data");
  const published = existsSync(dataDir) ? filesUnder(dataDir) : [];
  const manifestFile = published.find((f) => /\/data\/release\/manifest\.[0-9a-f]{8}\.json$/.test(f));
  const registryFile = published.find((f) => /\/registry\.[0-9a-f]{8}\.json$/.test(f));
  const manifestText = manifestFile ? readFileSync(manifestFile, "utf8") : null;
  const manifest = manifestText ? (JSON.parse(manifestText) as { tables?: { name: string; rows: number; sha256: string }[] }) : null;
  const registry = registryFile ? (JSON.parse(readFileSync(registryFile, "utf8")) as { models?: unknown }) : null;
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
 * made it. The loader cache is dropped whenever what the loaders read differs from the last build;
 * a live build always refreshes, since the sources themselves move on.
 */
function invalidateStaleLoaderCache(): void {
  const cache = join(projectRoot, "src", ".observablehq", "cache", "data");
  const stamp = join(cache, ".f9-inputs");
  const inputs = sha256(
    JSON.stringify({
      code: ["data-loaders", "src/data", "src/ml", "package-lock.json"].flatMap((p) => fingerprint(join(projectRoot, p), "content")),
      data: http.mode === "replay" ? fingerprint(http.snapshotDir!, "listing") : `live ${startedAt.toISOString()}`
    })
  );
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === inputs) return;
  if (existsSync(cache)) {
    process.stderr.write("build: data loader code or recorded responses changed since the last build; loaders will rerun\n");
    rmSync(cache, { recursive: true, force: true });
  }
  writeAtomically(stamp, inputs);
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
