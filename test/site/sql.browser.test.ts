import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { screenshot, useSite } from "../support/site.ts";
import { phoneOverflow, tableRows } from "../support/page-checks.ts";

/** Type SQL into the reader's editor and run it; resolves when that run has finished. */
async function runSql(page: Page, sql: string) {
  const editor = page.locator("div.sql-editor");
  await editor.locator("textarea").fill(sql);
  await markOldRun(page);
  await editor.locator("button.sql-run-button").click();
  await waitForRun(page);
}

/** Tag the run on show, so waitForRun waits for the next one. */
async function markOldRun(page: Page) {
  await page.evaluate(() => document.querySelector(".sql-run")?.setAttribute("data-old", ""));
}

async function waitForRun(page: Page) {
  await page.waitForFunction(() => {
    const run = document.querySelector(".sql-run:not([data-old])");
    return run && (run.querySelector("button.sql-stop") as HTMLButtonElement | null)?.disabled && run.querySelector(".query-result")?.childElementCount;
  }, null, { timeout: 120_000 });
}

describe("Explore with SQL page", () => {
  const site = useSite();

  it("shows the ten capstone answers the build computed in DuckDB at once, next to their SQL, with figures in the text from the results; DuckDB-WASM loads only to run one again", async () => {
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
    // Wikipedia's flight number first, SpaceX's own counter named as such, then the site.
    assert.ok((await rowsOf(2)).every((r) => r[3]!.startsWith("CCA")));
    assert.deepEqual((await rowsOf(2))[0]!.slice(1, 3), ["1", "6"], "the first Falcon 9: Wikipedia's flight 1, SpaceX's flight 6");
    // Q4: the sentence under the table states the table's own figures.
    const [q4] = await rowsOf(4);
    const q4Text = await panels[4]!.$eval(".query-result > p:last-child", (p) => p.textContent ?? "");
    assert.ok(q4Text.includes(`the ${q4![1]} F9 v1.1 launches average ${q4![2]} kg`), `Q4 text "${q4Text}" states the table's ${q4![1]} launches and ${q4![2]} kg`);
    // Numeric headers sit over their numbers.
    assert.deepEqual(await panels[4]!.$$eval("th", (ths) => ths.map((th) => getComputedStyle(th).textAlign)), ["left", "right", "right"]);
    assert.deepEqual(await rowsOf(5), [["2015-12-22 01:29 UTC"]], "first ground-pad landing: Orbcomm OG2");
    const droneShip = (await rowsOf(6)).map((r) => r[0]);
    for (const booster of ["B1021", "B1022", "B1026", "B1031"]) assert.ok(droneShip.includes(booster), `${booster} landed on a drone ship with 4–6 t`);
    assert.deepEqual((await rowsOf(9)).map((r) => [r[0], r[1]]), [["January", "B1012"], ["April", "B1015"]]);
    assert.equal((await rowsOf(10))[0]![0], "no attempt");
    // Every answer is the build's, said so, and no DuckDB was fetched for them.
    assert.equal(await page.$$eval(".query-panel .built-note", (e) => e.length), panels.length);
    assert.match((await panels[1]!.$eval(".built-note", (p) => p.textContent ?? "")), /built, by this SQL in DuckDB v\d/);
    await page.waitForLoadState("networkidle");
    // Its 27 kB JavaScript module comes with the editor; the WASM and the worker only when a query runs.
    assert.deepEqual(watch.requests.filter((url) => /duckdb.*(\.wasm|worker)/i.test(new URL(url).pathname)), [], "DuckDB-WASM loaded before anything asked for it");
    // Run one again in the browser: DuckDB-WASM gives the same rows.
    const built = await rowsOf(8);
    await panels[8]!.$eval("button.run-here", (b) => (b as HTMLButtonElement).click());
    await panels[8]!.waitForSelector(".browser-note", { timeout: 120_000 });
    assert.deepEqual(await rowsOf(8), built, "DuckDB-WASM and the build's DuckDB agree on question 8");
    assert.ok(watch.requests.some((url) => /duckdb.*\.wasm$/.test(new URL(url).pathname)), "running it fetched DuckDB's WASM");
    await screenshot(page, "sql");
    assert.equal(await phoneOverflow(page, "div.sql-editor textarea"), 0, "the page fits a phone-width screen");
    assert.deepEqual(watch.problems, []);
  });

  it("runs the reader's SQL, shows a bad query's error once, every statement's result, and scraped text as text", async () => {
    const { page, watch } = await site.open("/sql");
    // The editor waits for Run: nothing runs (and DuckDB-WASM stays away) until then.
    await page.waitForSelector(".sql-waiting");
    await runSql(page, "SELECT site, count(*) AS n FROM launches GROUP BY site ORDER BY site");
    assert.equal((await tableRows(page, ".sql-run")).length, 3);

    await runSql(page, "SELEC nonsense FROM nowhere");
    const error = await page.locator(".sql-run .query-error").innerText();
    assert.match(error, /The query did not run\.[\s\S]*syntax error/i);
    assert.equal(error.match(/syntax error/gi)?.length, 1, `DuckDB's message is shown once: ${error}`);

    await page.locator("div.sql-editor textarea").fill("SELECT * FROM no_such_table");
    await markOldRun(page);
    await page.locator("div.sql-editor textarea").press("Control+Enter");
    await page.waitForFunction(() => /no_such_table/.test(document.querySelector(".sql-run .query-error")?.textContent ?? ""), null, { timeout: 120_000 });
    assert.match(await page.locator(".sql-run .query-error").innerText(), /Check the table and column names/);

    await runSql(page, "SELECT 1 AS one; SELECT 2 AS two");
    assert.deepEqual(await page.$$eval(".sql-run .statement-heading span", (s) => s.map((e) => e.textContent)), ["Statement 1 of 2", "Statement 2 of 2"]);
    assert.deepEqual(await page.$$eval(".sql-run tbody td", (tds) => tds.map((td) => td.textContent)), ["1", "2"]);

    const hostile = `<script>window.__injected = 1</script><img src=x onerror="window.__injected = 2">`;
    await runSql(page, `SELECT '${hostile}' AS payload_name, name FROM launches LIMIT 1`);
    assert.equal((await tableRows(page, ".sql-run"))[0]![0], hostile, "the payload name shows as the characters it is");
    assert.equal(await page.locator(".sql-run .query-result script, .sql-run .query-result img").count(), 0, "no element was made from the text");
    assert.equal(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected), undefined);
    await screenshot(page, "sql-editor");
    assert.deepEqual(watch.problems, []);
  });

  it("keeps the database as built: a DROP TABLE is rolled back, and Reset reloads the tables", async () => {
    const { page, watch } = await site.open("/sql");
    // The editor waits for Run: nothing runs (and DuckDB-WASM stays away) until then.
    await page.waitForSelector(".sql-waiting");
    await runSql(page, "DROP TABLE launches; SELECT count(*) AS n FROM launches");
    assert.match(await page.locator(".sql-run .query-error").innerText(), /launches/);
    assert.match(await page.locator(".sql-run .sql-status").innerText(), /Failed at statement 2/);
    await runSql(page, "SELECT count(*) AS n FROM launches");
    const [[n]] = (await tableRows(page, ".sql-run")) as [[string]];
    assert.ok(Number(n.replace(/,/g, "")) > 500, `launches still has its ${n} rows`);
    await runSql(page, "BEGIN TRANSACTION; DROP TABLE launches; COMMIT");
    assert.match(await page.locator(".sql-run .query-error").innerText(), /controls the transaction/);

    await page.locator(".sql-run button.sql-reset").click();
    await page.waitForFunction(() => /as built again/.test(document.querySelector(".sql-run .sql-status")?.textContent ?? ""), null, { timeout: 120_000 });
    await runSql(page, "SELECT count(*) AS n FROM landings");
    assert.ok(Number((await tableRows(page, ".sql-run"))[0]![0]!.replace(/,/g, "")) > 500, "landings is there after the reset");
    assert.deepEqual(watch.problems, []);
  });

  it("stops a long query with Stop and with the time limit, and the page and database stay usable", async () => {
    const { page, watch } = await site.open("/sql");
    // The editor waits for Run: nothing runs (and DuckDB-WASM stays away) until then.
    await page.waitForSelector(".sql-waiting");
    const editor = page.locator("div.sql-editor");
    await editor.locator("textarea").fill("SELECT count(*) FROM range(10000000000) t(x) WHERE x % 7 = 3");
    await editor.locator("button.sql-run-button").click();
    await page.waitForFunction(() => /Running in DuckDB-WASM… [1-9]/.test(document.querySelector(".sql-run .sql-status")?.textContent ?? ""), null, { timeout: 60_000 });
    // The page answers while DuckDB works: the main thread is free.
    const lag = await page.evaluate(() => new Promise<number>((done) => { const t = performance.now(); setTimeout(() => done(performance.now() - t), 0); }));
    assert.ok(lag < 200, `the page answered in ${Math.round(lag)} ms while the query ran`);
    const pressed = Date.now();
    await page.locator(".sql-run button.sql-stop").click();
    await page.locator(".sql-run .query-stopped").waitFor({ timeout: 10_000 });
    assert.match(await page.locator(".sql-run .query-stopped").innerText(), /you pressed Stop/);
    const stoppedIn = Date.now() - pressed;
    await runSql(page, "SELECT 42 AS answer");
    assert.deepEqual(await tableRows(page, ".sql-run"), [["42"]], "the next query runs");
    console.log(`Stop took ${stoppedIn} ms; the next query answered ${Date.now() - pressed} ms after Stop`);

    // The time limit: 10 s, chosen in the editor.
    await editor.locator("form", { hasText: "Time limit" }).locator("select").selectOption({ label: "10 s" });
    await editor.locator("textarea").fill("SELECT count(*) FROM range(10000000000) t(x) WHERE x % 7 = 3");
    const started = Date.now();
    await editor.locator("button.sql-run-button").click();
    await page.locator(".sql-run .query-stopped").waitFor({ timeout: 30_000 });
    assert.match(await page.locator(".sql-run .query-stopped").innerText(), /time limit of 10 s/);
    const took = Date.now() - started;
    assert.ok(took >= 9_500 && took < 20_000, `stopped after ${took} ms`);
    await runSql(page, "SELECT 'still here' AS status");
    assert.deepEqual(await tableRows(page, ".sql-run"), [["still here"]]);
    assert.deepEqual(watch.problems, []);
  });

  it("moves only the first rows into the page unless asked, and downloads any result as CSV", async () => {
    const { page, watch } = await site.open("/sql");
    // The editor waits for Run: nothing runs (and DuckDB-WASM stays away) until then.
    await page.waitForSelector(".sql-waiting");
    const started = Date.now();
    await runSql(page, "SELECT range AS n FROM range(100000000)");
    const note = await page.locator(".sql-run .result-note").innerText();
    assert.match(note, /Showing 500 of 1,000 rows\. DuckDB has more rows: the first 1,000 were fetched\./);
    console.log(`100,000,000-row query answered with its first 1,000 rows in ${Date.now() - started} ms`);

    await runSql(page, "SELECT range AS n FROM range(5000)");
    await markOldRun(page);
    await page.locator(".sql-run button.fetch-all").click();
    await page.waitForFunction(() => /of 5,000 rows/.test(document.querySelector(".sql-run .result-note")?.textContent ?? ""), null, { timeout: 60_000 });
    assert.match(page.url(), /rows=0/, "the lifted limit is in the URL");

    await runSql(page, "SELECT date_utc, name, payload_mass_kg FROM launches ORDER BY date_utc LIMIT 3");
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator(".sql-run button.csv-download").click()]);
    assert.equal(download.suggestedFilename(), "query-1.csv");
    const csv = readFileSync((await download.path())!, "utf8").trim().split("\n");
    assert.equal(csv[0], "date_utc,name,payload_mass_kg");
    assert.equal(csv.length, 4, "a header and three rows");
    assert.match(csv[1]!, /^2010-06-04T/, "dates as ISO 8601");

    // A capstone panel's result downloads too.
    const [panelDownload] = await Promise.all([page.waitForEvent("download"), page.locator(".query-panel").nth(1).locator("button.csv-download").click()]);
    assert.deepEqual(readFileSync((await panelDownload.path())!, "utf8").trim().split("\n"), ["site", "CCAFS SLC-40", "KSC LC-39A", "VAFB SLC-4E"]);
    assert.deepEqual(watch.problems, []);
  });

  it("keeps the query in the URL: a reload or a shared link brings it back and runs it; without one the editor waits for Run", async () => {
    const { page, watch } = await site.open("/sql");
    // The editor waits for Run: nothing runs (and DuckDB-WASM stays away) until then.
    await page.waitForSelector(".sql-waiting");
    const sql = "SELECT orbit, count(*) AS launches FROM launches GROUP BY orbit ORDER BY launches DESC, orbit LIMIT 4";
    await runSql(page, sql);
    const rows = await tableRows(page, ".sql-run");
    assert.equal(new URL(page.url()).searchParams.get("sql"), sql);
    const shared = page.url();
    const other = await site.open(new URL(shared).pathname + new URL(shared).search);
    await waitForRun(other.page);
    assert.equal(await other.page.locator("div.sql-editor textarea").inputValue(), sql);
    assert.deepEqual(await tableRows(other.page, ".sql-run"), rows);
    await other.page.goto(site.origin + "/sql");
    await other.page.waitForSelector(".sql-waiting");
    assert.notEqual(await other.page.locator("div.sql-editor textarea").inputValue(), sql, "without the parameter, the default query");
    assert.deepEqual([...watch.problems, ...other.watch.problems], []);
  });
});
