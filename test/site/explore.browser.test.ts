import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { join } from "node:path";
import { COUNTS } from "../../src/facts/counts.ts";
import { FLIGHT_BANDS } from "../../src/ml/hazard.ts";
import { releaseSql } from "../support/release-sql.ts";
import { DIST, screenshot, useSite } from "../support/site.ts";
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

  it("hazard by booster flight: each band's attempts and failures as the release's SQL counts them, with intervals; failures and losses after landing named on the timeline in the record's words", async () => {
    const sql = await releaseSql(join(DIST, "_file", "data", "release"));
    const { page, watch } = await site.open("/explore");
    await page.waitForSelector("#hazard-table tbody tr", { timeout: 120_000 });
    const shown = await page.$$eval("#hazard-table tbody tr", (trs) => trs.map((tr) => ({ band: (tr as HTMLElement).dataset.band, era: (tr as HTMLElement).dataset.era, cells: [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "") })));
    for (const [era, where] of [["All blocks", "TRUE"], ["Block 5", "block = 5"]] as const) {
      for (const band of FLIGHT_BANDS) {
        const [counted] = sql.rows(`SELECT count(*)::INT AS attempts, count(*) FILTER (WHERE ${COUNTS.failed.where})::INT AS failures FROM landings WHERE ${COUNTS.recoveryAttempts.where} AND ${where} AND core_flight BETWEEN ${band.from} AND ${Number.isFinite(band.to) ? band.to : 1e9}`) as { attempts: number; failures: number }[];
        const row = shown.find((r) => r.band === band.label && r.era === era);
        if (!counted!.attempts) {
          assert.equal(row, undefined);
          continue;
        }
        assert.ok(row, `${era}, flight ${band.label}: no row`);
        assert.deepEqual(row.cells.slice(2, 4), [String(counted!.attempts), String(counted!.failures)], `${era}, flight ${band.label}`);
        assert.match(row.cells[5]!, /^\d+(\.\d+)?% to \d+(\.\d+)?%$/);
        assert.ok(!/^(0|100)%$/.test(row.cells[4]!), `a rate shown as ${row.cells[4]}`);
      }
    }
    assert.ok((await page.$$("#hazard-chart svg circle")).length === shown.length, "a dot per row");
    // The timeline names each failure of a reflown core and each loss after landing; the text gives how, where recorded.
    const names = await page.$$eval("#flight-timeline-chart svg text", (ts) => ts.map((t) => t.textContent ?? ""));
    const named = sql.rows(`SELECT booster_serial, core_flight::INT AS core_flight, coalesce(landing_account, after_landing) AS account FROM landings WHERE ${COUNTS.recoveryAttempts.where} AND ((${COUNTS.failed.where}) AND core_flight > 1 OR after_landing IS NOT NULL)`) as { booster_serial: string; core_flight: number; account: string | null }[];
    for (const serial of ["B1062", "B1058", "B1086"]) assert.ok(named.some((n) => n.booster_serial === serial), `${serial} is a failure or a loss after landing in the release`);
    const text = (await page.textContent("main")) ?? "";
    for (const n of named) {
      assert.ok(names.includes(`${n.booster_serial} #${n.core_flight}`), `${n.booster_serial} #${n.core_flight} is not named on the timeline: ${names.filter((t) => t.includes("#")).join(", ")}`);
      // The reviewed account where one is recorded (B1062 tipped over at touchdown), else the sources' words.
      if (n.account) assert.ok(text.includes(n.account), `${n.booster_serial}: "${n.account}" not given`);
    }
    await screenshot(page, "explore-hazard");
    assert.deepEqual(watch.problems, []);
    await page.close();
  });
});
