import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { projectRoot } from "../../data-loaders/config.ts";
import { loaderOutputs, loaderRuns, ranNow, type BuildHistory, type BuildLog } from "../../src/components/build-log.ts";
import { compareTables, formatChange, formatDuration, previousTables, sourceStatus, type Manifest } from "../../src/components/build-report.ts";
import { DIST, screenshot, useSite } from "../support/site.ts";

/**
 * A Framework loader lives beside the file it writes (/data/repository.json ← src/data/repository.json.ts),
 * or writes an archive the file is a member of (/data/release/launches.parquet ← src/data/release.tar.ts).
 */
const hasLoader = (file: string) => {
  const parts = file.split("/");
  const candidates = [file, ...parts.slice(1, -1).map((_, i) => parts.slice(0, i + 2).join("/")).flatMap((dir) => ["tar", "tgz", "tar.gz", "zip"].map((a) => `${dir}.${a}`))];
  return candidates.some((c) => ["ts", "js"].some((ext) => existsSync(join(projectRoot, "src", `${c}.${ext}`))));
};

describe("Build report page", () => {
  const site = useSite();

  it("shows what the build used and every loader the pages need, with no error or outside request", async () => {
    const log = JSON.parse(readFileSync(join(DIST, "build-log.json"), "utf8")) as BuildLog;
    const { page, watch } = await site.open("/report");
    await page.waitForSelector("#build-summary");
    const summary = await page.locator("#build-summary").innerText();
    // build.test.ts builds from the recorded responses.
    assert.match(summary, /replayed from recorded responses in/);
    assert.match(summary, new RegExp(log.data.directory.replaceAll(".", "\\.")));
    assert.match(summary, /Observable Framework 1\.13\.4/);

    const rows = await page.$$eval("#loader-table tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent!.trim())));
    const shown = rows.map((r) => r[0]!).sort();
    // Framework runs only the loaders of files some page references; each of those is listed, once.
    assert.deepEqual(shown, [...new Set(log.loaders.map((l) => l.file))].sort());
    // Outputs reused from an earlier build, counted once each: none when every loader ran (a first build).
    const reused = loaderOutputs(log.loaders).filter((l) => !ranNow(l)).length;
    if (reused === 0) assert.doesNotMatch(summary, /were reused/);
    else assert.match(summary, new RegExp(`${reused} of ${new Set(log.loaders.map((l) => l.file)).size} loader outputs were reused`));
    for (const file of shown) assert.ok(hasLoader(file), `${file} has a loader in src/`);
    assert.ok(shown.includes("/data/release/launches.parquet"), "the overview's table is built by a loader");
    for (const row of rows) {
      assert.equal(row[1], "ok", `${row[0]} succeeded`);
      assert.match(row[3]!, /^\d+(\.\d)? m?s/, `${row[0]} has a time`);
    }
    // A loader the build started early shows its own run's time, and Framework's wait apart.
    for (const l of log.loaders.filter((l) => l.startedEarly)) {
      const row = rows.find((r) => r[0] === l.file)!;
      assert.ok(row[3]!.startsWith(formatDuration(l.ms)) && row[3]!.includes(`Framework waited ${formatDuration(l.startedEarly!.frameworkWaitedMs)} for it`), `${l.file}: ${row[3]}`);
    }
    // A warm build reuses every loader's output (Framework's cache) and has no times to chart.
    // One bar per loader that ran: the members extracted from an archive are no loaders of their own.
    const ran = loaderRuns(log.loaders).filter(ranNow);
    if (ran.length) assert.equal((await page.$$("#loader-timing-chart svg [aria-label='bar'] rect")).length, ran.length, ran.map((l) => l.file).join(", "));
    else assert.match(await page.locator("#loader-timing-note").innerText(), /No loader ran in this build/);

    // Sources and tables, from the data manifest the site publishes.
    const manifestFile = readdirSync(join(DIST, "_file", "data", "release")).find((f) => /^manifest\.[0-9a-f]{8}\.json$/.test(f));
    assert.ok(manifestFile, "the build publishes data/release/manifest.json");
    const manifest = JSON.parse(readFileSync(join(DIST, "_file", "data", "release", manifestFile), "utf8")) as Manifest;
    const sourceRows = await page.$$eval("#source-table tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent!.trim())));
    assert.deepEqual(sourceRows.map((r) => r[0]), sourceStatus(manifest).map((s) => s.source));
    for (const row of sourceRows) {
      const responses = manifest.responses.filter((r) => r.source === row[0]);
      assert.equal(row[2], responses.length.toLocaleString("en-US"), `${row[0]}: responses`);
      // build.test.ts replays: every response that exists was replayed.
      assert.equal(row[1], responses.length ? "replayed" : "no responses", `${row[0]}: status`);
    }
    const tableRows = await page.$$eval("#table-table tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent!.trim())));
    const expected = compareTables(manifest.tables, log.previousManifest ? (previousTables(log.previousManifest.manifest) as { tables: Manifest["tables"] }).tables : null);
    assert.deepEqual(
      tableRows.map((r) => [r[0], r[1], r[2], r[3], r[5]]),
      expected.map((t) => [t.name, t.rows?.toLocaleString("en-US") ?? "–", t.previousRows?.toLocaleString("en-US") ?? "–", formatChange(t.change), t.status])
    );
    assert.ok(tableRows.some((r) => r[0] === "launches" && Number(r[1]!.replace(/,/g, "")) > 500), "launches has its rows");
    const download = await page.request.get(new URL(await page.locator("#manifest-link").getAttribute("href") ?? "", page.url()).href);
    assert.equal(download.status(), 200);
    assert.deepEqual(await download.json(), manifest);

    // Models and the history: this build is the history's last entry, with the manifest's row counts.
    const history = JSON.parse(readFileSync(join(DIST, "build-history.json"), "utf8")) as BuildHistory;
    const last = history.builds[history.builds.length - 1]!;
    assert.deepEqual(last.tables, manifest.tables.map(({ name, rows, sha256 }) => ({ name, rows, sha256 })));
    // The build publishes the model registry; the history's last entry is its models.
    const registryHref = await page.locator("#registry-link").getAttribute("href");
    const registry = (await (await page.request.get(new URL(registryHref ?? "", page.url()).href)).json()) as { models: BuildHistory["builds"][number]["models"] };
    assert.ok(registry.models.length >= 1, "at least the default model is published");
    assert.deepEqual(last.models, registry.models);
    assert.match(await page.locator("#registry-status").innerText(), new RegExp(`^This build published ${registry.models.length} model`));
    const modelRows = await page.$$eval("#model-table tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent!.trim())));
    for (const model of registry.models) {
      const row = modelRows.find((r) => r[1] === model.id);
      assert.ok(row, `${model.name} ${model.id} is listed`);
      assert.equal(row[0], `${model.name} (this build)`);
      assert.equal(row[3], last.manifestSha256!.slice(0, 12), "next to the manifest published with it");
    }
    const newest = await page.$eval("#history-table tbody tr", (tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent!.trim()));
    const launchesColumn = await page.$$eval("#history-table thead th", (ths) => ths.findIndex((th) => th.textContent === "launches"));
    assert.equal(newest[launchesColumn], manifest.tables.find((t) => t.name === "launches")!.rows.toLocaleString("en-US"));
    // The model chart draws without a Plot warning (⚠).
    assert.equal(await page.locator("svg text", { hasText: "⚠" }).count(), 0, "no chart shows a warning");

    await screenshot(page, "report");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0, "the page fits a phone-width screen");
    await screenshot(page, "report-phone");
    assert.deepEqual(watch.problems, []);
  });

  it("says plainly when there is no build log instead of breaking", async () => {
    const { page, watch } = await site.open("/report");
    await page.waitForLoadState("networkidle");
    assert.deepEqual(watch.problems, []);
    await page.route("**/build-log.json", (route) => route.fulfill({ status: 404, body: "not found" }));
    await page.reload();
    await page.waitForSelector("#build-summary");
    assert.match(await page.locator("#build-summary").innerText(), /No build log/);
    // The missing log is the one problem; nothing else broke.
    assert.deepEqual(watch.problems, [
      `HTTP 404 for ${site.origin}/build-log.json`,
      "console error: Failed to load resource: the server responded with a status of 404 (Not Found)"
    ]);
  });
});
