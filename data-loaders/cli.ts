// npm run data -- --out DIR
// Builds every table from the sources (live, or replayed with F9_SNAPSHOTS=DIR) and writes them
// with DIR/manifest.json. Everything is built in memory first and then written file by file through
// a temp file and a rename, so an error leaves DIR as it was.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { httpFromEnv } from "./config.ts";
import { writeAtomically } from "./http.ts";
import { buildRelease } from "./release.ts";

const USAGE = `Usage: npm run data -- --out DIR

Writes every table as DIR/<table>.parquet and DIR/manifest.json.
  F9_SNAPSHOTS=DIR   replay recorded responses (e.g. ../shared/snapshots); no network
  (unset)            fetch live and record every response in F9_RECORD (default .f9-responses/)`;

function parseArgs(argv: string[]): { out: string } {
  let out: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") {
      process.stdout.write(USAGE + "\n");
      process.exit(0);
    } else if (arg === "--out") out = argv[++i] ?? null;
    else if (arg.startsWith("--out=")) out = arg.slice("--out=".length);
    else throw new UsageError(`Unknown argument "${arg}".`);
  }
  if (!out) throw new UsageError("Missing --out DIR: the directory to write the tables and manifest.json to.");
  return { out: resolve(out) };
}

class UsageError extends Error {}

/** Set once every table is built: from then on an error can only come from the disk. */
let writing = false;

async function main(): Promise<void> {
  const { out } = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(line + "\n");
  const started = performance.now();
  const http = httpFromEnv();
  log(`data: ${http.mode === "replay" ? `replaying ${process.env.F9_SNAPSHOTS}` : "live"}, writing to ${out}`);
  const release = await buildRelease(http, log);
  writing = true;
  mkdirSync(out, { recursive: true });
  for (const table of release.tables) writeAtomically(join(out, table.file), table.bytes);
  writeAtomically(join(out, "manifest.json"), release.manifestJson);
  for (const t of release.history.timings) log(`time ${t.source}: ${t.seconds.toFixed(2)} s, ${t.records} records`);
  const problems = release.manifest.problems.map((p) => `${p.source} ${p.kind} ×${p.count}`).join("; ");
  log(`problems handled: ${problems || "none"}`);
  log(`data: wrote ${release.tables.length} tables (${release.tables.map((t) => `${t.name} ${t.rows}`).join(", ")}) and manifest.json in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  const state = writing
    ? "while writing (each file is whole: either the new or the previous version)"
    : "before writing anything (the output directory is unchanged)";
  process.stderr.write(`data: failed ${state}: ${(error as Error).message}\n`);
  process.exit(1);
});
