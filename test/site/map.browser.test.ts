import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { screenshot, useSite } from "../support/site.ts";
import { duckdbRequests, phoneOverflow, tableRows } from "../support/page-checks.ts";

describe("Map page", () => {
  const site = useSite();

  it("draws the pads on offline vector maps and measures their distances from the geometry", async () => {
    const { page, watch } = await site.open("/map");
    await page.waitForSelector("#distance-table tbody tr", { timeout: 120_000 });
    assert.ok(await page.$("#us-map svg [aria-label='geo'] path"), "the US map has states");
    for (const map of ["#florida-map", "#california-map"]) {
      assert.ok(await page.$(`${map} svg path.land`), `${map} has land`);
      assert.ok((await page.$$(`${map} svg .pads path`)).length > 0, `${map} has outcome rings`);
    }
    assert.equal(await page.locator("#florida-map .pad-label").count(), 2);
    assert.ok((await page.locator("#florida-map .zones text").allTextContents()).some((t) => t.includes("LZ-1")));
    const rows = await tableRows(page, "#distance-table");
    assert.equal(rows.length, 3, "three pads");
    const headers = await page.$$eval("#distance-table th", (ths) => ths.map((th) => th.textContent));
    const at = (row: string[], header: string) => row[headers.indexOf(header)]!;
    for (const row of rows) {
      const shore = Number(at(row, "to shore (km)"));
      const town = Number(at(row, "to town (km)"));
      // Every Falcon pad stands by the sea, more than ten kilometres from a town.
      assert.ok(shore > 0 && shore < 3, `${row[0]} is ${shore} km from the shore`);
      assert.ok(town > 10 && town < 30, `${row[0]} is ${town} km from a town`);
    }
    const ships = await tableRows(page, "#drone-ships");
    assert.ok(ships.some((r) => r[0] === "OCISLY"), "drone-ship landings are listed");
    for (const ship of ships) assert.ok(Number(ship[3]) <= Number(ship[2]), `${ship[0]}: more landings than attempts`);
    const vandenberg = rows.find((r) => r[0] === "VAFB SLC 4E")!;
    assert.equal(at(vandenberg, "nearest town"), "Lompoc, CA");
    // Only the site's own files: no tile server, and no DuckDB on a page that runs no query.
    assert.ok(watch.requests.every((url) => new URL(url).hostname === "127.0.0.1" || url.startsWith("data:")));
    assert.deepEqual(duckdbRequests(watch), []);
    await screenshot(page, "map");
    await page.emulateMedia({ colorScheme: "dark" });
    await screenshot(page, "map-dark");
    assert.equal(await phoneOverflow(page, "#distance-table tbody tr"), 0, "the page fits a phone-width screen");
    assert.deepEqual(watch.problems, []);
  });
});
