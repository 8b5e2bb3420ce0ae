// npm run data -- --out DIR
// Builds every table from the sources (live, or replayed with F9_SNAPSHOTS=DIR), checks values and
// the data contracts against the last good release, and writes the tables with DIR/manifest.json.
// Everything is built in memory, written to a sibling temporary directory and renamed into place
// as a whole, so an error leaves DIR as it was and no temporary file behind.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { httpFromEnv, projectRoot } from "./config.ts";
import { exitAfterWriting } from "./exit.ts";
import { clearLeftovers } from "./leftovers.ts";
import { acceptedDrops, DISAGREEMENT_TOLERANCE, lastGoodPath, recordLastGood, shownPath } from "./contracts.ts";
import { buildRelease } from "./release.ts";

const USAGE = `Usage: npm run data -- --out DIR [--accept-drop KEY[,KEY…]]

Writes every table as DIR/<table>.parquet and DIR/manifest.json, replacing DIR's previous release
as a whole. The release is compared with the last good one of the same recordings (.f9-last-good/,
or F9_LAST_GOOD=DIR): a source, table, column or field that drops by more than 5% fails the run.
Without a last good release it is checked against data-loaders/expected-release.json: a year with
fewer launches or labelled landings than the recordings hold fails the run.
  --out DIR            directory of the release (empty, absent, or an earlier release)
  --accept-drop KEYS   publish these drops on purpose: source:ll2, table:landings,
                       column:landings.landed, field:ll2.<field>, coverage:ll2,
                       expected:wikipedia, or all
                       (the same as F9_ACCEPT_DROP=KEYS)
  -h, --help           this text
Environment:
  F9_SNAPSHOTS=DIR     replay recorded responses (e.g. ../shared/snapshots); no network
  (unset)              fetch live and record every response in F9_RECORD (default .f9-responses/)`;

class UsageError extends Error {}

function options(argv: string[]): { out: string; accept: string | undefined } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { out: { type: "string" }, "accept-drop": { type: "string", multiple: true }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE + "\n");
    process.exit(0);
  }
  const out = parsed.values.out;
  if (!out) throw new UsageError("Missing --out DIR: the directory to write the tables and manifest.json to.");
  const accept = [...(parsed.values["accept-drop"] ?? []), process.env.F9_ACCEPT_DROP ?? ""].filter(Boolean).join(",") || undefined;
  return { out: resolve(out), accept };
}

/** DIR may be replaced whole only if it holds nothing but a release: never someone's other files. */
function checkReplaceable(out: string): void {
  if (!existsSync(out)) return;
  const foreign = readdirSync(out).filter((name) => name !== "manifest.json" && !name.endsWith(".parquet"));
  if (foreign.length) {
    throw new UsageError(`${out} holds files that are not part of a data release (${foreign.slice(0, 5).join(", ")}); the release replaces the directory whole, so choose an empty or new directory.`);
  }
}

/** Write into `.DIR.partial-<pid>`, then swap it for DIR; on any failure DIR is what it was. */
function writeRelease(out: string, files: { name: string; data: Uint8Array | string }[]): void {
  const staging = join(dirname(out), `.${basename(out)}.partial-${process.pid}`);
  const previous = join(dirname(out), `.${basename(out)}.previous-${process.pid}`);
  mkdirSync(dirname(out), { recursive: true });
  try {
    mkdirSync(staging);
    for (const { name, data } of files) writeFileSync(join(staging, name), data);
    if (existsSync(out)) renameSync(out, previous);
    renameSync(staging, out);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(out) && existsSync(previous)) renameSync(previous, out);
    throw error;
  }
  rmSync(previous, { recursive: true, force: true });
}

let stage: "building" | "writing" = "building";

async function main(): Promise<void> {
  const { out, accept } = options(process.argv.slice(2));
  checkReplaceable(out);
  clearLeftovers(out);
  const log = (line: string) => process.stderr.write(line + "\n");
  const started = performance.now();
  const http = httpFromEnv();
  log(`data: ${http.mode === "replay" ? `replaying ${process.env.F9_SNAPSHOTS}` : "live"}, writing to ${out}`);
  const lastGood = lastGoodPath(http, process.env, projectRoot);
  const release = await buildRelease(http, log, { lastGood, accept: acceptedDrops(accept) });
  stage = "writing";
  writeRelease(out, [...release.tables.map((t) => ({ name: t.file, data: t.bytes })), { name: "manifest.json", data: release.manifestJson }]);
  recordLastGood(lastGood, release.manifestJson);
  for (const t of release.history.timings) log(`time ${t.source}: ${t.seconds.toFixed(2)} s, ${t.records} records`);
  const problems = release.manifest.problems.map((p) => `${p.source} ${p.kind} ×${p.count}`).join("; ");
  log(`problems handled: ${problems || "none"}`);
  const { comparisons, baseline, warnings } = release.contracts;
  const drops = comparisons.filter((c) => c.drop);
  const accepted = `${drops.length} accepted drops${drops.length ? ` (${[...new Set(drops.map((d) => d.key))].join(", ")})` : ""}`;
  log(
    baseline?.kind === "last good release"
      ? `contracts: ${comparisons.length} comparisons with the last good release ${baseline.path}, ${accepted}`
      : baseline
        ? `contracts: no last good release yet for these recordings; ${comparisons.length} comparisons with the expected release ${baseline.path}, ${accepted}; this release is now the last good one, ${shownPath(lastGood, projectRoot)}`
        : `contracts: no last good release yet, and no expected release to check against; this one is now ${shownPath(lastGood, projectRoot)}`
  );
  for (const w of warnings) log(`contracts: warning: ${w.what} rose from ${w.before} to ${w.after}, beyond the ${DISAGREEMENT_TOLERANCE * 100}% tolerance (see the reconciliation table)`);
  log(`data: wrote ${release.tables.length} tables (${release.tables.map((t) => `${t.name} ${t.rows}`).join(", ")}) and manifest.json in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) return exitAfterWriting(`${error.message}\n\n${USAGE}\n`, 2);
  const state = stage === "writing" ? "while writing; the output directory keeps its previous release, whole" : "before writing anything (the output directory is unchanged)";
  return exitAfterWriting(`data: failed ${state}: ${(error as Error).message}\n`, 1);
});
