import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { screenshot, useSite } from "../support/site.ts";

describe("Overview page", () => {
  const site = useSite();

  it("queries the launches in DuckDB-WASM and draws the chart, with no error or outside request", async () => {
    const { page, watch } = await site.open("/");
    await page.waitForSelector("#yearly-table tbody tr", { timeout: 60_000 });
    const rows = await page.$$eval("#yearly-table tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    // 2022's row is the SpaceX API's last full year: 44 attempts, all landed.
    // (The table's fourth column is the rate.)
    assert.deepEqual(rows.find((r) => r[0] === "2022")?.slice(0, 3), ["2022", "44", "44"]);
    assert.ok(await page.$("#landing-rate-chart svg [aria-label='bar'] rect"), "the chart has bars");
    const favicon = await page.request.get(site.origin + "/favicon.ico");
    assert.equal(favicon.status(), 200);
    await screenshot(page, "overview");
    assert.deepEqual(watch.problems, []);
  });
});
