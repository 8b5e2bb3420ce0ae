import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { screenshot, useSite } from "../support/site.ts";
import { duckdbRequests, phoneOverflow, tableRows } from "../support/page-checks.ts";

describe("Data page", () => {
  const site = useSite();

  it("shows coverage and disagreements, and offers every table for download", async () => {
    const { page, watch } = await site.open("/data");
    await page.waitForSelector("#downloads a", { timeout: 120_000 });
    assert.equal(await page.locator("#build-mode").innerText(), "replay");
    const links = await page.$$eval("#downloads a", (as) => as.map((a) => ({ href: (a as HTMLAnchorElement).href, file: a.getAttribute("download") })));
    assert.deepEqual(links.map((l) => l.file).sort(), ["forecast_ledger.csv", "forecast_ledger.parquet", "forecast_record.json", "forecast_scores.csv", "forecast_scores.parquet", "landings.parquet", "launches.parquet", "manifest.json", "preflight_losses.parquet", "reconciliation.parquet", "telemetry.parquet", "telemetry_series.parquet", "upcoming.parquet", "weather.parquet"]);
    for (const { href, file } of links) {
      const response = await page.request.get(href);
      assert.equal(response.status(), 200, file!);
      const body = await response.body();
      if (file!.endsWith(".parquet")) assert.equal(body.subarray(0, 4).toString(), "PAR1", `${file} is Parquet`);
    }
    const manifest = JSON.parse((await (await page.request.get(links.find((l) => l.file === "manifest.json")!.href)).body()).toString());
    const reconciliation = manifest.tables.find((t: { name: string }) => t.name === "reconciliation").rows;
    assert.equal((await tableRows(page, "#disagreements")).length, reconciliation, "every disagreement is listed");
    assert.ok((await tableRows(page, "#coverage-table")).length >= 15, "coverage by year");
    assert.ok(await page.$("#coverage-chart svg rect"));
    // Weather coverage by year, pad and source, and where nothing is recorded.
    const weather = await tableRows(page, "#weather-coverage-table");
    assert.ok(weather.length >= 30, "a row per year and pad");
    assert.ok(weather.some(([year, pad, , hour, day]) => pad === "VAFB SLC-4E" && Number(year) < 2016 && hour === "0" && day === "0"), "Vandenberg before 2016 has no weather");
    const sources = (await tableRows(page, "#weather-sources")).map((r) => `${r[0]} ${r[1]}`);
    for (const s of ["pad open-meteo-skybound", "pad ll2-open-meteo", "forecast ll2", "forecast ll2-open-meteo", "sea offshore ndbc-41009", "sea nearshore ndbc-41113"]) assert.ok(sources.includes(s), s);
    assert.match(await page.locator("#weather-coverage ~ p").filter({ hasText: "Nothing is recorded" }).textContent() ?? "", /VAFB SLC-4E \(2013, 2016\).*sea off Florida in 2023–2026/s);
    // The chart has a row for holes; from the recordings there is none between the first flight and the newest launch.
    assert.ok((await page.locator("#coverage-chart svg").innerHTML()).includes("no recording"));
    // Every source links to its public home; Wikipedia's licence is named.
    const sourceLinks = await page.$$eval("a[href^='https://github.com/'], a[href*='wikipedia.org']", (as) => as.map((a) => a.getAttribute("href")));
    for (const home of ["Arvindhbabu/Data-Science-Capstone-Project", "szabolcsjaray/3df9", "massimo7719/spacex-capstone", "AnushPatel/booster-tracker", "List_of_Falcon_9_and_Falcon_Heavy_launches"]) {
      assert.ok(sourceLinks.some((href) => href!.includes(home)), home);
    }
    assert.ok((await page.content()).includes("CC BY-SA 4.0"));
    assert.deepEqual(duckdbRequests(watch), []);
    await screenshot(page, "data");
    assert.equal(await phoneOverflow(page, "#downloads a"), 0, "the page fits a phone-width screen");
    assert.deepEqual(watch.problems, []);
  });
});
