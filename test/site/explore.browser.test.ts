import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { screenshot, useSite } from "../support/site.ts";
import { duckdbRequests, phoneOverflow, tableRows } from "../support/page-checks.ts";

describe("Visual exploration page", () => {
  const site = useSite();

  it("draws every chart from the Parquet rows, without loading DuckDB", async () => {
    const { page, watch } = await site.open("/explore");
    await page.waitForSelector("#weather-coverage tbody tr", { timeout: 120_000 });
    for (const chart of ["#flight-site-chart", "#payload-site-chart", "#flight-orbit-chart", "#payload-orbit-chart", "#reuse-chart", "#turnaround-chart", "#wind-chart"]) {
      assert.ok((await page.$$(`${chart} svg circle`)).length > 10, `${chart} has dots`);
    }
    assert.ok(await page.$("#orbit-success-chart svg rect"), "success by orbit has bars");
    assert.ok(await page.$("#yearly-trend-chart svg path"), "the yearly trend has a line");
    // Weather coverage is shown, and no year claims more launches with weather than it had.
    const coverage = await tableRows(page, "#weather-coverage");
    assert.ok(coverage.length > 0);
    for (const [year, launches, weather] of coverage) assert.ok(Number(weather) <= Number(launches), `${year}: weather for more launches than flew`);
    assert.deepEqual(duckdbRequests(watch), [], "no query on this page, so no DuckDB download");
    await screenshot(page, "explore");
    // Orbit codes are explained beside the charts that show them.
    assert.match(await page.locator(".orbit-glossary").innerText(), /GTO\s+geostationary transfer orbit/);
    assert.equal(await phoneOverflow(page, "#weather-coverage tbody tr"), 0, "the page fits a phone-width screen");
    // At 390 px every strip chart keeps a readable x axis: at least three ticks, none overlapping.
    for (const chart of ["#flight-site-chart", "#payload-site-chart", "#flight-orbit-chart", "#payload-orbit-chart"]) {
      await page.waitForSelector(`${chart} svg [aria-label='x-axis tick label'] text`);
      const boxes = await page.$$eval(`${chart} svg [aria-label='x-axis tick label'] text`, (ts) => ts.map((t) => { const r = t.getBoundingClientRect(); return [r.left, r.right]; }));
      assert.ok(boxes.length >= 3, `${chart}: ${boxes.length} x ticks at 390 px`);
      for (let i = 1; i < boxes.length; i++) assert.ok(boxes[i]![0]! > boxes[i - 1]![1]!, `${chart}: tick labels ${i} and ${i + 1} overlap`);
      assert.deepEqual(await page.$$eval(`${chart} svg [aria-label='y-axis tick label'] text`, (ts) => ts.filter((t) => t.getBoundingClientRect().left < 0).length), 0, `${chart}: no clipped category label`);
    }
    await screenshot(page, "explore-phone");
    assert.deepEqual(watch.problems, []);
  });
});
