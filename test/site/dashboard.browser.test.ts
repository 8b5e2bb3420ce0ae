import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { screenshot, useSite } from "../support/site.ts";
import { duckdbRequests, phoneOverflow } from "../support/page-checks.ts";

describe("Dashboard page", () => {
  const site = useSite();

  it("filters by site, payload, year and block, and every view follows", async () => {
    const { page, watch } = await site.open("/dashboard");
    await page.waitForSelector("#payload-chart svg circle", { timeout: 120_000 });
    const count = async () => Number(await page.locator("#selected-launches").innerText());
    const dots = async () => page.locator("#payload-chart svg g[aria-label='dot'] circle").count();
    const all = await count();
    assert.ok(all > 500, `${all} launches in all`);
    const allDots = await dots();
    await screenshot(page, "dashboard");

    // One site: fewer launches, one bar, and the pie splits that site's attempts.
    await page.locator("#filters select").selectOption("VAFB SLC 4E");
    await page.waitForFunction((n) => Number(document.querySelector("#selected-launches")?.textContent) < n, all, { timeout: 60_000 });
    const vandenberg = await count();
    assert.ok(vandenberg > 50 && vandenberg < all / 2, `${vandenberg} launches from Vandenberg`);
    assert.match(await page.locator("#site-pie h2").innerText(), /Landing attempts at VAFB SLC 4E/);
    assert.equal(await page.locator("#site-chart svg [aria-label='y-axis tick label'] text").count(), 1);
    assert.ok((await dots()) < allDots, "the scatter shows fewer launches");
    await screenshot(page, "dashboard-vandenberg");

    // Payload up to 2,000 kg, and no launches of unknown payload: fewer again.
    await page.locator("#filters select").selectOption("All sites");
    await page.waitForFunction((n) => Number(document.querySelector("#selected-launches")?.textContent) === n, all, { timeout: 60_000 });
    const payloadTo = page.locator("#filters form", { hasText: "Payload to" }).locator("input[type=range]");
    await payloadTo.evaluate((input: HTMLInputElement) => {
      input.value = "2000";
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await page.locator("#filters form", { hasText: "Include unknown payload" }).locator("input[type=checkbox]").uncheck();
    await page.waitForFunction((n) => Number(document.querySelector("#selected-launches")?.textContent) < n / 4, all, { timeout: 60_000 });
    const light = await count();
    assert.ok(light > 0, "some launches carried up to 2 t");

    // Only Block 5 boosters (and the first year filter): the count changes again.
    const block = page.locator("#filters form", { hasText: "Booster block" });
    for (const option of await block.locator("label:has(input[type=checkbox])").all()) {
      if ((await option.innerText()).trim() !== "Block 5") await option.locator("input").uncheck();
    }
    await page.waitForFunction((n) => Number(document.querySelector("#selected-launches")?.textContent) !== n, light, { timeout: 60_000 });
    const yearFrom = page.locator("#filters form", { hasText: "From year" }).locator("input[type=range]");
    const blockFive = await count();
    await yearFrom.evaluate((input: HTMLInputElement) => {
      input.value = input.max;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await page.waitForFunction((n) => Number(document.querySelector("#selected-launches")?.textContent) !== n, blockFive, { timeout: 60_000 });
    assert.ok((await count()) < blockFive);
    assert.deepEqual(duckdbRequests(watch), [], "the dashboard filters in JavaScript and never loads DuckDB");
    assert.equal(await phoneOverflow(page, "#payload-chart svg circle"), 0, "the page fits a phone-width screen");
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
