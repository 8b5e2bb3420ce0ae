import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { screenshot, useSite } from "../support/site.ts";
import { duckdbRequests, phoneOverflow, tableRows } from "../support/page-checks.ts";

describe("Telemetry page", () => {
  const site = useSite();

  it("draws the ascent curves, follows the chosen mission and groups MECO by landing type", async () => {
    const { page, watch } = await site.open("/telemetry");
    await page.waitForSelector("#velocity-chart svg [aria-label='line'] path", { state: "attached", timeout: 120_000 });
    assert.ok((await page.$$("#velocity-chart svg [aria-label='line'] path")).length > 40, "one curve per mission");
    assert.ok(await page.$("#altitude-chart svg path"));
    assert.ok((await page.$$("#meco-chart svg circle")).length >= 46);
    const figures = async () => page.locator("#mission-figures").innerText();
    const before = await figures();
    const beforeText = await page.locator("#mission-figures").textContent();
    // The mission's weather, where a recording covers it, names its source.
    assert.match((await page.textContent("#mission-weather")) ?? "", /^Weather at this launch: (not recorded|.*\((open-meteo|ll2|ndbc)[^)]*\))/);
    // What became of the booster comes from its landing outcome, never "came back".
    assert.match(before, /landed on a landing zone \(RTLS\)/);
    assert.doesNotMatch(before, /came back/);
    // CRS-16's core came down in the sea off the Cape; the Falcon Heavy Demo's center core missed its ship.
    for (const [mission, fate] of [["CRS-16", /failed to land on a landing zone/], ["Falcon Heavy Demo", /failed to land on a drone ship/]] as const) {
      const options = await page.locator("#mission-picker select option").allInnerTexts();
      const current = await figures();
      await page.locator("#mission-picker select").selectOption(options.find((o) => o.includes(mission))!);
      await page.waitForFunction((old) => (document.querySelector("#mission-figures") as HTMLElement | null)?.innerText !== old, current, { timeout: 60_000 });
      assert.match(await page.locator("#booster-fate").innerText(), fate, mission);
    }
    const picker = page.locator("#mission-picker select");
    const options = await picker.locator("option").allInnerTexts();
    await picker.selectOption(options.find((o) => /CRS-11/.test(o)) ?? options.at(-1)!);
    await page.waitForFunction((old) => document.querySelector("#mission-figures")?.textContent !== old, beforeText, { timeout: 60_000 });
    assert.notEqual(await figures(), before, "the MECO figures follow the mission");
    // The mission is in the address: a reload (or a shared link) shows the same one.
    const chosen = await picker.inputValue();
    assert.match(page.url(), /[?&]mission=/);
    const after = await figures();
    await page.reload();
    await page.waitForSelector("#mission-picker select");
    await page.waitForFunction((text) => (document.querySelector("#mission-figures") as HTMLElement | null)?.innerText === text, after, { timeout: 60_000 });
    assert.equal(await page.locator("#mission-picker select").inputValue(), chosen);
    await page.waitForSelector("#meco-summary .result-table tbody tr", { timeout: 120_000 });
    const groups = await tableRows(page, "#meco-summary");
    assert.deepEqual(groups.map((r) => r[0]).sort(), ["drone ship (ASDS)", "ground pad (RTLS)", "ocean or expended"]);
    assert.equal(groups.reduce((n, r) => n + Number(r[1]), 0), 46, "all 46 missions are grouped");
    // Ground-pad missions cut off slowest: the table is ordered by MECO speed.
    assert.equal(groups[0]![0], "ground pad (RTLS)");
    assert.deepEqual(duckdbRequests(watch), [], "the summary is computed in JavaScript: no DuckDB download");
    await screenshot(page, "telemetry");
    assert.equal(await phoneOverflow(page, "#meco-summary .result-table tbody tr"), 0, "the page fits a phone-width screen");
    assert.deepEqual(watch.problems, []);
  });
});
