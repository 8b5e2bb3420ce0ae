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
    assert.equal(await phoneOverflow(page, "#weather-coverage tbody tr"), 0, "the page fits a phone-width screen");
    assert.deepEqual(watch.problems, []);
  });
});
