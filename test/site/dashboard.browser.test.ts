import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { screenshot, useSite } from "../support/site.ts";
import { duckdbRequests, phoneOverflow } from "../support/page-checks.ts";

const count = async (page: Page) => Number((await page.locator("#selected-launches").innerText()).replace(/,/g, ""));
const countIs = (page: Page, test: string, n: number) =>
  page.waitForFunction(([test, n]) => {
    const c = Number(document.querySelector("#selected-launches")?.textContent?.replace(/,/g, ""));
    return test === "<" ? c < (n as number) : test === "!=" ? c !== n : c === n;
  }, [test, n] as const, { timeout: 60_000 });
const pieColours = (page: Page) =>
  page.$$eval("#site-pie .pie-legend span", (items) => Object.fromEntries(items.map((i) => [i.textContent!.replace(/ \(\d+\)$/, ""), (i.querySelector("i") as HTMLElement).style.background])));
const setRange = (page: Page, label: string, value: string) =>
  page.locator("#filters form", { hasText: label }).locator("input[type=range]").evaluate((input: HTMLInputElement, value) => {
    input.value = value === "max" ? input.max : value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);

describe("Dashboard page", () => {
  const site = useSite();

  it("filters by site, payload, year and block, and every view follows", async () => {
    const { page, watch } = await site.open("/dashboard");
    await page.waitForFunction(() => /Recorded for \d+ of the \d+ launches/.test(document.querySelector("#dashboard-weather")?.textContent ?? ""), null, { timeout: 120_000 });
    // Weather where the recordings cover the chosen launches, counted, never more than the launches chosen.
    const weatherText = (await page.textContent("#dashboard-weather")) ?? "";
    const [, covered, chosen] = /Recorded for (\d+) of the (\d+) launches/.exec(weatherText) ?? [];
    assert.ok(Number(covered) >= 480 && Number(covered) <= Number(chosen), weatherText);
    await page.waitForSelector("#payload-chart svg circle", { timeout: 120_000 });
    const dots = async () => page.locator("#payload-chart svg g[aria-label='dot'] circle").count();
    const all = await count(page);
    assert.ok(all > 500, `${all} launches in all`);
    const allDots = await dots();
    await screenshot(page, "dashboard");

    // Pads keep their colours whatever the filter, and none is an outcome's colour.
    const colours = await pieColours(page);
    assert.deepEqual(Object.keys(colours).sort(), ["CCSFS SLC-40", "KSC LC-39A", "VAFB SLC-4E"], "one naming scheme for pads");
    const outcomeColours = await page.$$eval("#site-chart svg [aria-label='bar'] rect", (rects) => [...new Set(rects.map((r) => getComputedStyle(r).fill))]);
    const padColours = await page.$$eval("#site-pie svg path", (paths) => paths.map((p) => getComputedStyle(p).fill));
    for (const c of padColours) assert.ok(!outcomeColours.includes(c), `pad colour ${c} is not an outcome colour`);

    // One site: fewer launches, one bar, and the pie splits that site's attempts.
    await page.locator("#filters select").selectOption({ label: "VAFB SLC-4E" });
    await countIs(page, "<", all);
    const vandenberg = await count(page);
    const subset = () => page.$eval("#selected-launches", (e) => e.getAttribute("data-subset"));
    assert.equal(await subset(), "the filters above", "a filtered figure says it is of the filters, so the claims check does not hold it to the whole release");
    assert.ok(vandenberg > 50 && vandenberg < all / 2, `${vandenberg} launches from Vandenberg`);
    assert.match(await page.locator("#site-pie h2").innerText(), /Landing attempts at VAFB SLC-4E/);
    assert.equal(await page.locator("#site-chart svg [aria-label='y-axis tick label'] text").count(), 1);
    assert.ok((await dots()) < allDots, "the scatter shows fewer launches");
    await screenshot(page, "dashboard-vandenberg");

    // Payload up to 2,000 kg, and no launches of unknown payload: fewer again.
    await page.locator("#filters select").selectOption({ label: "All sites" });
    await countIs(page, "=", all);
    assert.equal(await subset(), null, "back to the defaults, the figure is the release's again");
    await setRange(page, "Payload to", "2000");
    await page.locator("#filters form", { hasText: "Include unknown payload" }).locator("input[type=checkbox]").uncheck();
    await countIs(page, "<", all / 4);
    const light = await count(page);
    assert.ok(light > 0, "some launches carried up to 2 t");
    const lightColours = await pieColours(page);
    for (const [pad, colour] of Object.entries(lightColours)) assert.equal(colour, colours[pad], `${pad} keeps its colour when the slices change`);

    // Only Block 5 boosters (and the first year filter): the count changes again.
    const block = page.locator("#filters form", { hasText: "Booster block" });
    for (const option of await block.locator("label:has(input[type=checkbox])").all()) {
      if ((await option.innerText()).trim() !== "Block 5") await option.locator("input").uncheck();
    }
    await countIs(page, "!=", light);
    const blockFive = await count(page);
    await setRange(page, "From year", "max");
    await countIs(page, "!=", blockFive);
    assert.ok((await count(page)) < blockFive);
    assert.deepEqual(duckdbRequests(watch), [], "the dashboard filters in JavaScript and never loads DuckDB");
    // The reload keeps the filters (they are in the URL), which may leave the scatter empty.
    assert.equal(await phoneOverflow(page, "#payload-chart svg"), 0, "the page fits a phone-width screen");
    await screenshot(page, "dashboard-phone");
    assert.deepEqual(watch.problems, []);
  });

  it("keeps the filters in the URL: a reload brings them back, Reset clears them", async () => {
    const { page, watch } = await site.open("/dashboard");
    await page.waitForSelector("#payload-chart svg circle", { timeout: 120_000 });
    const all = await count(page);
    await page.locator("#filters select").selectOption({ label: "KSC LC-39A" });
    await countIs(page, "<", all);
    await setRange(page, "From year", "2020");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("yearFrom") === "2020", null, { timeout: 30_000 });
    const filtered = await count(page);
    const search = new URL(page.url()).searchParams;
    assert.equal(search.get("site"), "KSC LC 39A", "the URL keeps the data's own pad code");
    assert.equal(search.get("yearFrom"), "2020");

    await page.reload();
    await page.waitForSelector("#payload-chart svg circle", { timeout: 120_000 });
    assert.equal(await count(page), filtered, "the reloaded page shows the same launches");
    assert.equal(await page.locator("#filters select option:checked").innerText(), "KSC LC-39A");
    assert.equal(await page.locator("#filters form", { hasText: "From year" }).locator("input[type=number]").inputValue(), "2020");

    await page.locator("#filters .filters-reset button").click();
    await countIs(page, "=", all);
    assert.equal(new URL(page.url()).search, "", "the reset filters leave the URL");
    assert.deepEqual(watch.problems, []);
  });

  it("refuses a number outside a range with a message beside the field, and the filter says what it keeps", async () => {
    const { page, watch } = await site.open("/dashboard");
    await page.waitForSelector("#payload-chart svg circle", { timeout: 120_000 });
    const all = await count(page);
    const field = page.locator("#filters form", { hasText: "From year" });
    const box = field.locator("input[type=number]");
    const kept = await box.inputValue();
    await box.fill("1990");
    const message = field.locator(".range-message");
    await message.waitFor({ state: "visible" });
    assert.match(await message.innerText(), new RegExp(`1990 is outside \\d{4}–\\d{4}; the filter keeps ${kept}\\.`));
    assert.equal(await count(page), all, "the filter is unchanged");
    await box.blur();
    assert.equal(await box.inputValue(), kept, "leaving the box puts back the value the filter uses");
    assert.equal(await message.isVisible(), false);

    const payload = page.locator("#filters form", { hasText: "Payload from" });
    await payload.locator("input[type=number]").fill("-5");
    assert.match(await payload.locator(".range-message").innerText(), /-5 is outside 0 kg–[\d,]+ kg; the filter keeps 0 kg\./);
    await screenshot(page, "dashboard-range-message");
    assert.deepEqual(watch.problems, []);
  });

  it("draws every chart in a container narrower than its margins (a grid reflowing) without an SVG error", async () => {
    const { page, watch } = await site.open("/dashboard");
    await page.setViewportSize({ width: 100, height: 900 });
    await page.waitForSelector("#payload-chart svg circle", { timeout: 120_000 });
    await page.waitForSelector("#site-chart svg rect", { timeout: 60_000 });
    assert.deepEqual(watch.problems, []);
  });
});
