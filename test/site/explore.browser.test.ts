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
    for (const [year, launches, ...groups] of coverage) for (const n of groups) assert.ok(Number(n) <= Number(launches), `${year}: weather for more launches than flew`);
    // Weather on the full coverage: at least 480 launches with the pad's weather (issue 18), wind, gusts,
    // precipitation, cloud, sea state and the published forecast, each chart stating what it covers.
    const total = await page.evaluate(() => Number(/of (\d+) launches/.exec(document.querySelector("#wind-chart figcaption")?.textContent ?? "")?.[1]));
    assert.ok(coverage.reduce((a, [, , pad]) => a + Number(pad), 0) >= 480, "pad weather for at least 480 launches");
    for (const chart of ["#wind-chart", "#gust-chart", "#precipitation-chart", "#cloud-chart", "#wave-chart", "#rtls-wave-chart", "#probability-chart"]) {
      const caption = await page.locator(`${chart} figcaption`).innerText();
      const shown = Number(/^(\d+) of (\d+) launches/.exec(caption)?.[1]);
      assert.ok(shown > 10 && /of \d+ launches \(\d{4}–\d{4}\) · (UTC day|buoy reading within 60 minutes|launch attempt) · (reanalysis|observation|forecast) · \S+/.test(caption), `${chart}: "${caption}"`);
      assert.equal((await page.$$(`${chart} svg circle`)).length, shown, `${chart}: one dot per launch the caption counts`);
      assert.ok(Number(/of (\d+) launches/.exec(caption)?.[1]) === total);
    }
    assert.ok((await tableRows(page, "#probability-table")).length === 4);
    assert.ok((await page.locator("main").innerText()).includes("Every launch here flew"));
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
