import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { projectRoot } from "../../data-loaders/config.ts";
import { expectedReleasePath } from "../../data-loaders/contracts.ts";
import { dataDictionary, DICTIONARY_PATH } from "../../data-loaders/data-dictionary.ts";
import type { Manifest } from "../../data-loaders/release.ts";
import { SNAPSHOTS } from "../support/snapshots.ts";

const temp = mkdtempSync(join(tmpdir(), "f9-cli-"));
after(() => rmSync(temp, { recursive: true, force: true }));

function runCli(args: string[], env: Record<string, string> = { F9_SNAPSHOTS: SNAPSHOTS }) {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(projectRoot, "data-loaders/cli.ts"), ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    encoding: "utf8"
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

const hashes = (dir: string) =>
  Object.fromEntries(readdirSync(dir).sort().map((f) => [f, createHash("sha256").update(readFileSync(join(dir, f))).digest("hex")]));

describe("npm run data -- --out DIR", () => {
  it("writes every table and the manifest from replay, byte-identical on a second run", () => {
    const [a, b] = [join(temp, "a"), join(temp, "b")];
    const first = runCli(["--out", a]);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(runCli(["--out", b]).status, 0);
    assert.deepEqual(hashes(a), hashes(b));
    assert.deepEqual(Object.keys(hashes(a)), [
      "landings.parquet",
      "launches.parquet",
      "manifest.json",
      "preflight_losses.parquet",
      "reconciliation.parquet",
      "telemetry.parquet",
      "telemetry_series.parquet",
      "upcoming.parquet",
      "weather.parquet"
    ]);
    // Progress and timing per source go to stderr.
    assert.match(first.stderr, /ll2: page 1, 469 records/);
    assert.match(first.stderr, /time wikipedia: [\d.]+ s, 188 records/);

    const manifest = JSON.parse(readFileSync(join(a, "manifest.json"), "utf8")) as Manifest;
    assert.equal(manifest.mode, "replay");
    for (const t of manifest.tables) assert.equal(t.sha256, hashes(a)[t.file], t.name);
    assert.equal(manifest.tables.find((t) => t.name === "landings")?.rows, 706);
    // Every input is listed with the hash of the recorded file.
    const snapshotManifest = JSON.parse(readFileSync(join(SNAPSHOTS, "manifest.json"), "utf8")) as { files: { file: string; sha256: string }[] };
    const wiki = manifest.responses.find((r) => r.url.endsWith("oldid=1042328326"))!;
    assert.equal(wiki.origin, "replayed");
    assert.equal(wiki.sha256, snapshotManifest.files.find((f) => f.file.includes("oldid_1042328326"))?.sha256);
    assert.ok(manifest.responses.every((r) => /^[0-9a-f]{64}$/.test(r.sha256)));
    // Handled problems are counted; missing optional pages are visible.
    const count = (source: string, kind: string) => manifest.problems.find((p) => p.source === source && p.kind === kind)?.count;
    assert.equal(count("ll2", "duplicate launch dropped"), 200);
    assert.equal(count("wikipedia", "optional page missing"), 1);
    assert.equal(count("wikipedia", "year page missing (its years checked against the other pages and extracts)"), 5);
    assert.equal(count("wikipedia-read-html", "row skipped: description row"), 314);
    assert.deepEqual(
      manifest.coverage.map((c) => [c.source, c.launches]),
      [["spacex-api", 181], ["ll2", 185], ["wikipedia", 188], ["wikipedia-read-html", 314], ["wikipedia-3df9", 375], ["wikipedia-massimo", 663], ["wikipedia-extract", 288], ["booster-tracker", 328], ["ll2-upcoming", 54]]
    );
    // Every §9 recording is an input, listed with the hash of the recorded file.
    for (const file of ["2020-2022_table-2022_fragment.html", "3df9_f9launches", "arvindhbabu_read_html", "massimo7719_falcon9", "ChronologicalOrder.csv"]) {
      const response = manifest.responses.find((r) => r.recording?.includes(file));
      assert.equal(response?.sha256, snapshotManifest.files.find((f) => f.file.includes(file))?.sha256, file);
    }
  });

  it("writes nothing when a source fails, and says why", () => {
    const out = join(temp, "failed");
    const empty = mkdtempSync(join(temp, "no-recordings-"));
    const run = runCli(["--out", out], { F9_SNAPSHOTS: empty });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /data: failed before writing anything \(the output directory is unchanged\): No recorded response for GET https:\/\/api\.spacexdata\.com\/v4\/launches/);
    assert.equal(existsSync(out), false);
  });

  it("rejects an unknown flag, and prints its usage on --help", () => {
    const unknown = runCli(["--out", join(temp, "x"), "--ouput", "y"]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Unknown option '--ouput'/);
    assert.match(unknown.stderr, /Usage: npm run data -- --out DIR/);
    const help = runCli(["--help"]);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--accept-drop KEYS/);
  });

  it("explains its usage when --out is missing", () => {
    const run = runCli([]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /Missing --out DIR/);
  });
});

describe("docs/data.md", () => {
  it("is the data dictionary generated from the table declarations (run npx tsx data-loaders/data-dictionary.ts --write)", () => {
    assert.equal(readFileSync(DICTIONARY_PATH, "utf8"), dataDictionary());
  });

  it("defines the label and lists every published column", () => {
    const doc = dataDictionary();
    assert.match(doc, /## The label\n[^#]*label = 1 when the core touched down on a landing zone/);
    for (const name of ["launch_id", "landing_outcome", "capstone_class", "weather_probability", "value_b", "wave_height_m", "meco_time_s"]) {
      assert.match(doc, new RegExp("\\| `" + name + "` \\|"));
    }
  });
});

describe("npm run expectations", () => {
  it("derives the expected release in the repository from the recordings it names, byte for byte (never edited by hand)", (t) => {
    const committed = readFileSync(expectedReleasePath({}, projectRoot), "utf8");
    const { recordings } = JSON.parse(committed) as { recordings: { manifest_sha256: string | null } };
    const manifest = join(SNAPSHOTS, "manifest.json");
    if (!existsSync(manifest) || createHash("sha256").update(readFileSync(manifest)).digest("hex") !== recordings.manifest_sha256) {
      t.skip(`${SNAPSHOTS} are not the recordings the expected release was derived from`);
      return;
    }
    const out = join(temp, "expected-release.json");
    const run = spawnSync(process.execPath, ["--import", "tsx", join(projectRoot, "data-loaders/expectations.ts"), "--out", out], { cwd: projectRoot, env: { ...process.env, F9_SNAPSHOTS: SNAPSHOTS }, encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(out, "utf8"), committed, "regenerate it: F9_SNAPSHOTS=../shared/snapshots npm run expectations, and review the diff");
    const refused = spawnSync(process.execPath, ["--import", "tsx", join(projectRoot, "data-loaders/expectations.ts")], { cwd: projectRoot, env: { ...process.env, F9_SNAPSHOTS: "" }, encoding: "utf8" });
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /^The expected release is derived from recordings: set F9_SNAPSHOTS=DIR/);
  });
});
