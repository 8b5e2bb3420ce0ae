// The booster page (issue 19): reached from the charts and sentences that name a booster, it shows
// that booster's flights as the release records them, and the published model's forecast made
// before each one.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { releaseSql } from "../support/release-sql.ts";
import { DIST, screenshot, useSite } from "../support/site.ts";
import { phoneOverflow } from "../support/page-checks.ts";

// Plot's links are SVG <a xlink:href>: any namespace's href.
const BOOSTER_LINKS = "a[*|href*='booster?booster=']";

describe("Booster history page", () => {
  const site = useSite();

  it("the hazard timeline's B1062 opens its history: flight 23 on 2024-08-28 failed, tipped over, forecast by a model trained before that month", async () => {
    const sql = await releaseSql(join(DIST, "_file", "data", "release"));
    const { page, watch } = await site.open("/explore");
    const label = page.locator(`#flight-timeline-chart svg a:has(text:text-matches("^B1062 #"))`).first();
    await label.waitFor({ timeout: 120_000 });
    await Promise.all([page.waitForURL(/\/booster\?booster=B1062$/, { timeout: 60_000 }), label.click()]);
    const row = page.locator("#booster-flights tr[data-flight='23']");
    await row.waitFor({ timeout: 120_000 });
    assert.equal(await row.getAttribute("data-date"), "2024-08-28");
    assert.equal(await row.getAttribute("data-outcome"), "failed");
    const outcome = await row.locator("td.outcome").innerText();
    assert.match(outcome, /^failed to land .*tipped over at touchdown/);
    assert.doesNotMatch(await page.locator("main").innerText(), /came back/);
    // The forecast before that flight: made by a model trained only on landings before August 2024,
    // the cut-off the published prequential.csv gives that landing.
    const trainedBefore = (await row.locator("td.forecast").getAttribute("data-trained-before"))!;
    assert.ok(trainedBefore !== "" && trainedBefore <= "2024-08-01", `trained before ${trainedBefore}`);
    assert.match(await row.locator("td.forecast").innerText(), new RegExp(`^\\d+(\\.\\d)?%[\\s\\S]*trained on landings before ${trainedBefore}`));
    // Every flight the landings table gives B1062 is a row, in order.
    const flights = sql.rows("SELECT core_flight, strftime(date_utc, '%Y-%m-%d') AS day, landing_outcome FROM landings WHERE booster_serial = 'B1062' ORDER BY date_utc");
    const shown = await page.$$eval("#booster-flights tbody tr", (trs) => trs.map((tr) => ({ core_flight: Number((tr as HTMLElement).dataset.flight), day: (tr as HTMLElement).dataset.date, landing_outcome: (tr as HTMLElement).dataset.outcome })));
    assert.deepEqual(shown, flights);
    // Flights before the month-by-month record's first month say so, with that month.
    const first = page.locator("#booster-flights tr[data-flight='1'] td.forecast");
    if ((await first.getAttribute("data-trained-before")) === "") assert.match(await first.innerText(), /^no forecast \(/);
    assert.ok((await page.$$("#booster-chart svg circle")).length === flights.length, "one dot per flight");
    await screenshot(page, "booster");
    assert.equal(await phoneOverflow(page, "#booster-flights tbody tr"), 0, "the page fits a 390 px screen");
    await screenshot(page, "booster-phone");
    assert.deepEqual(watch.problems, []);
    await page.close();
  });

  it("a v1.x core says it has no block and what it was; its flights before the month-by-month record say when the record starts", async () => {
    const release = join(DIST, "_file", "data", "release");
    const sql = await releaseSql(release);
    const csv = readdirSync(join(release, "models", "default")).find((f) => /^prequential\.[0-9a-f]+\.csv$/.test(f))!;
    const cutoffs = readFileSync(join(release, "models", "default", csv), "utf8").trim().split("\n").slice(1).map((line) => line.split(",")[3]!);
    const start = cutoffs.reduce((a, b) => (a < b ? a : b)).slice(0, 7);
    const [core] = sql.rows("SELECT l.booster_serial AS serial, string_agg(DISTINCT la.version, ', ') AS versions FROM landings l JOIN launches la USING (launch_id) WHERE l.block IS NULL GROUP BY l.booster_serial HAVING count(*) FILTER (WHERE l.landing_outcome IN ('landed', 'failed')) > 0 ORDER BY min(l.date_utc) LIMIT 1");
    assert.ok(core, "the release has a v1.x core with a recovery attempt");
    const { page, watch } = await site.open(`/booster?booster=${core.serial}`);
    await page.locator("#booster-flights tbody tr").first().waitFor({ timeout: 120_000 });
    assert.equal(await page.locator("#booster-block").innerText(), `no block: ${core.versions}`);
    const forecasts = await page.$$eval("#booster-flights td.forecast", (tds) => tds.map((td) => (td.textContent ?? "").trim()));
    assert.ok(forecasts.length > 0);
    for (const text of forecasts) assert.equal(text, `no forecast (the month-by-month record starts ${start})`);
    assert.deepEqual(watch.problems, []);
    await page.close();
  });

  it("the booster control keeps its serial in the URL; an unknown serial says so and offers the list", async () => {
    const { page, watch } = await site.open("/booster?booster=B9999");
    const warning = page.locator("#unknown-booster");
    await warning.waitFor({ timeout: 120_000 });
    assert.match(await warning.innerText(), /No booster B9999 in the landings table/);
    assert.ok((await warning.locator(BOOSTER_LINKS).count()) > 10, "the list of boosters");
    const option = (await page.locator("form select option", { hasText: /^B1062 \(/ }).textContent())!;
    await page.locator("form select").selectOption({ label: option });
    await page.waitForFunction(() => location.search === "?booster=B1062");
    await page.locator("#booster-flights tr[data-flight='23']").waitFor();
    // The warning goes once a booster is chosen.
    await warning.waitFor({ state: "detached", timeout: 10_000 });
    assert.deepEqual(watch.problems, []);
    await page.close();
  });

  // The explore page's charts and sentences, the overview's sentences, the tables of the lab, the
  // predictor and the upcoming launches, and the SQL page's results (ResultTable). Every link must
  // name a booster the release has, which the booster page then finds (the page itself is tested
  // above); a few from each page are followed, first, middle and last, so navigation is proved from
  // every page without opening all hundred boosters six times over.
  for (const path of ["/explore", "/", "/lab", "/predict", "/upcoming", "/sql"]) {
    it(`every booster link on ${path} names a booster of the release, and its links open the booster's page`, async () => {
      const { page, watch } = await site.open(path);
      await page.waitForSelector(BOOSTER_LINKS, { state: "attached", timeout: 120_000 });
      // Plot draws its links late; wait until the charts' links are in.
      if (path === "/explore") await page.waitForSelector(`#flight-timeline-chart svg ${BOOSTER_LINKS}`, { state: "attached", timeout: 120_000 });
      const hrefs = await page.$$eval(BOOSTER_LINKS, (as) => [...new Set(as.map((a) => new URL((a.getAttribute("href") ?? a.getAttributeNS("http://www.w3.org/1999/xlink", "href"))!, location.href).href))]);
      assert.ok(hrefs.length > (path === "/explore" ? 20 : 0), `${path}: ${hrefs.length} booster links`);
      assert.deepEqual(watch.problems, []);
      const sql = await releaseSql(join(DIST, "_file", "data", "release"));
      const known = new Set(sql.rows("SELECT DISTINCT booster_serial FROM landings WHERE booster_serial IS NOT NULL").map((r) => r.booster_serial as string));
      const serials = hrefs.map((href) => new URL(href).searchParams.get("booster") ?? "");
      assert.deepEqual(serials.filter((s) => !known.has(s)), [], `${path}: links to boosters the release does not have`);
      assert.ok(hrefs.every((href) => new URL(href).pathname === new URL("/booster", href).pathname), `${path}: a booster link points elsewhere`);
      const booster = await site.open("/booster");
      await booster.page.waitForLoadState("networkidle");
      const followed = [...new Set([0, Math.floor(hrefs.length / 2), hrefs.length - 1])].map((i) => hrefs[i]!);
      for (const href of followed) {
        const serial = new URL(href).searchParams.get("booster")!;
        await booster.page.goto(href);
        await booster.page.waitForFunction((s) => document.querySelector("#booster-summary h2")?.textContent === s, serial, { timeout: 60_000 });
        // Let the page finish (its chart, its favicon) before the next one, so no request is cut off.
        await booster.page.waitForLoadState("networkidle");
        assert.equal(await booster.page.locator("#unknown-booster").count(), 0, `${href}: says the booster is unknown`);
      }
      assert.deepEqual(booster.watch.problems, []);
      await booster.page.close();
      await page.close();
    });
  }
});
