// How the pages read: one colour language across the charts, tables that keep their words whole at
// 1280 and 390 px, the answer inside a phone's first screen, and a map that lets the page scroll.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { outcomeHue } from "../../src/components/palette.ts";
import { drawBelowFold } from "../support/page-checks.ts";
import { SCREENSHOTS, screenshot, useSite } from "../support/site.ts";
import { join } from "node:path";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** Words broken across lines inside a table cell, and year columns printed with a separator. */
async function tableProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const cell of document.querySelectorAll<HTMLElement>("#observablehq-main td, #observablehq-main th")) {
      if (!cell.getClientRects().length) continue; // inside a closed <details>
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        for (const match of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index!);
          range.setEnd(node, match.index! + match[0].length);
          // An address may wrap at its slashes, and a token longer than a phone's line has to wrap somewhere.
          if (/^\S*https?:\/\//.test(match[0]) || match[0].length > 40) continue;
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) problems.push(`"${match[0]}" broken over ${lines.size} lines in a cell of ${cell.closest("[id]")?.id ?? "a table"}`);
        }
      }
    }
    for (const table of document.querySelectorAll("#observablehq-main table")) {
      const heads = [...table.querySelectorAll("thead th")].map((th) => (th.textContent ?? "").trim());
      heads.forEach((head, i) => {
        if (!/(^|[_\s])(year|yr)s?$/i.test(head)) return;
        for (const tr of table.querySelectorAll("tbody tr")) {
          const value = tr.children[i]?.textContent ?? "";
          if (/\d[,.\u202f\u00a0 ]\d{3}/.test(value)) problems.push(`year column "${head}" shows "${value}"`);
        }
      });
    }
    return problems;
  });
}

async function openAllDetails(page: Page): Promise<void> {
  await page.$$eval("#observablehq-main details", (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  await page.waitForTimeout(300);
}

describe("Reading: colours, tables, first screens, map scrolling", () => {
  const site = useSite();

  it("outcome hues are used only for outcomes, and each outcome always has its hue, in every Plot legend the pages draw", async () => {
    const outcomeOf = new Map(Object.entries(outcomeHue).map(([name, hex]) => [hex.toLowerCase(), name]));
    // Grey means "not known" in every family: an outcome not known, a landing type not recorded.
    const synonyms: Record<string, string> = { "not known": "unknown", "type not recorded": "unknown" };
    const checked: string[] = [];
    for (const path of ["/", "/explore", "/dashboard", "/telemetry", "/upcoming", "/map", "/data"]) {
      const { page, watch } = await site.open(path);
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(1500);
      await drawBelowFold(page);
      const legends = await page.$$eval("#observablehq-main figure", (figures) =>
        figures.map((figure) => ({
          swatches: [...figure.querySelectorAll("[class$='-swatch']")].map((s) => ({ label: (s.textContent ?? "").trim(), color: (s.querySelector("svg")?.getAttribute("fill") ?? s.querySelector("rect")?.getAttribute("fill") ?? "").toLowerCase() })),
          marks: [...figure.querySelectorAll("svg [fill], svg [stroke]")].flatMap((e) => [e.getAttribute("fill"), e.getAttribute("stroke")]).filter((c): c is string => !!c).map((c) => c.toLowerCase())
        }))
      );
      for (const [i, legend] of legends.entries()) {
        if (!legend.swatches.length) continue;
        checked.push(`${path}#${i}: ${legend.swatches.map((s) => `${s.label}=${s.color}`).join(", ")}`);
        const labels = new Set(legend.swatches.map((s) => synonyms[s.label] ?? s.label));
        for (const { label, color } of legend.swatches) {
          const name = synonyms[label] ?? label;
          if (outcomeOf.has(color)) assert.equal(outcomeOf.get(color), name, `${path}: legend entry "${label}" wears the hue of "${outcomeOf.get(color)}"`);
          if (name in outcomeHue) assert.equal(color, outcomeHue[name as keyof typeof outcomeHue], `${path}: outcome "${label}" drawn in ${color}`);
        }
        // The marks of a chart whose legend names no outcome carry no outcome hue.
        if (![...labels].some((l) => l in outcomeHue)) {
          const stray = legend.marks.filter((c) => outcomeOf.has(c));
          assert.deepEqual(stray, [], `${path}: a chart with legend ${[...labels].join(", ")} draws outcome hues`);
        }
      }
      assert.deepEqual(watch.problems, []);
      await page.close();
    }
    console.log(`legends checked:\n  ${checked.join("\n  ")}`);
    assert.ok(checked.length >= 6, `only ${checked.length} legends found`);
  });

  for (const viewport of [DESKTOP, PHONE]) {
    it(`tables keep words whole and years bare at ${viewport.width} px`, async () => {
      // The editor's query from the URL: a year aliased `yr` must not read "2,025".
      const yr = encodeURIComponent("SELECT year(date_utc) AS yr, count(*) AS launches FROM launches GROUP BY yr ORDER BY yr");
      const pages: [string, string][] = [
        ["/data", "#downloads a"],
        [`/sql?sql=${yr}`, ".sql-run table tbody tr"],
        ["/upcoming", "#upcoming-table tbody tr"],
        ["/map", "#drone-ships table tbody tr"],
        ["/lab", "#default-model-table tbody tr"],
        ["/explore", "#observablehq-main table"]
      ];
      for (const [path, ready] of pages) {
        const { page, watch } = await site.open("/favicon.svg");
        await page.setViewportSize(viewport);
        watch.problems.splice(0);
        await page.goto(site.origin + path);
        await page.waitForSelector(ready, { timeout: 120_000 });
        if (path.startsWith("/sql")) await page.waitForFunction(() => document.querySelectorAll(".query-panel .query-result table").length >= 10, null, { timeout: 120_000 });
        await openAllDetails(page);
        const problems = await tableProblems(page);
        if (path.startsWith("/sql")) {
          const years = await page.$$eval(".sql-run table tbody tr td:first-child", (tds) => tds.map((td) => td.textContent ?? ""));
          assert.ok(years.length > 5 && years.every((y) => /^\d{4}$/.test(y)), `yr column: ${years.join(" ")}`);
        }
        const name = `tables-${path.slice(1).split("?")[0] || "index"}-${viewport.width}`;
        await screenshot(page, name);
        assert.deepEqual(problems, [], `${path} at ${viewport.width} px`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow} px at ${viewport.width} px`);
        assert.deepEqual(watch.problems, []);
        await page.close();
      }
    });
  }

  it("the lab's tables, those that appear after Train and the grid search too, are one card per row at 390 px: a label per value, no sideways scrolling, no word broken; a desktop keeps the table", async () => {
    const { page, watch } = await site.open("/favicon.svg");
    await page.setViewportSize(PHONE);
    watch.problems.splice(0);
    await page.goto(`${site.origin}/lab`);
    await page.waitForSelector("#default-model-table tbody tr", { timeout: 120_000 });
    // The lab trains only when asked: two runs fill the history and the comparison, the grid its table.
    for (const run of [1, 2]) {
      await page.click("#train-button");
      await page.waitForFunction((n) => document.querySelectorAll("#run-history tbody tr").length >= n && !/Running|Waiting|Queued/.test(document.querySelector("#run-status")?.textContent ?? ""), run, { timeout: 180_000 });
    }
    for (const box of await page.$$("#run-history tbody input[type=checkbox]")) await box.check();
    await page.waitForSelector("#run-comparison table tbody tr", { timeout: 10_000 });
    await page.click("#grid-button");
    await page.waitForSelector("#grid-table tbody tr", { timeout: 600_000 });
    await openAllDetails(page);
    const tables = ["#default-model-table", "#references-table", "#metrics-table", "#fold-table", "#run-history table", "#run-comparison table", "#grid-table"];
    const measure = () =>
      page.evaluate((selectors) =>
        selectors.map((selector) => {
          const table = document.querySelector<HTMLTableElement>(selector);
          if (!table) return { selector, found: false, display: "", rows: 0, overflow: [] as string[], unlabelled: [] as string[] };
          // The table and every box around it up to the page's main column must not scroll sideways.
          const overflow: string[] = [];
          for (let box: HTMLElement | null = table; box && box.id !== "observablehq-main"; box = box.parentElement)
            if (box.scrollWidth > box.clientWidth) overflow.push(`${box.tagName.toLowerCase()}${box.id ? `#${box.id}` : ""}.${box.className}: ${box.scrollWidth} > ${box.clientWidth}`);
          // Every value shown has its column's name beside it (the checkbox that picks a run is no value).
          const unlabelled = [...table.querySelectorAll<HTMLTableCellElement>("tbody td")]
            .filter((td) => (td.textContent ?? "").trim() && !td.querySelector("input"))
            .filter((td) => { const label = getComputedStyle(td, "::before").content; return !td.dataset.label || label === "none" || label === '""'; })
            .filter((td) => td !== td.parentElement!.firstElementChild && !(td.colSpan > 1))
            .map((td) => (td.textContent ?? "").trim());
          return { selector, found: true, display: getComputedStyle(table.querySelector("tbody tr")!).display, rows: table.tBodies[0]?.rows.length ?? 0, overflow, unlabelled };
        }), tables);
    const phone = await measure();
    await screenshot(page, "lab-tables-390");
    for (const t of phone) {
      assert.ok(t.found, `${t.selector} is not on the page after Train, compare and the grid`);
      assert.ok(t.rows > 0, `${t.selector} has no rows`);
      assert.equal(t.display, "block", `${t.selector}: a row is not a card at 390 px`);
      assert.deepEqual(t.overflow, [], `${t.selector} scrolls sideways at 390 px`);
      assert.deepEqual(t.unlabelled, [], `${t.selector}: values without their column's name at 390 px`);
    }
    assert.deepEqual(await tableProblems(page), [], "/lab after Train and the grid at 390 px");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `/lab scrolls sideways by ${overflow} px at 390 px`);
    // A desktop keeps the tables as they were: rows in a row, the column heads shown.
    await page.setViewportSize(DESKTOP);
    await page.waitForTimeout(300);
    for (const t of await measure()) assert.equal(t.display, "table-row", `${t.selector}: rows are not table rows at 1280 px`);
    assert.equal(await page.$eval("#default-model-table thead", (thead) => (thead as HTMLElement).getBoundingClientRect().height > 1), true, "the column heads are hidden at 1280 px");
    await screenshot(page, "lab-tables-1280");
    assert.deepEqual(watch.problems, []);
    await page.close();
  });

  it("the Data page on a phone is about three screens until a section is opened, and its summaries count what they hold", async () => {
    const { page, watch } = await site.open("/favicon.svg");
    await page.setViewportSize(PHONE);
    watch.problems.splice(0);
    await page.goto(`${site.origin}/data`);
    await page.waitForSelector("#downloads a", { timeout: 120_000 });
    await page.waitForTimeout(500);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await screenshot(page, "data-phone-closed");
    console.log(`/data at 390 px, sections closed: ${height} px (${(height / PHONE.height).toFixed(1)} screens)`);
    assert.ok(height <= 3.5 * PHONE.height, `the closed Data page is ${height} px, ${(height / PHONE.height).toFixed(1)} screens`);
    for (const [details, rows] of [["#source-details", "#source-list tbody tr"], ["#disagreements-details", "#disagreements tbody tr"], ["#coverage-details", "#coverage-table tbody tr"], ["#problems-details", "#problems tbody tr"]] as const) {
      assert.equal(await page.$eval(details, (d) => (d as HTMLDetailsElement).open), false, `${details} starts closed`);
      const count = await page.$$eval(rows, (trs) => trs.length);
      assert.ok(count > 0);
      assert.match((await page.textContent(`${details} summary`)) ?? "", new RegExp(`\\b${count}\\b`), `${details}'s summary counts its ${count} rows`);
    }
    assert.deepEqual(watch.problems, []);
    await page.close();
  });

  it("on a phone the answer comes first: inside the first screen on /upcoming, /predict and /lab", async () => {
    for (const [path, answer] of [["/upcoming", "#mean-probability"], ["/predict", "#what-if-probability"], ["/lab", "#default-model-table tbody tr"]] as const) {
      const { page, watch } = await site.open("/favicon.svg");
      await page.setViewportSize(PHONE);
      watch.problems.splice(0);
      await page.goto(site.origin + path);
      await page.waitForSelector(answer, { timeout: 60_000 });
      if (path === "/predict") await page.waitForFunction(() => /%$/.test(document.querySelector("#what-if-probability")?.textContent ?? ""), null, { timeout: 60_000 });
      await page.waitForTimeout(500);
      const box = await page.$eval(answer, (e) => e.getBoundingClientRect().toJSON() as DOMRect);
      await screenshot(page, `first-screen${path.replace("/", "-")}`);
      assert.ok(box.top >= 0 && box.bottom <= PHONE.height, `${path}: the answer ${answer} is at ${Math.round(box.top)}–${Math.round(box.bottom)} px, the screen is ${PHONE.height} px`);
      if (path === "/upcoming") {
        const heads = await page.$$eval("#upcoming-table thead th", (ths) => ths.map((th) => th.textContent ?? ""));
        assert.ok(heads.indexOf("P(land)") < heads.indexOf("Site") && heads.indexOf("P(land)") <= 1, `columns: ${heads.join(" | ")}`);
      }
      assert.deepEqual(watch.problems, []);
      await page.close();
    }
  });

  it("the wheel over a map scrolls the page; Ctrl + wheel zooms it, and a hint says so", async () => {
    const { page, watch } = await site.open("/map");
    const map = await page.waitForSelector(".zoom-map svg", { timeout: 60_000 });
    await map.scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    const view = () => page.evaluate(() => new URL(location.href).search);
    const box = (await map.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const [scrollBefore, urlBefore] = [await page.evaluate(() => window.scrollY), await view()];
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(600);
    const scrollAfter = await page.evaluate(() => window.scrollY);
    assert.ok(scrollAfter > scrollBefore, `the page did not scroll under the wheel: ${scrollBefore} -> ${scrollAfter}`);
    assert.equal(await view(), urlBefore, "the plain wheel zoomed the map");
    assert.equal(await page.isVisible(".zoom-hint"), true, "no hint says how to zoom");
    // Ctrl + wheel (a trackpad pinch sends the same) zooms and leaves the page where it is.
    const again = (await map.boundingBox())!;
    await page.mouse.move(again.x + again.width / 2, again.y + again.height / 2);
    await page.keyboard.down("Control");
    await page.mouse.wheel(0, -300);
    await page.keyboard.up("Control");
    await page.waitForFunction((before) => new URL(location.href).search !== before, urlBefore, { timeout: 10_000 });
    assert.deepEqual(watch.problems, []);
    await page.close();
  });

  it("each sea's drone-ship map opens fitted on its landing area: the positions fill the map, not a corner of an empty ocean", async () => {
    for (const sea of ["Pacific", "Atlantic"]) {
      const { page, watch } = await site.open(`/map?sea=${sea}`);
      const map = await page.waitForSelector("#sea-map svg", { timeout: 60_000 });
      await page.waitForTimeout(800);
      const fit = await map.evaluate((svg) => {
        const frame = svg.getBoundingClientRect();
        const dots = [...svg.querySelectorAll(".landing-position")].map((c) => c.getBoundingClientRect());
        const inside = dots.filter((d) => d.left >= frame.left && d.right <= frame.right && d.top >= frame.top && d.bottom <= frame.bottom);
        const xs = inside.map((d) => d.left + d.width / 2), ys = inside.map((d) => d.top + d.height / 2);
        return { dots: dots.length, inside: inside.length, width: (Math.max(...xs) - Math.min(...xs)) / frame.width, height: (Math.max(...ys) - Math.min(...ys)) / frame.height };
      });
      await (await page.$("#sea-map"))!.screenshot({ path: join(SCREENSHOTS, `map-${sea.toLowerCase()}.png`) });
      console.log(`${sea}: ${fit.inside} of ${fit.dots} positions in view, spanning ${(fit.width * 100).toFixed(0)}% × ${(fit.height * 100).toFixed(0)}% of the map`);
      assert.ok(fit.inside >= 0.9 * fit.dots, `${sea}: only ${fit.inside} of ${fit.dots} positions in view`);
      assert.ok(Math.max(fit.width, fit.height) >= 0.6, `${sea}: the positions fill ${(fit.width * 100).toFixed(0)}% × ${(fit.height * 100).toFixed(0)}% of the map`);
      assert.deepEqual(watch.problems, []);
      await page.close();
    }
  });
});
