import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { screenshot, useSite } from "../support/site.ts";
import { phoneOverflow, tableRows } from "../support/page-checks.ts";

describe("Explore with SQL page", () => {
  const site = useSite();

  it("answers the ten capstone questions in DuckDB-WASM, next to their SQL", async () => {
    const { page, watch } = await site.open("/sql");
    // Every panel has finished: a result table, an error, or a not-built note.
    await page.waitForFunction(() => {
      const panels = [...document.querySelectorAll(".query-panel .query-result")];
      return panels.length >= 11 && panels.every((p) => p.querySelector(".result-table, .query-error, .not-built"));
    }, null, { timeout: 120_000 });
    assert.equal(await page.$$eval(".query-panel .query-error, .query-panel .not-built", (e) => e.length), 0, "every question is answered");
    const panels = await page.$$(".query-panel");
    const sqlOf = async (i: number) => panels[i]!.$eval("pre", (pre) => pre.textContent ?? "");
    const rowsOf = async (i: number) => panels[i]!.$$eval("tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
    assert.match(await sqlOf(1), /SELECT DISTINCT site/);
    assert.deepEqual((await rowsOf(1)).map((r) => r[0]), ["CCAFS SLC-40", "KSC LC-39A", "VAFB SLC-4E"]);
    assert.equal((await rowsOf(2)).length, 5, "LIMIT 5 launches from CCA sites");
    assert.ok((await rowsOf(2)).every((r) => r[2]!.startsWith("CCA")));
    assert.deepEqual(await rowsOf(5), [["2015-12-22 01:29 UTC"]], "first ground-pad landing: Orbcomm OG2");
    const droneShip = (await rowsOf(6)).map((r) => r[0]);
    for (const booster of ["B1021", "B1022", "B1026", "B1031"]) assert.ok(droneShip.includes(booster), `${booster} landed on a drone ship with 4–6 t`);
    assert.deepEqual((await rowsOf(9)).map((r) => [r[0], r[1]]), [["January", "B1012"], ["April", "B1015"]]);
    assert.equal((await rowsOf(10))[0]![0], "no attempt");
    await screenshot(page, "sql");
    assert.equal(await phoneOverflow(page, "form.sql-editor textarea"), 0, "the page fits a phone-width screen");
    assert.deepEqual(watch.problems, []);
  });

  it("runs the reader's SQL, shows a bad query's error as a message, and shows scraped text as text", async () => {
    const { page, watch } = await site.open("/sql");
    const editor = page.locator("form.sql-editor");
    await editor.locator("textarea").fill("SELECT site, count(*) AS n FROM launches GROUP BY site ORDER BY site");
    await editor.locator("button[type=submit]").click();
    await editor.locator(".result-table tbody tr").first().waitFor({ timeout: 120_000 });
    assert.equal((await tableRows(page, "form.sql-editor")).length, 3);

    await editor.locator("textarea").fill("SELEC nonsense FROM nowhere");
    await editor.locator("button[type=submit]").click();
    await editor.locator(".query-error").waitFor({ timeout: 120_000 });
    assert.match(await editor.locator(".query-error").innerText(), /The query did not run\.[\s\S]*syntax error/i);

    await editor.locator("textarea").fill("SELECT * FROM no_such_table");
    await editor.locator("textarea").press("Control+Enter");
    await page.waitForFunction(() => /no_such_table/.test(document.querySelector("form.sql-editor .query-error")?.textContent ?? ""), null, { timeout: 120_000 });
    assert.match(await editor.locator(".query-error").innerText(), /Check the table and column names/);

    const hostile = `<script>window.__injected = 1</script><img src=x onerror="window.__injected = 2">`;
    await editor.locator("textarea").fill(`SELECT '${hostile}' AS payload_name, name FROM launches LIMIT 1`);
    await editor.locator("button[type=submit]").click();
    await editor.locator(".result-table tbody tr").first().waitFor({ timeout: 120_000 });
    assert.equal((await tableRows(page, "form.sql-editor"))[0]![0], hostile, "the payload name shows as the characters it is");
    assert.equal(await editor.locator(".query-result script, .query-result img").count(), 0, "no element was made from the text");
    assert.equal(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected), undefined);
    await screenshot(page, "sql-editor");
    assert.deepEqual(watch.problems, []);
  });
});
