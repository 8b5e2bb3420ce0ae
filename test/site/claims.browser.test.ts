// The claims check: every figure a page marks with data-fact (src/facts/counts.ts names them) must
// equal an independent SQL query over the published release, and the same figure must agree on
// every page that shows it. A failure names the page, the figure, the page's value and the
// expected one.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { COUNTS, countSql, type CountKey } from "../../src/facts/counts.ts";
import { releaseSql, type ReleaseSql } from "../support/release-sql.ts";
import { DIST, useSite } from "../support/site.ts";

interface Figure {
  page: string;
  fact: string;
  subset: string | null;
  text: string;
}

const PAGES: [path: string, ready: string][] = [
  ["/", "#yearly-table tbody tr"],
  ["/dashboard", "#selected-launches"],
  ["/lab", "[data-fact='recoveryAttempts']"],
  ["/data", "#what-counts [data-fact]"],
  // One booster's figures: its flights, recovery attempts, landed, failed and median turnaround.
  ["/booster?booster=B1062", "#booster-summary [data-fact='failed']"],
  // The page's default booster (the most flown), whichever the release makes it.
  ["/booster", "#booster-summary [data-fact='failed']"]
];

describe("claims: every marked figure equals the release, on every page", () => {
  const site = useSite();
  let sql: ReleaseSql;
  const figures: Figure[] = [];
  const release = join(DIST, "_file", "data", "release");
  const cardFile = readdirSync(join(release, "models", "default")).find((f) => /^card\.[0-9a-f]+\.json$/.test(f))!;
  const card = JSON.parse(readFileSync(join(release, "models", "default", cardFile), "utf8"));
  before(async () => {
    sql = await releaseSql(release);
  });
  after(() => {
    const perPage = PAGES.map(([path]) => `${path} ${figures.filter((f) => f.page === path).length}`);
    console.log(`claims compared per page: ${perPage.join(", ")}`);
  });

  /** Subsets a reader chooses on the page, which the release alone cannot recompute. */
  const UNCHECKED_SUBSETS = ["the filters above"];
  /** What the release says a figure is, or null for a subset the check cannot recompute. */
  function expected(fact: string, subset: string | null): string | null {
    if (fact === "forecast") return subset ? null : String(card.evaluation.prequential.metrics.n);
    if (fact === "forecast.next") return subset ? null : `${(100 * card.nextLanding.failure).toFixed(card.nextLanding.failure < 0.1 ? 2 : 1)}%`;
    const booster = subset === null ? null : /^booster=(B\d+)$/.exec(subset);
    if (fact === "turnaround.median") {
      if (!booster) throw new Error(`turnaround.median needs a booster subset, not ${subset}`);
      return Number(sql.value(`SELECT median(days_since_previous_flight) FROM landings WHERE booster_serial = '${booster[1]}' AND days_since_previous_flight > 0`)).toFixed(1);
    }
    if (!(fact in COUNTS)) throw new Error(`data-fact="${fact}" names no definition in src/facts/counts.ts`);
    if (subset === null) return String(sql.value(countSql(fact as CountKey)));
    if (booster) return String(sql.value(countSql(fact as CountKey, `booster_serial = '${booster[1]}'`)));
    const year = /^year=(\d{4})$/.exec(subset);
    if (year) return String(sql.value(countSql(fact as CountKey, `year(date_utc) = ${year[1]}`)));
    // A subset no SQL here can recompute must be one the pages are known to use; anything else (such
    // as a "${…}" Markdown left unevaluated in an attribute) would silently escape the check.
    if (UNCHECKED_SUBSETS.includes(subset)) return null;
    throw new Error(`a figure's data-subset "${subset}" is neither booster=…, year=… nor one of ${UNCHECKED_SUBSETS.join(", ")}`);
  }

  for (const [path, ready] of PAGES) {
    it(`${path}: each marked figure equals its SQL over the release`, async () => {
      const { page, watch } = await site.open(path);
      await page.waitForSelector(ready, { state: "attached", timeout: 120_000 });
      // Framework fills an inline expression when its cell has run: wait until every marked figure has a value.
      await page.waitForFunction(() => [...document.querySelectorAll("[data-fact]")].every((e) => (e.textContent ?? "").trim() !== ""), null, { timeout: 120_000 });
      const found = await page.$$eval("[data-fact]", (els) => els.map((e) => ({ fact: e.getAttribute("data-fact")!, subset: e.getAttribute("data-subset"), text: (e.textContent ?? "").trim() })));
      assert.ok(found.length > 0, `${path} marks no figure`);
      // A booster's figures name their booster, or the check above would skip them as an unknown subset.
      if (path.startsWith("/booster")) assert.deepEqual(found.filter((f) => !/^booster=B\d+$/.test(f.subset ?? "")), [], `${path}: figures without their booster`);
      const wrong: string[] = [];
      let checked = 0;
      for (const f of found) {
        figures.push({ page: path, ...f });
        const want = expected(f.fact, f.subset);
        if (want !== null) checked++;
        if (want !== null && f.text !== want) wrong.push(`${path}: ${f.fact}${f.subset ? ` (${f.subset})` : ""} shows "${f.text}", the release gives ${want}`);
      }
      assert.deepEqual(wrong, []);
      // Each page opens unfiltered, so its figures are the release's and all of them are checked.
      assert.equal(checked, found.length, `${path}: ${found.length - checked} of ${found.length} figures not compared with SQL`);
      assert.deepEqual(watch.problems, []);
      await page.close();
    });
  }

  it("the same figure agrees on every page that shows it", () => {
    const byFigure = new Map<string, Figure[]>();
    for (const f of figures) byFigure.set(`${f.fact}|${f.subset ?? ""}`, [...(byFigure.get(`${f.fact}|${f.subset ?? ""}`) ?? []), f]);
    const shared = [...byFigure.values()].filter((fs) => new Set(fs.map((f) => f.page)).size > 1);
    assert.ok(shared.length >= 4, `only ${shared.length} figures appear on more than one page`);
    const disagreements = shared.filter((fs) => new Set(fs.map((f) => f.text)).size > 1).map((fs) => fs.map((f) => `${f.page} ${f.fact}=${f.text}`).join(" vs "));
    assert.deepEqual(disagreements, []);
  });
});
