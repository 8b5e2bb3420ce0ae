import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { describe, it } from "node:test";
import { parquetReadObjects } from "hyparquet";
import type { Page } from "playwright-core";
import { DIST, filesUnder, screenshot, useSite } from "../support/site.ts";
import { duckdbRequests, phoneOverflow, tableRows } from "../support/page-checks.ts";

type Row = Record<string, unknown>;

/** A table as the build wrote it (dist/_file/data/<name>.<hash>.parquet). */
async function builtTable(name: string): Promise<Row[]> {
  const file = filesUnder(DIST).find((f) => new RegExp(`^${name}\\.[0-9a-f]+\\.parquet$`).test(basename(f)));
  assert.ok(file, `dist/ has ${name}.parquet`);
  const bytes = readFileSync(file);
  return (await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) })) as Row[];
}

/** The zoom transform's scale of a map's geography ("translate(x,y) scale(k)"). */
async function scaleOf(page: Page, map: string): Promise<number> {
  const transform = (await page.getAttribute(`${map} g.geography`, "transform")) ?? "";
  const match = /scale\(([\d.e+-]+)\)/.exec(transform);
  return match ? Number(match[1]) : 1;
}

const READY = "#distance-table tbody tr";
const SITE_MAP = "#site-map";
const SEA_MAP = "#sea-map";

describe("Map page", () => {
  const site = useSite();

  it("draws one marker per launch on zoomable offline maps and measures the pads' distances", async () => {
    const launches = await builtTable("launches");
    const landings = await builtTable("landings");
    const { page, watch } = await site.open("/map");
    await page.waitForSelector(READY, { timeout: 120_000 });
    await page.waitForSelector(`${SITE_MAP} circle.launch`);

    // The overview names every pad, KSC's beside CCSFS's rather than under it.
    assert.ok(await page.$("#us-map svg [aria-label='geo'] path"), "the US map has states");
    const usText = (await page.locator("#us-map svg text").allTextContents()).join(" ");
    for (const pad of ["CCSFS SLC-40", "KSC LC-39A", "VAFB SLC-4E"]) assert.ok(usText.includes(pad), `the US map names ${pad}`);

    // One marker per launch at a known pad, over the two areas.
    const known = launches.filter((l) => l.pad_latitude != null);
    const inArea = (area: string) => known.filter((l) => (area === "Vandenberg" ? String(l.pad).startsWith("VAFB") : !String(l.pad).startsWith("VAFB"))).length;
    assert.equal(await page.locator(`${SITE_MAP} circle.launch`).count(), inArea("Cape Canaveral"), "Cape Canaveral: a marker per launch");
    const tooltip = await page.locator(`${SITE_MAP} circle.launch title`).first().textContent();
    assert.match(tooltip ?? "", / · \d{4}-\d\d-\d\d · .+ · (landed|partly landed|failed|no attempt|unknown)$/, "the tooltip tells mission, date, booster and outcome");

    // The chosen pad's lines, the shore's long enough to see, each labelled with its length.
    for (const kind of ["shore", "town", "city"]) {
      const label = await page.locator(`${SITE_MAP} .to-${kind} .distance-label`).textContent();
      assert.match(label ?? "", /\d+\.\d km$/, `${kind} line labelled`);
    }
    const length = (l: Element) => Math.hypot(Number(l.getAttribute("x2")) - Number(l.getAttribute("x1")), Number(l.getAttribute("y2")) - Number(l.getAttribute("y1")));
    const shore = await page.$eval(`${SITE_MAP} svg.site-map .to-shore line.to-line`, length);
    assert.ok(shore > 3, `the shore line is ${shore.toFixed(1)} px long on the map`);
    // A few hundred metres are a few pixels at the site's scale: the close-up beside the map shows them.
    const closeUp = await page.$eval(`${SITE_MAP} svg.pad-inset .to-shore line.to-line`, length);
    assert.ok(closeUp >= 30, `the shore line is ${closeUp.toFixed(1)} px long in the close-up`);
    assert.match((await page.textContent(`${SITE_MAP} .distance-summary`)) ?? "", /shore \d+\.\d km \(solid line\)/);

    // The wheel alone scrolls the page, never the map; Ctrl + wheel (a trackpad pinch) and the
    // buttons change the transform, and the URL keeps the view.
    const before = await scaleOf(page, SITE_MAP);
    await page.locator(`${SITE_MAP} svg.site-map`).scrollIntoViewIfNeeded();
    let box = (await page.locator(`${SITE_MAP} svg.site-map`).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const scrolled = await page.evaluate(() => window.scrollY);
    await page.mouse.wheel(0, 300);
    await page.waitForFunction((y) => window.scrollY > y, scrolled, { timeout: 10_000 });
    assert.equal(await scaleOf(page, SITE_MAP), before, "a plain wheel zoomed the map");
    await page.locator(`${SITE_MAP} svg.site-map`).scrollIntoViewIfNeeded();
    box = (await page.locator(`${SITE_MAP} svg.site-map`).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.down("Control");
    // d3-zoom reads a Ctrl wheel ten times stronger (a pinch sends small steps).
    await page.mouse.wheel(0, -40);
    await page.keyboard.up("Control");
    await page.waitForFunction(([map, k]) => !(document.querySelector(`${map} g.geography`)?.getAttribute("transform") ?? "").includes(`scale(${k})`), [SITE_MAP, before] as const);
    const wheeled = await scaleOf(page, SITE_MAP);
    assert.ok(wheeled > before, `wheel zooms in: ${before} → ${wheeled}`);
    await page.click(`${SITE_MAP} button.zoom-in`);
    await page.waitForTimeout(400);
    const clicked = await scaleOf(page, SITE_MAP);
    assert.ok(clicked > wheeled * 1.5, `the + button doubles the zoom: ${wheeled} → ${clicked}`);
    await page.waitForFunction(() => new URLSearchParams(location.search).has("z"));
    const z = Number(new URL(page.url()).searchParams.get("z"));
    assert.ok(Math.abs(z - clicked) < 0.05, `the URL keeps the zoom (${z})`);
    await screenshot(page, "map-zoomed");
    const beforeReload = page.url();
    await page.reload();
    await page.waitForSelector(`${SITE_MAP} circle.launch`);
    await page.waitForTimeout(200);
    assert.ok(Math.abs((await scaleOf(page, SITE_MAP)) - clicked) < 0.05, `a reload comes back at the same zoom: ${await scaleOf(page, SITE_MAP)} vs ${clicked}, ${beforeReload} -> ${page.url()}`);
    await page.click(`${SITE_MAP} button.zoom-reset`);
    await page.waitForTimeout(400);
    assert.ok(Math.abs((await scaleOf(page, SITE_MAP)) - 1) < 1e-6, "reset returns to the fitted view");

    // The other area and a chosen pad come back from the URL too.
    await page.getByLabel("Vandenberg").check();
    await page.waitForFunction((n) => document.querySelectorAll("#site-map circle.launch").length === n, inArea("Vandenberg"));
    assert.equal(inArea("Cape Canaveral") + inArea("Vandenberg"), known.length, "every launch at a known pad has a marker in one area");
    assert.equal(new URL(page.url()).searchParams.get("area"), "Vandenberg");
    await page.reload();
    await page.waitForFunction((n) => document.querySelectorAll("#site-map circle.launch").length === n, inArea("Vandenberg"));
    await page.getByLabel("Cape Canaveral").check();
    await page.selectOption("#pad-choice select", "KSC LC-39A");
    await page.waitForFunction(() => new URLSearchParams(location.search).get("pad") === "KSC LC-39A");
    await page.reload();
    await page.waitForSelector(`${SITE_MAP} .to-shore`);
    assert.equal(await page.$eval("#pad-choice select", (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent), "KSC LC-39A");
    assert.match((await page.textContent(`${SITE_MAP} .distance-summary`)) ?? "", /^KSC LC-39A: shore/, "the lines are the chosen pad's");

    // Distances from the geometry: every pad by the sea, more than ten kilometres from a town.
    const rows = await tableRows(page, "#distance-table");
    assert.equal(rows.length, new Set(known.map((l) => l.pad)).size, "a row per pad");
    const headers = await page.$$eval("#distance-table th", (ths) => ths.map((th) => th.textContent));
    const at = (row: string[], header: string) => row[headers.indexOf(header)]!;
    for (const row of rows) {
      const shoreKm = Number(at(row, "to shore (km)"));
      const townKm = Number(at(row, "to town (km)"));
      const cityKm = Number(at(row, "to city (km)"));
      assert.ok(shoreKm > 0 && shoreKm < 3, `${row[0]} is ${shoreKm} km from the shore`);
      assert.ok(townKm > 5 && townKm < 30, `${row[0]} is ${townKm} km from a town`);
      assert.ok(cityKm >= townKm && cityKm < 100, `${row[0]} is ${cityKm} km from a city`);
    }
    assert.match((await page.textContent("#no-rail")) ?? "", /No railway or highway/, "the page says why there are no rail or road lines");

    // Ground landing zones add up to every ground-pad landing.
    const ground = landings.filter((l) => l.landing_type === "RTLS");
    const zoneRows = await tableRows(page, "#zone-table");
    const total = zoneRows.at(-1)!;
    assert.equal(total[0], "all ground pads");
    assert.equal(Number(total[1]), ground.filter((l) => l.landed === true).length, "the total is every landed ground-pad landing");
    assert.equal(zoneRows.slice(0, -1).reduce((s, r) => s + Number(r[1]), 0), Number(total[1]), "the zones add up to the total");

    // Drone ships: positions where the landings table has them, else the page says why not.
    const ships = await tableRows(page, "#drone-ships");
    assert.ok(ships.some((r) => r[0] === "OCISLY"), "drone-ship landings are listed");
    for (const ship of ships) assert.ok(Number(ship[3]) <= Number(ship[2]), `${ship[0]}: more landings than attempts`);
    const positioned = landings.filter((l) => l.landing_type === "ASDS" && l.landing_latitude != null);
    if ("landing_latitude" in landings[0]!) {
      const atlantic = positioned.filter((l) => Number(l.landing_longitude) >= -100).length;
      assert.ok(positioned.length > 0, "the landings table has drone-ship positions");
      await page.waitForSelector(`${SEA_MAP} circle.landing-position`);
      assert.equal(await page.locator(`${SEA_MAP} circle.landing-position`).count(), atlantic, "a point per Atlantic drone-ship landing with a position");
      await page.getByLabel("Pacific").check();
      await page.waitForFunction((n) => document.querySelectorAll("#sea-map circle.landing-position").length === n, positioned.length - atlantic);
      // Positions the opening view leaves out are counted under the map, and the count is the map's own.
      const view = await page.$eval("#sea-map", (map) => {
        const frame = map.querySelector("svg")!.getBoundingClientRect();
        const outside = [...map.querySelectorAll("circle.landing-position")].filter((c) => {
          const r = c.getBoundingClientRect();
          const [x, y] = [r.x + r.width / 2, r.y + r.height / 2];
          return x < frame.left || x > frame.right || y < frame.top || y > frame.bottom;
        }).length;
        return { outside, note: map.querySelector(".outside-view")?.textContent ?? null };
      });
      assert.equal(view.note, view.outside ? `${view.outside} of ${positioned.length - atlantic} positions lie outside this view: zoom out to see ${view.outside === 1 ? "it" : "them"}.` : "", "the note counts what the view leaves out");
    } else {
      assert.match((await page.textContent("#no-positions")) ?? "", /no landing_latitude/, "the page says the positions are missing");
    }

    // Only the site's own files: no tile server, and no DuckDB on a page that runs no query.
    assert.ok(watch.requests.every((url) => new URL(url).hostname === "127.0.0.1" || url.startsWith("data:")));
    assert.deepEqual(duckdbRequests(watch), []);
    await screenshot(page, "map");
    await page.emulateMedia({ colorScheme: "dark" });
    await screenshot(page, "map-dark");
    await page.emulateMedia({ colorScheme: "light" });

    // At phone width: no sideways scroll, and no map label cut by the map's edge.
    assert.equal(await phoneOverflow(page, READY), 0, "the page fits a phone-width screen");
    await page.waitForSelector(`${SITE_MAP} circle.launch`);
    const clipped = await page.$$eval(`${SITE_MAP} svg`, (svgs) =>
      svgs.flatMap((svg) => {
        const frame = svg.getBoundingClientRect();
        return [...svg.querySelectorAll(".pad-label, .distance-label, .zone-label")]
          // Shown labels only: a zone off the view is hidden with its group (display="none" on the
          // parent, which getBBox and checkVisibility ignore in SVG; its client rect is empty).
          .filter((t) => t.getBoundingClientRect().width > 0)
          .map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }))
          .filter(({ box }) => box.left < frame.left - 1 || box.right > frame.right + 1)
          .map(({ text, box }) => `${text} [${Math.round(box.left)}–${Math.round(box.right)} in ${Math.round(frame.left)}–${Math.round(frame.right)}]`);
      })
    );
    assert.deepEqual(clipped, [], "labels inside the map at 390 px");
    await screenshot(page, "map-phone");
    assert.deepEqual(watch.problems, []);
  });
});
