// What a published build says it was built from must be true, and repeatable. A clean build runs in
// a copy of the working tree (every loader runs: the shared loader cache may hold outputs of older
// code), with a previous manifest as the deploy workflow passes one; then:
// the site publishes the data manifest, the published tables are the bytes it hashes, `npm run data`
// from the same recorded responses writes the same manifest and tables byte for byte, and the
// report page compares row counts with the previous manifest.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { projectRoot } from "../../data-loaders/config.ts";
import { sha256 } from "../../data-loaders/http.ts";
import type { Manifest } from "../../data-loaders/release.ts";
import type { BuildHistory, BuildLog } from "../../src/components/build-log.ts";
import { launchBrowser, watchPage } from "../support/browser.ts";
import { SNAPSHOTS } from "../support/snapshots.ts";
import { serveStatic } from "../support/static-server.ts";

function run(cwd: string, args: string[], env: Record<string, string>) {
  const result = spawnSync("npm", args, { cwd, env: { ...process.env, ...env }, encoding: "utf8" });
  assert.equal(result.status, 0, `npm ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result;
}

describe("published data versions (a clean build from the recorded responses)", () => {
  const dir = mkdtempSync(join(tmpdir(), "f9-release-"));
  const copy = join(dir, "project");
  const cli = join(dir, "cli");
  const previousPath = join(dir, "previous-manifest.json");
  const historyPath = join(dir, "previous-build-history.json");
  const published = (pattern: RegExp) => readdirSync(join(copy, "dist", "_file", "data", "release")).filter((f) => pattern.test(f));
  let previous: Manifest;
  let earlier: BuildHistory;
  /** What `npm run data` said on this fresh copy's first run (no last good release yet). */
  let firstData: string;

  before(() => {
    // The working tree as a clone would have it (tracked and new files, nothing ignored), sharing
    // node_modules and Framework's library bundles (code, not data), but no loader output.
    const files = spawnSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: projectRoot, encoding: "utf8" });
    assert.equal(files.status, 0, files.stderr);
    for (const file of files.stdout.split("\0").filter((f) => f && existsSync(join(projectRoot, f)))) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(join(projectRoot, file), join(copy, file));
    }
    symlinkSync(join(projectRoot, "node_modules"), join(copy, "node_modules"));
    for (const bundles of ["_node", "_npm", "_observablehq"]) {
      const from = join(projectRoot, "src", ".observablehq", "cache", bundles);
      if (existsSync(from)) cpSync(from, join(copy, "src", ".observablehq", "cache", bundles), { recursive: true });
    }
    firstData = run(copy, ["run", "data", "--", "--out", cli], { F9_SNAPSHOTS: SNAPSHOTS }).stderr;
    // An earlier release as the deploy workflow would pass it: 3 launches fewer, and a table since dropped.
    const current = JSON.parse(readFileSync(join(cli, "manifest.json"), "utf8")) as Manifest;
    previous = {
      ...current,
      tables: [
        ...current.tables.map((t) => (t.name === "launches" ? { ...t, rows: t.rows - 3, sha256: "0".repeat(64) } : t)),
        { name: "boosters", file: "boosters.parquet", rows: 80, bytes: 1000, sha256: "1".repeat(64) }
      ]
    };
    writeFileSync(previousPath, JSON.stringify(previous));
    // And the history that earlier build left, with the model it published.
    earlier = {
      format: "falcon9-landing-lab/build-history@1",
      builds: [
        {
          finishedAt: "2026-11-02T05:31:00.000Z",
          commit: "0123456789abcdef0123456789abcdef01234567",
          mode: "live",
          manifestSha256: "2".repeat(64),
          tables: previous.tables.map(({ name, rows, sha256 }) => ({ name, rows, sha256 })),
          models: [
            {
              id: "00112233aabbccdd", name: "default", title: "Logistic regression", date: "2026-10-30", dataHash: "3".repeat(64), codeHash: "4".repeat(64),
              kind: "logreg", features: 9, trainingRows: 150, cvRocAuc: 0.812, cvAccuracy: 0.9, baselineAccuracy: 0.88, files: ["default/model.json"]
            }
          ]
        }
      ]
    };
    writeFileSync(historyPath, JSON.stringify(earlier));
    run(copy, ["run", "build"], { F9_SNAPSHOTS: SNAPSHOTS, F9_PREVIOUS_MANIFEST: previousPath, F9_BUILD_HISTORY: historyPath });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("ran every loader, and kept the previous manifest in the build log", () => {
    const log = JSON.parse(readFileSync(join(copy, "dist", "build-log.json"), "utf8")) as BuildLog;
    assert.ok(log.loaders.some((l) => l.file === "/data/release/manifest.json"));
    for (const [i, loader] of log.loaders.entries()) {
      // An archive's loader runs for its first member; later members reuse its output.
      if (log.loaders.findIndex((l) => l.file === loader.file) === i) assert.equal(loader.cache, "missing", `${loader.file} ran in this build`);
      assert.equal(loader.status, "success", `${loader.file}: the build log read its result`);
    }
    // Tables, manifest and published models come from one archive, whose loader logs the training.
    assert.ok(log.loaders.some((l) => l.file === "/data/release.tar" && l.log.some((line) => /^model default /.test(line))));
    assert.deepEqual(log.previousManifest?.manifest, previous);
  });

  it("compares with the last good release (npm run data's, above) and keeps its own manifest as the next one", () => {
    // A fresh clone has no last good release: the first run was held to the expected release.
    assert.match(firstData, /contracts: no last good release yet for these recordings; \d+ comparisons with the expected release data-loaders\/expected-release\.json, 0 accepted drops/);
    const kept = readdirSync(join(copy, ".f9-last-good"));
    const [lastGoodFile, ...others] = kept.filter((f) => f.startsWith("manifest."));
    assert.deepEqual(others, [], "one last good release: these recordings'");
    // The build's forecast ledger and its record, kept beside the manifest for the next build to carry forward.
    const ledgerName = lastGoodFile!.replace(/^manifest\.(.*)\.json$/, "ledger.$1");
    assert.deepEqual(kept.filter((f) => !f.startsWith("manifest.")).sort(), [`${ledgerName}.json`, `${ledgerName}.parquet`]);
    assert.equal(sha256(readFileSync(join(copy, ".f9-last-good", `${ledgerName}.parquet`))), sha256(readFileSync(join(copy, "dist", "_file", "data", "release", published(/^forecast_ledger\.[0-9a-f]{8}\.parquet$/)[0]!))));
    assert.match(lastGoodFile!, /^manifest\.replay\.snapshots-[0-9a-f]{12}\.json$/);
    const log = JSON.parse(readFileSync(join(copy, "dist", "build-log.json"), "utf8")) as BuildLog;
    assert.equal(log.contracts?.lastGood, join(".f9-last-good", lastGoodFile!));
    assert.deepEqual(log.contracts?.baseline, { kind: "last good release", path: join(".f9-last-good", lastGoodFile!), recordings: SNAPSHOTS });
    assert.deepEqual(log.contracts?.warnings, [], "the same data: no disagreement rose");
    assert.ok((log.contracts?.comparisons.length ?? 0) > 100, `${log.contracts?.comparisons.length} comparisons in the build log`);
    assert.ok(log.contracts!.comparisons.every((c) => !c.drop), "the same data: nothing dropped");
    const [file] = published(/^manifest\.[0-9a-f]{8}\.json$/);
    const keptManifest = join(copy, ".f9-last-good", lastGoodFile!);
    assert.ok(existsSync(keptManifest), "the build recorded its manifest as the last good release");
    assert.equal(readFileSync(keptManifest, "utf8"), readFileSync(join(copy, "dist", "_file", "data", "release", file!), "utf8"));
  });

  it("appends this build to the build history it was given", () => {
    const history = JSON.parse(readFileSync(join(copy, "dist", "build-history.json"), "utf8")) as BuildHistory;
    assert.equal(history.builds.length, 2);
    assert.deepEqual(history.builds[0], earlier.builds[0]);
    const [file] = published(/^manifest\.[0-9a-f]{8}\.json$/);
    const text = readFileSync(join(copy, "dist", "_file", "data", "release", file!), "utf8");
    const manifest = JSON.parse(text) as Manifest;
    const now = history.builds[1]!;
    assert.equal(now.mode, "replay");
    assert.equal(now.manifestSha256, sha256(text));
    assert.deepEqual(now.tables, manifest.tables.map(({ name, rows, sha256 }) => ({ name, rows, sha256 })));
    // The build publishes the model registry, and the history keeps its entries.
    const registries = readdirSync(join(copy, "dist", "_file", "data", "release", "models")).filter((f) => /^registry\.[0-9a-f]{8}\.json$/.test(f));
    assert.equal(registries.length, 1, "the build publishes data/release/models/registry.json");
    const registry = JSON.parse(readFileSync(join(copy, "dist", "_file", "data", "release", "models", registries[0]!), "utf8")) as { models: unknown[] };
    assert.ok(registry.models.length >= 1);
    assert.deepEqual(now.models, registry.models);
  });

  it("publishes the data manifest, and every published table is the bytes it hashes", () => {
    const [file, ...more] = published(/^manifest\.[0-9a-f]{8}\.json$/);
    assert.ok(file && more.length === 0, "one data manifest in dist/_file/data/release");
    const manifest = JSON.parse(readFileSync(join(copy, "dist", "_file", "data", "release", file), "utf8")) as Manifest;
    assert.equal(manifest.mode, "replay");
    assert.ok(manifest.responses.length > 0 && manifest.responses.every((r) => /^[0-9a-f]{64}$/.test(r.sha256) && r.origin === "replayed"));
    let checked = 0;
    for (const table of manifest.tables) {
      for (const parquet of published(new RegExp(`^${table.name}\\.[0-9a-f]{8}\\.parquet$`))) {
        const bytes = readFileSync(join(copy, "dist", "_file", "data", "release", parquet));
        assert.equal(sha256(bytes), table.sha256, `${parquet} is the ${table.name} table the manifest describes`);
        checked++;
      }
    }
    assert.ok(published(/^launches\./).length === 1 && checked >= 1, "the published tables were checked");
  });

  it("gives the same manifest and tables, byte for byte, when npm run data rebuilds from the same responses", () => {
    const [file] = published(/^manifest\.[0-9a-f]{8}\.json$/);
    assert.equal(readFileSync(join(copy, "dist", "_file", "data", "release", file!), "utf8"), readFileSync(join(cli, "manifest.json"), "utf8"));
    const manifest = JSON.parse(readFileSync(join(cli, "manifest.json"), "utf8")) as Manifest;
    for (const table of manifest.tables) assert.equal(sha256(readFileSync(join(cli, table.file))), table.sha256, table.file);
  });

  it("shows the row-count changes since the previous manifest on the report page", async () => {
    const site = await serveStatic(join(copy, "dist"));
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const watch = watchPage(page);
      await page.goto(site.origin + "/report");
      await page.waitForSelector("#table-table tbody tr");
      assert.match(await page.locator("#previous-note").innerText(), /Compared with the previous build's manifest .*previous-manifest\.json/);
      // Which baseline the build was held to.
      assert.match(await page.locator("#contracts-baseline").innerText(), /^Held to the last good release of the recordings in \/\S+ \(\.f9-last-good\/manifest\.replay\.snapshots-[0-9a-f]{12}\.json\): \d+ comparisons, no drop\.$/);
      assert.match(await page.locator("#contracts-warnings").innerText(), /^Disagreements between sources: none rose beyond the tolerance \(0\.1 of the earlier count\)\.$/);
      const rows = await page.$$eval("#table-table tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent!.trim())));
      const launches = rows.find((r) => r[0] === "launches")!;
      assert.deepEqual([launches[3], launches[5]], ["+3", "changed"]);
      assert.deepEqual(rows.find((r) => r[0] === "boosters"), ["boosters", "–", "80", "–", "–", "removed"]);
      assert.ok(rows.filter((r) => !["launches", "boosters"].includes(r[0]!)).every((r) => r[3] === "0" && r[5] === "unchanged"));
      // Models across data versions: the earlier build's model is listed; the history shows both builds.
      const models = await page.$$eval("#model-table tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent!.trim())));
      assert.deepEqual(models[0], ["default", "00112233aabbccdd", "333333333333", "222222222222", "150", "0.812", "0.900", "0.880", "2026-11-02"]);
      const builds = await page.$$eval("#history-table tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent!.trim())));
      assert.equal(builds.length, 2);
      assert.match(builds[1]![0]!, /^2026-11-02 05:31 01234567$/);
      // resize() draws once the layout is known: wait for it rather than race it on a loaded machine.
      assert.ok(await page.waitForSelector("#model-metric-chart svg"), "the metric chart is drawn");
      await page.waitForLoadState("networkidle");
      assert.deepEqual(watch.problems, []);
    } finally {
      await browser.close();
      await site.close();
    }
  });

  it("stops a build at once on a previous manifest that is not JSON, naming it", () => {
    const bad = join(dir, "not-a-manifest.json");
    writeFileSync(bad, "<html>");
    const result = spawnSync("npm", ["run", "build"], { cwd: copy, env: { ...process.env, F9_SNAPSHOTS: SNAPSHOTS, F9_PREVIOUS_MANIFEST: bad }, encoding: "utf8" });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, new RegExp(`F9_PREVIOUS_MANIFEST=${bad.replaceAll(".", "\\.")} cannot be read as JSON`));
    assert.doesNotMatch(result.stdout, /load \/data\//, "no loader ran");
  });
});
