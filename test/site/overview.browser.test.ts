import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { csvParse } from "d3";
import { naturalFrequency } from "../../src/facts/format.ts";
import { DIST, filesUnder, screenshot, useSite } from "../support/site.ts";
import { drawBelowFold, duckdbRequests, phoneOverflow } from "../support/page-checks.ts";

describe("Overview page", () => {
  const site = useSite();

  it("counts the launches in JavaScript and draws the story in numbers, with no DuckDB, error or outside request", async () => {
    const { page, watch } = await site.open("/");
    await page.waitForSelector("#yearly-table tbody tr", { timeout: 120_000 });
    const rows = await page.$$eval("#yearly-table tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    // 2022 is covered whole (the SpaceX API to October, Wikipedia's 2022 table and the scrapes): 61 launches, 60 recovery attempts, all landed.
    assert.deepEqual(rows.find((r) => r[0] === "2022"), ["2022", "61", "60", "60", "100%"]);
    // 2024: B1062 toppled on the ship (label 0); every other attempt landed.
    assert.deepEqual(rows.find((r) => r[0] === "2024"), ["2024", "134", "132", "131", "99%"]);
    // 2013's one attempt was an ocean touchdown test, not a recovery attempt: counted in What counts, not here.
    assert.deepEqual(rows.find((r) => r[0] === "2013"), ["2013", "3", "0", "0", "–"]);
    // The What-counts panel adds up, and a figure's link opens it at its line.
    assert.equal(await page.locator("#what-counts").evaluate((d) => (d as HTMLDetailsElement).open), false);
    await page.click("a[href='#what-counts-landed']");
    await page.waitForFunction(() => (document.querySelector("#what-counts") as HTMLDetailsElement).open);
    assert.match((await page.textContent("#what-counts-recoveryAttempts")) ?? "", /attempts − \d+ ocean touchdowns − \d+ failed ocean touchdowns/);
    // The charts below the first screen are drawn as the reader scrolls near them, and not before.
    assert.equal(await page.locator("#landing-rate-chart .drawn-when-near[data-drawn]").count(), 0, "the yearly chart waits for the reader");
    await drawBelowFold(page);
    assert.ok(await page.$("#landing-rate-chart svg [aria-label='bar'] rect"), "the yearly chart has bars");
    for (const chart of ["#launch-cadence-chart", "#version-chart", "#block-chart", "#landing-type-chart", "#landing-type-success"]) {
      assert.ok(await page.$(`${chart} svg rect`), `${chart} is drawn`);
    }
    // The recordings end inside 2026: that year is drawn as partial, on both yearly charts.
    for (const chart of ["#launch-cadence-chart", "#landing-type-chart"]) {
      assert.ok((await page.locator(chart).innerHTML()).includes(">partial<"), `${chart} marks the partial year`);
    }
    // The site's own record, after the forecast section: scored frozen forecasts against the references, linking to the ledger.
    const record = (await page.textContent("#forecast-record")) ?? "";
    assert.match(record, /\d+ scored \(\d+ failed\) of \d+ in the ledger/);
    assert.deepEqual(await page.$$eval("#forecast-record tbody tr td:first-child", (tds) => tds.map((td) => td.textContent)), ["Frozen forecasts", "Cumulative base rate", "Rate of the last 100 landings"]);
    assert.ok(await page.$("#forecast-record a[href='./upcoming#track-record']"));
    assert.ok(await page.evaluate(() => document.querySelector("#race-chart")!.compareDocumentPosition(document.querySelector("#forecast-record")!) & Node.DOCUMENT_POSITION_FOLLOWING), "after the forecast section");
    const links = await page.$$eval(".page-links a", (as) => as.map((a) => a.getAttribute("href")));
    assert.deepEqual(links, ["./sql", "./explore", "./booster", "./dashboard", "./map", "./lab", "./predict", "./upcoming", "./telemetry", "./data"]);
    const favicon = await page.request.get(site.origin + "/favicon.ico");
    assert.equal(favicon.status(), 200);
    await screenshot(page, "overview");
    assert.equal(await phoneOverflow(page, "#yearly-table tbody tr"), 0, "the page fits a phone-width screen");
    await screenshot(page, "overview-phone");
    assert.deepEqual(duckdbRequests(watch), [], "the overview reads Parquet with hyparquet and never loads DuckDB");
    assert.deepEqual(watch.problems, []);
  });

  it("the first screen, on a desktop and a 390 px phone: the next landing's chance as a natural frequency, its interval as a band, this year's expected failures against observed, and what the model knows", async () => {
    const find = (name: RegExp) => filesUnder(join(DIST, "_file", "data", "release", "models", "default")).find((f) => name.test(f.slice(f.lastIndexOf("/") + 1)))!;
    const card = JSON.parse(readFileSync(find(/^card\.[0-9a-f]+\.json$/), "utf8")) as { nextLanding: { failure: number } };
    const history = csvParse(readFileSync(find(/^prequential\.[0-9a-f]+\.csv$/), "utf8"));
    const year = history.at(-1)!.date_utc!.slice(0, 4);
    const thisYear = history.filter((r) => r.date_utc!.startsWith(year));
    const expected = thisYear.reduce((s, r) => s + 1 - Number(r.probability), 0);
    const observed = thisYear.filter((r) => r.label === "0").length;
    const { page, watch } = await site.open("/");
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      // Resized, not reloaded: a reload would abort the page's own requests in flight.
      await page.setViewportSize(viewport);
      await page.waitForSelector("#forecast-band svg", { timeout: 120_000 });
      await page.waitForFunction((w) => Math.abs((document.querySelector("#forecast-band svg")?.getBoundingClientRect().width ?? 0) - (document.querySelector("#forecast-band")?.getBoundingClientRect().width ?? -99)) < 2 && window.innerWidth === w, viewport.width, { timeout: 30_000 });
      assert.equal(await page.textContent("#forecast-frequency"), naturalFrequency(card.nextLanding.failure));
      const text = (await page.textContent("#forecast-this-year")) ?? "";
      assert.match(text, new RegExp(`So far in ${year} .*: ${expected.toFixed(expected < 10 ? 1 : 0)} failures expected among ${thisYear.length} landings.*; ${observed} happened`));
      assert.match((await page.textContent("#forecast-knows")) ?? "", /What the model knows/);
      assert.ok(await page.$("#forecast-knows a[href='./lab']"), "the statement links to the evidence");
      // The band is drawn: a bar from the interval's low to its high end, wider than a tick.
      const band = await page.$eval("#forecast-band svg [aria-label='bar'] rect", (r) => r.getBoundingClientRect().width);
      assert.ok(band > 10, `the interval band is ${band} px wide`);
      for (const selector of ["#forecast-frequency", "#forecast-band svg", "#forecast-this-year", "#forecast-knows"]) {
        const box = await page.$eval(selector, (e) => { const r = e.getBoundingClientRect(); return { top: r.top + window.scrollY, bottom: r.bottom + window.scrollY }; });
        assert.ok(box.bottom <= viewport.height, `${selector} ends at ${Math.round(box.bottom)} px, below the first ${viewport.height} px at ${viewport.width} px wide`);
      }
      await screenshot(page, `overview-first-screen-${viewport.width}`);
    }
    assert.deepEqual(watch.problems, []);
    await page.close();
  });
});
