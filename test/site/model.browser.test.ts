import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { join } from "node:path";
import { csvParse } from "d3";
import { share } from "../../src/facts/format.ts";
import { DIST, filesUnder, screenshot, useSite } from "../support/site.ts";

/** A file the build published, by its name before Framework's content hash (models/x/card.json -> card.1234abcd.json). */
async function distFile(path: string): Promise<string> {
  const [dir, name] = [path.slice(0, path.lastIndexOf("/")), path.slice(path.lastIndexOf("/") + 1)];
  const dot = name.lastIndexOf(".");
  const pattern = new RegExp(`^${name.slice(0, dot)}\\.[0-9a-f]+\\${name.slice(dot)}$`);
  const found = filesUnder(join(DIST, "_file", dir)).filter((f) => pattern.test(f.slice(f.lastIndexOf("/") + 1)));
  assert.equal(found.length, 1, `${path}: ${found.length} files in dist/_file/${dir}`);
  return found[0]!;
}

const metric = (page: Page, key: string) => page.$eval(`#metrics-table tr[data-metric='${key}'] td.model`, (td) => td.textContent);
const numberInput = (name: string) => `#param-${name} input[type=number]`;
/** Pick the option whose label starts with `text` (Inputs.select's option values are indexes). */
async function choose(page: Page, selector: string, text: string): Promise<void> {
  const labels = await page.$$eval(`${selector} option`, (os) => os.map((o) => o.textContent ?? ""));
  const index = labels.findIndex((l) => l.startsWith(text));
  assert.ok(index >= 0, `no option "${text}" in ${selector}: ${labels.join(" | ")}`);
  await page.selectOption(selector, { index });
}
const runCount = (page: Page) => page.$$eval("#run-history tbody tr", (trs) => trs.length);

async function runFinished(page: Page, runs: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll("#run-history tbody tr").length >= n && !/Running|Waiting|Queued/.test(document.querySelector("#run-status")?.textContent ?? ""), runs, { timeout: 180_000 });
}

/** The page fits a phone: nothing scrolls sideways (wide tables scroll inside their own box). */
async function fitsPhone(page: Page, name: string): Promise<void> {
  const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  console.log(`${name} at 390 px: scrollWidth ${scrollWidth}, innerWidth ${innerWidth}`);
  assert.ok(scrollWidth <= innerWidth, `${name} scrolls sideways at 390 px: ${scrollWidth} > ${innerWidth}`);
}

describe("Model lab, predictor and upcoming pages", () => {
  const site = useSite();
  // A page to set up before the one under test loads (routes, viewport); what it logs is not the page's.
  const blankPage = async () => {
    const opened = await site.open("/favicon.svg");
    await opened.page.waitForLoadState("networkidle");
    opened.watch.problems.splice(0);
    return opened;
  };

  it("lab: draws the published result from the model card with nothing heavy, trains and loads DuckDB only when asked, reproduces it live, keeps a run history, compares and downloads runs", async () => {
    const started = Date.now();
    const { page, watch } = await site.open("/lab");
    // The published evaluation comes from the card and predictions.csv: no worker, no DuckDB.
    await page.waitForSelector("#default-model-table tbody tr", { timeout: 60_000 });
    await page.waitForSelector("#published-charts svg", { timeout: 60_000 });
    console.log(`lab: published result drawn ${Date.now() - started} ms after navigation`);
    const protocols = await page.$$eval("#default-model-table tbody tr", (trs) => trs.map((tr) => tr.getAttribute("data-protocol")));
    assert.equal(protocols[0], "prequential", `published protocols: ${protocols.join(", ")}`);
    assert.ok(await page.$("#published-race svg"), "the published race is drawn");

    // Nothing trains and DuckDB stays away until the reader asks: no worker, no TF.js, no DuckDB.
    await page.waitForSelector("#train-button");
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(1500);
    // The training worker's script (trainer.js, not the small trainer-client.js), TF.js, libsvm and DuckDB.
    const worker = /\/trainer\.[\w]*\.?js$/;
    const heavy = () => watch.requests.filter((url) => worker.test(new URL(url).pathname) || /tfjs|\/tf\.\w+\.js$|libsvm|duckdb|\.wasm$/i.test(new URL(url).pathname));
    assert.deepEqual(heavy(), [], "a visit that only reads made a training or DuckDB request");
    assert.equal(await runCount(page), 0, "no run before Train is pressed");
    assert.match((await page.textContent("#run-status")) ?? "", /No run yet/);

    // Asked: the feature SQL in DuckDB-WASM, and nothing else heavy with it.
    await page.click("#feature-sql-button");
    const agreement = await page.waitForSelector("#feature-agreement", { timeout: 120_000 });
    assert.match((await agreement.textContent()) ?? "", /SQL and TypeScript agree: \d+ rows/);
    assert.ok(heavy().some((url) => /duckdb.*\.wasm$/.test(new URL(url).pathname)), `DuckDB's WASM after the click: ${heavy().join(", ")}`);
    assert.ok(!heavy().some((url) => worker.test(new URL(url).pathname)), "the SQL check started the training worker");

    // Asked: Train reproduces the published settings live and matches the card.
    await page.click("#train-button");
    await runFinished(page, 1);
    assert.ok(heavy().some((url) => worker.test(new URL(url).pathname)), `the training worker after Train: ${heavy().join(", ")}`);
    await page.waitForSelector("#build-agreement:not([hidden])", { timeout: 60_000 });
    assert.match((await page.textContent("#build-agreement")) ?? "", /reproduced the build's evaluation/);
    const first = await metric(page, "logLoss");
    assert.match((await page.$eval("#metrics-table tr[data-metric='accuracy'] td.baseline", (td) => td.textContent)) ?? "", /^0\.\d{3}$/);
    for (const chart of ["#roc-chart", "#calibration-chart", "#confusion-chart", "#race-chart"]) assert.ok(await page.$(`${chart} svg`), `${chart} drawn`);
    // The prequential result beside the three references, each with its paired interval.
    const references = await page.$$eval("#references-table tr[data-metric='logLoss'] td.reference", (tds) => tds.map((td) => td.getAttribute("data-reference")));
    assert.deepEqual(references, ["baseRate", "recentRate", "era"]);
    assert.match((await page.textContent("#references-table tr[data-metric='logLoss']")) ?? "", /\[[−+]\d\.\d{3}, [−+]\d\.\d{3}\]/);

    // A second run with other settings: the first is greyed while it runs, then both are in the history.
    // A strong prior (0.01) pulls the coefficient towards zero: the log loss moves visibly.
    await page.fill(numberInput("priorScale"), "0.01");
    assert.ok(await page.$("#train-output.stale"), "the shown run is greyed once the form no longer matches it");
    await page.click("#train-button");
    await runFinished(page, 2);
    assert.notEqual(await metric(page, "logLoss"), first);
    assert.equal(await page.$("#train-output.stale"), null);
    assert.equal(await page.$eval("#build-agreement", (e) => (e as HTMLElement).hidden), true, "no comparison with the build for settings the build did not use");
    const history = await page.$$eval("#run-history tbody tr", (trs) => trs.map((tr) => tr.textContent ?? ""));
    assert.equal(history.length, 2);
    assert.match(history[0]!, /▶ 2 \(shown\).*priorScale=0\.01/);
    assert.match(history[1]!, /priorScale=0/);

    // Any two runs side by side.
    for (const box of await page.$$("#run-history tbody input[type=checkbox]")) await box.check();
    await page.waitForSelector("#run-comparison", { timeout: 10_000 });
    assert.match((await page.textContent("#run-comparison")) ?? "", /Run 1.*Run 2/s);

    // On a phone the cards hide the headings: the sort menu orders the runs instead, and is hidden on a wide screen.
    const sortMenu = page.locator("#run-history .phone-sort select");
    assert.equal(await sortMenu.isVisible(), false, "no sort menu beside the sortable headings of a wide screen");
    const viewport = page.viewportSize()!;
    await page.setViewportSize({ width: 390, height: 844 });
    assert.equal(await sortMenu.isVisible(), true, "the sort menu on a phone");
    await sortMenu.selectOption({ label: "Run, oldest first" });
    const top = (await page.textContent("#run-history tbody tr")) ?? "";
    assert.ok(/^\D*1\D/.test(top) && !top.includes("▶"), `oldest first: run 1 on top, not ${top}`);
    await sortMenu.selectOption({ label: "Run, newest first" });
    assert.match((await page.textContent("#run-history tbody tr")) ?? "", /▶ 2 \(shown\)/, "newest first again");
    await page.setViewportSize(viewport);

    // Downloads: the shown run's predictions (CSV) and metrics (JSON).
    const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.click("#download-predictions")]);
    const csv = (await readFile((await csvDownload.path())!, "utf8")).trim().split("\n");
    assert.equal(csv[0], "run,landing_id,launch_id,date_utc,round,label,probability,probability_low,probability_high,base_rate,recent_rate,era");
    const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.click("#download-metrics")]);
    const json = JSON.parse(await readFile((await jsonDownload.path())!, "utf8"));
    assert.equal(json.run, 2);
    assert.equal(json.params.priorScale, 0.01);
    assert.equal(csv.length - 1, json.metrics.n, "one CSV line per test prediction");
    assert.equal(json.metrics.logLoss.toFixed(3), await metric(page, "logLoss"));
    assert.ok(json.references.era.logLoss > 0 && json.comparisons.era.logLoss.low <= json.comparisons.era.logLoss.high);
    await screenshot(page, "lab");
    assert.deepEqual(watch.problems, []);
    await page.close();
  });

  it("lab: refuses out-of-range parameters beside the field, says when a model is degenerate, cancels", async () => {
    const { page, watch } = await site.open("/lab");
    await page.click("#train-button");
    await runFinished(page, 1);
    await choose(page, "#param-kind select", "Logistic regression");
    await choose(page, "#param-protocol select", "Random");
    const refused = async (name: string, value: string) => {
      await page.fill(numberInput(name), value);
      const note = await page.textContent(`#param-${name} .field-note.field-error`);
      assert.match(note ?? "", /out of range/, `${name} = ${value}: ${note}`);
      await page.click("#train-button");
      await page.waitForFunction(() => /^Not run/.test(document.querySelector("#train-error")?.textContent ?? ""), null, { timeout: 30_000 });
      assert.equal(await runCount(page), 1, `${name} = ${value} must not run`);
    };
    await refused("learningRate", "1e9");
    await refused("learningRate", "1e-300");
    await page.fill(numberInput("learningRate"), "0.05");
    await refused("l2", "1e30");
    await page.fill(numberInput("l2"), "0.001");
    await choose(page, "#param-kind select", "Decision tree");
    assert.equal(await page.isVisible("#param-learningRate"), false, "a tree has no learning rate");
    assert.equal(await page.isVisible("#param-maxDepth"), true);
    await refused("minSamplesLeaf", "1e9");
    await page.fill(numberInput("minSamplesLeaf"), "1");

    // A tree that cannot split (too few training rows for its minimum) predicts one probability for all.
    await choose(page, "#param-protocol select", "Time-ordered");
    await page.fill(numberInput("testFraction"), "0.5");
    await page.fill(numberInput("minSamplesSplit"), "400");
    await page.click("#train-button");
    await runFinished(page, 2);
    assert.match((await page.textContent("#train-progress-status")) ?? "", /degenerate/);
    assert.match((await page.textContent("#run-status")) ?? "", /same probability/);

    // Cancel: a long run (MLP, 10-fold, many epochs) stops when asked, and the page answers meanwhile.
    await choose(page, "#param-kind select", "Neural network");
    await choose(page, "#param-protocol select", "k-fold");
    await page.fill(numberInput("epochs"), "3000");
    await page.click("#train-button");
    await page.waitForFunction(() => Number((document.querySelector("#train-progress-bar") as HTMLProgressElement)?.value) > 0, null, { timeout: 60_000 });
    assert.ok(await page.$("#train-output.stale"), "the earlier result is greyed during the run");
    const responsive = await page.evaluate(() => new Promise<number>((resolve) => { const t = performance.now(); requestAnimationFrame(() => resolve(performance.now() - t)); }));
    assert.ok(responsive < 1000, `the page answered a frame request in ${responsive} ms while training`);
    await page.click("#train-progress-cancel");
    await page.waitForFunction(() => document.querySelector("#train-progress-status")?.textContent === "Cancelled.", null, { timeout: 60_000 });
    assert.ok(await page.$("#train-output.stale"), "after a cancel the shown run stays greyed");
    assert.equal(await runCount(page), 2);
    assert.deepEqual(watch.problems, []);
    await page.close();
  });

  it("lab: a click before the feature table has loaded waits, says so, runs the form's settings, and raises no false mismatch", async () => {
    const { page, watch } = await blankPage();
    // Hold the Parquet tables back, as a slow connection would.
    await page.route(/\.parquet(\?|$)/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 4000));
      await route.continue();
    });
    await page.goto(`${site.origin}/lab`);
    await page.waitForSelector(numberInput("priorScale"));
    await page.fill(numberInput("priorScale"), "2");
    await page.click("#train-button");
    assert.match((await page.textContent("#run-status")) ?? "", /Waiting for the feature table/);
    await runFinished(page, 1);
    assert.match((await page.textContent("#run-history tbody tr")) ?? "", /priorScale=2/);
    assert.equal(await runCount(page), 1);
    assert.equal(await page.$eval("#build-agreement", (e) => (e as HTMLElement).hidden), true);
    assert.deepEqual(watch.problems, []);
    await page.close();
  });

  it("lab: the model, parameters and protocol live in the URL and come back on reload", async () => {
    const { page, watch } = await site.open("/lab");
    await page.waitForSelector("#param-kind select");
    await choose(page, "#param-kind select", "Decision tree");
    await page.fill(numberInput("maxDepth"), "6");
    await choose(page, "#param-protocol select", "k-fold");
    await page.fill(numberInput("folds"), "5");
    await page.check("#param-featureSet input[value='1']");
    await page.uncheck("#param-groups input[value='2']");
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("kind"), "tree");
    assert.equal(url.searchParams.get("maxDepth"), "6");
    assert.equal(url.searchParams.get("protocol"), "kfold");
    assert.equal(url.searchParams.get("folds"), "5");
    assert.equal(url.searchParams.get("featureSet"), "groups");
    await page.close();
    const again = await site.open(url.pathname + url.search);
    await again.page.waitForSelector("#param-kind select");
    assert.equal(await again.page.$eval("#param-kind select", (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent), "Decision tree (CART)");
    assert.equal(await again.page.inputValue(numberInput("maxDepth")), "6");
    assert.equal(await again.page.inputValue(numberInput("folds")), "5");
    assert.equal(await again.page.isChecked("#param-groups input[value='2']"), false);
    await again.page.waitForTimeout(1000);
    assert.equal(await runCount(again.page), 0, "a shared link trains only when pressed, or when it says run=1");
    await again.page.click("#train-button");
    await runFinished(again.page, 1);
    assert.match((await again.page.textContent("#run-history tbody tr")) ?? "", /Decision tree.*5-fold CV.*maxDepth=6/);
    // The explicit flag runs the link's settings on arrival.
    const third = await site.open(`${url.pathname}${url.search}&run=1`);
    await runFinished(third.page, 1);
    assert.match((await third.page.textContent("#run-history tbody tr")) ?? "", /Decision tree.*5-fold CV.*maxDepth=6/);
    assert.deepEqual(third.watch.problems, []);
    await third.page.close();
    assert.match((await again.page.textContent("#run-history tbody tr")) ?? "", /Decision tree.*5-fold CV.*maxDepth=6/);
    assert.deepEqual([...watch.problems, ...again.watch.problems], []);
    await again.page.close();
  });

  it("lab: the grid's Cancel ends a run at every phase, and a new run follows each", async () => {
    const { page, watch } = await site.open("/lab");
    await page.click("#train-button");
    await runFinished(page, 1);
    const status = () => page.textContent("#grid-progress-status");
    const cancelledAndReady = async (phase: string) => {
      await page.waitForFunction(() => document.querySelector("#grid-progress-status")?.textContent === "Cancelled.", null, { timeout: 30_000 })
        .catch(async () => assert.fail(`cancel ${phase}: the status stayed "${await status()}"`));
      assert.equal(await page.isDisabled("#grid-progress-cancel"), true, `cancel ${phase}: Cancel still enabled`);
      assert.equal(await page.isDisabled("#grid-button"), false, `cancel ${phase}: Run stays disabled`);
      assert.equal(await page.$("#grid-table"), null, `cancel ${phase}: a table appeared`);
    };
    /** Press Cancel from inside the page the moment the status first matches, whatever the machine's speed. */
    const cancelWhen = (pattern: string) => page.evaluate((source) => {
      const status = document.querySelector("#grid-progress-status")!;
      const observer = new MutationObserver(() => {
        if (!new RegExp(source).test(status.textContent ?? "")) return;
        observer.disconnect();
        (document.querySelector("#grid-progress-cancel") as HTMLButtonElement).click();
      });
      observer.observe(status, { childList: true, characterData: true, subtree: true });
    }, pattern);

    // 1. Before the SVM worker has libsvm: its WebAssembly is held back until after the cancel, so
    // the worker cannot answer; the page must not wait for it.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let wasmRequested = false;
    await page.context().route("**/libsvm*.wasm", async (route) => {
      wasmRequested = true;
      await held;
      await route.continue();
    });
    await page.click("#grid-button");
    await page.waitForFunction(() => !(document.querySelector("#grid-progress-cancel") as HTMLButtonElement).disabled);
    await page.click("#grid-progress-cancel");
    await cancelledAndReady("before libsvm loaded");
    console.log(`grid cancel before libsvm loaded: the wasm was ${wasmRequested ? "requested and held" : "not requested yet"}`);
    release();

    // 2. During the SVM grid, at its first progress report; 3. during the tree grid.
    for (const [phase, pattern] of [["during an SVM fit", "svm: C = "], ["during a tree fit", "tree: \\d+ of 648"]] as const) {
      await cancelWhen(pattern);
      await page.click("#grid-button");
      await cancelledAndReady(phase);
    }

    // 4. A whole run after the cancels, then Cancel is off: nothing is left to cancel.
    await page.click("#grid-button");
    await page.waitForSelector("#grid-table tbody tr", { timeout: 600_000 });
    assert.equal(await page.isDisabled("#grid-progress-cancel"), true);
    assert.match((await status()) ?? "", /^Whole grid in \d+\.\d s\.$/);
    const families = await page.$$eval("#grid-table tbody tr", (trs) => trs.map((tr) => tr.getAttribute("data-family")));
    assert.deepEqual(families, ["logreg", "svm", "tree", "knn"]);
    const accuracies = await page.$$eval("#grid-table td.test-accuracy", (tds) => tds.map((td) => td.textContent ?? ""));
    for (const a of accuracies) assert.match(a, /^\d\.\d{3} \(\d+\/18\)$/);
    assert.match((await page.textContent("#capstone-comparison")) ?? "", /0\.833/);
    const seconds = Number(await page.textContent("#grid-seconds"));
    console.log(`capstone grid in the browser: ${seconds} s; test accuracy ${accuracies.join(", ")}`);
    await screenshot(page, "lab-grid");
    assert.deepEqual(watch.problems, []);
    await page.close();
  });

  it("lab: a worker that never reads the cancel (one long WebAssembly fit) is replaced, and what waited behind it still runs", async () => {
    const { page, watch } = await site.open("/lab");
    const client = await page.$eval("link[rel=modulepreload][href*='trainer-client']", (l) => (l as HTMLLinkElement).href);
    const outcome = await page.evaluate(async (href) => {
      const { createTrainer, RunCancelled, CANCEL_GRACE_MS } = await import(href);
      // A real worker whose "fit" holds its thread forever, as a libsvm call does while it runs.
      const source = `onmessage = (e) => { const m = e.data;
        if (m.type === "grid") { postMessage({type: "progress", id: m.id, fraction: 0.1, message: "fitting"}); for (;;) {} }
        if (m.type === "memory") postMessage({type: "memory", id: m.id, numTensors: 0, numBytes: 0}); };`;
      const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      let spawned = 0;
      const trainer = createTrainer(() => (spawned++, new Worker(url)));
      const progress: string[] = [];
      // Cancel once the worker is inside its fit (it has reported progress), however long it took to start.
      // (No named function is declared in here: tsx would wrap it in a helper the page does not have.)
      const reported: { resolve?: (value: unknown) => void } = {};
      const inFit = new Promise((resolve) => (reported.resolve = resolve));
      const run = trainer.grid({ kind: "capstone" }, ["svm"], (_f: number, m: string) => (progress.push(m), reported.resolve?.(m)));
      await inFit;
      const cancelledAt = performance.now();
      trainer.cancel();
      const error = await run.catch((e: unknown) => e);
      const rejectedAfterMs = performance.now() - cancelledAt;
      // Sent while the stuck worker still holds its thread: only a replacement can answer it.
      const memory = await trainer.memory();
      const answeredAfterMs = performance.now() - cancelledAt;
      const restarts = trainer.restarts;
      trainer.terminate();
      return { cancelled: error instanceof RunCancelled, rejectedAfterMs, answeredAfterMs, memory, restarts, spawned, progress, grace: CANCEL_GRACE_MS };
    }, client);
    assert.equal(outcome.cancelled, true);
    assert.ok(outcome.rejectedAfterMs < outcome.grace, `the cancelled run waited ${outcome.rejectedAfterMs} ms for the worker`);
    assert.ok(outcome.answeredAfterMs >= outcome.grace, "the request behind the stuck fit was answered before the worker was replaced");
    assert.deepEqual(outcome.memory, { numTensors: 0, numBytes: 0 });
    assert.equal(outcome.restarts, 1);
    assert.equal(outcome.spawned, 2);
    assert.deepEqual(outcome.progress, ["fitting"]);
    assert.deepEqual(watch.problems, []);
    await page.close();
  });

  it("predictor: only the chosen model's inputs, each one moving it; models labelled with their month-by-month scores; as flown from a model trained before the launch", async () => {
    const { page, watch } = await site.open("/predict");
    const logit = () => page.getAttribute("#what-if-probability", "data-logit");
    await page.waitForFunction(() => /%$/.test(document.querySelector("#what-if-probability")?.textContent ?? ""), null, { timeout: 60_000 });
    assert.match((await page.textContent("#what-if-interval")) ?? "", /95% interval \d+\.\d+% – \d+\.\d+%\. \+0\.0 points against the launch unchanged/);
    // The published model offers only what it uses; the rest is named as unused, not offered as fields.
    const card = JSON.parse(await readFile(await distFile("data/release/models/default/card.json"), "utf8")) as { features: string[]; evaluation: { prequential: { metrics: { logLoss: number } } } };
    const shown = await page.$$eval("#what-if-form [data-field]", (fs) => fs.map((f) => (f as HTMLElement).dataset.field ?? ""));
    assert.deepEqual(shown, card.features);
    assert.match((await page.textContent("#unused-fields")) ?? "", /payload mass/);
    // Each model is offered with its month-by-month log loss, the published one's beside it.
    const options = await page.$$eval("select option", (os) => os.map((o) => o.textContent ?? "").filter((t) => /log loss/.test(t)));
    assert.equal(options.length, 3, options.join(" | "));
    for (const o of options.slice(1)) assert.ok(o.includes(card.evaluation.prequential.metrics.logLoss.toFixed(4)), `${o} does not name the published model's score`);

    /** Every field shown moves the chosen model's log-odds (or the model marks it unused). */
    async function everyFieldMoves(model: string) {
      const fields = await page.$$eval("#what-if-form [data-field]", (fs) => fs.map((f) => ({ name: (f as HTMLElement).dataset.field!, unused: (f as HTMLElement).dataset.unused !== undefined, select: !!f.querySelector("select") })));
      assert.ok(fields.length > 0);
      for (const field of fields) {
        if (field.unused) continue;
        const before = await logit();
        const selector = `[data-field='${field.name}'] ${field.select ? "select" : "input"}`;
        if (field.select) {
          const { count, current } = await page.$eval(selector, (s) => ({ count: (s as HTMLSelectElement).options.length, current: (s as HTMLSelectElement).selectedIndex }));
          let moved = false;
          for (let i = 0; i < count && !moved; i++) {
            if (i === current) continue;
            await page.selectOption(selector, { index: i });
            moved = await page.waitForFunction((b) => { const l = document.querySelector("#what-if-probability")?.getAttribute("data-logit"); return l && l !== b; }, before, { timeout: 5_000 }).then(() => true, () => false);
          }
          assert.ok(moved, `${model}: no other value of ${field.name} moves the prediction`);
        } else {
          const value = Number(await page.inputValue(selector));
          const range = ((await page.getAttribute(`[data-field='${field.name}'] input`, "title")) ?? "").split("–").map(Number);
          const next = Number.isFinite(value) && range.length === 2 ? (value > (range[0]! + range[1]!) / 2 ? range[0]! + (range[1]! - range[0]!) / 10 : range[1]! - (range[1]! - range[0]!) / 10) : 1;
          await page.fill(selector, String(Math.round(next)));
          await page.waitForFunction((b) => { const l = document.querySelector("#what-if-probability")?.getAttribute("data-logit"); return l && l !== b; }, before, { timeout: 10_000 }).catch(() => {});
          assert.notEqual(await logit(), before, `${model}: ${field.name} ${value} -> ${Math.round(next)} did not move the prediction (${(await page.textContent("#what-if-result")) ?? ""})`);
        }
        await page.click("#what-if-reset");
        await page.waitForFunction(() => /\+0\.0 points/.test(document.querySelector("#what-if-interval")?.textContent ?? ""), null, { timeout: 10_000 });
      }
    }
    await everyFieldMoves("default");

    // A richer model: payload and landing type are offered and move it, beside its score against the published one.
    await choose(page, "select", "Mission, booster and landing");
    await page.waitForSelector("[data-field='payload_mass_kg'] input", { timeout: 30_000 });
    await page.waitForFunction(() => /%$/.test(document.querySelector("#what-if-probability")?.textContent ?? ""), null, { timeout: 30_000 });
    assert.equal(new URL(page.url()).searchParams.get("model"), "mission");
    assert.match((await page.textContent("#model-evidence")) ?? "", /log loss is \d\.\d{4} against the published model's \d\.\d{4}.*paired-bootstrap 95% interval/);
    const labels = await page.$$eval("#what-if-form label", (ls) => ls.map((l) => l.textContent ?? ""));
    assert.ok(labels.includes("Landing type") && labels.includes("Payload mass (kg)"), labels.join(" | "));
    assert.ok(!labels.some((l) => /_/.test(l)), `a column name shown as a label: ${labels.join(" | ")}`);
    await everyFieldMoves("mission");
    // Contributions name the launch's own categories only.
    const bars = await page.$$eval("#what-moved-it svg g[aria-label='y-axis tick label'] text", (ts) => ts.map((t) => t.textContent ?? ""));
    const site_ = await page.$eval("[data-field='site'] select", (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? "");
    for (const bar of bars.filter((b) => b.startsWith("Launch site"))) assert.ok(bar.includes(site_.slice(0, 8)), `${bar} is not the launch's site ${site_}`);

    // A change lands in the URL.
    await page.fill("[data-field='payload_mass_kg'] input", "15000");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("payload_mass_kg") === "15000", null, { timeout: 30_000 });

    // Impossible values are refused with a reason.
    const probability = () => page.textContent("#what-if-probability");
    const refusedWith = async (pattern: RegExp) => {
      // The page re-renders after each choice, so the refusal of an earlier choice can still be shown.
      await page.waitForFunction((source) => new RegExp(source).test(document.querySelector("#what-if-error")?.textContent ?? ""), pattern.source, { timeout: 30_000 }).catch(() => {});
      assert.match((await page.textContent("#what-if-error")) ?? "", pattern);
      assert.equal(await probability(), "—");
    };
    await page.fill("[data-field='payload_mass_kg'] input", "-5");
    await refusedWith(/Payload mass.*out of range/);
    assert.ok(await page.$("[data-field='payload_mass_kg'] .field-note.field-error"), "the message sits beside the field");
    await page.fill("[data-field='payload_mass_kg'] input", "1e300");
    await refusedWith(/Payload mass.*out of range/);
    await page.fill("[data-field='payload_mass_kg'] input", "");
    await page.fill("[data-field='core_flight'] input", "1000");
    await refusedWith(/Flight of this core.*out of range.*most-flown core/);
    await page.fill("[data-field='core_flight'] input", "1");
    await choose(page, "[data-field='reused'] select", "yes");
    await refusedWith(/first flight.*cannot have flown before/);
    await screenshot(page, "predict-refused");

    // Reset: back to the launch as flown.
    await page.click("#what-if-reset");
    await page.waitForFunction(() => /\+0\.0 points/.test(document.querySelector("#what-if-interval")?.textContent ?? ""), null, { timeout: 30_000 });
    assert.equal(new URL(page.url()).searchParams.get("core_flight"), null);

    // Search the past launches and start from one; the choice and an edit survive a reload.
    await page.fill("form input[type=search]", "CRS");
    await page.waitForFunction(() => [...document.querySelectorAll("table tbody tr")].some((tr) => /CRS/.test(tr.textContent ?? "")), null, { timeout: 30_000 });
    await page.click("table tbody tr:first-child input[type=radio]");
    await page.waitForFunction(() => new URL(location.href).searchParams.has("launch"), null, { timeout: 30_000 });
    await page.fill("[data-field='payload_mass_kg'] input", "1234");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("payload_mass_kg") === "1234", null, { timeout: 30_000 });
    const whatIf = await probability();
    const shared = page.url();
    await page.close();
    const again = await site.open(new URL(shared).pathname + new URL(shared).search);
    await again.page.waitForFunction(() => /%$/.test(document.querySelector("#what-if-probability")?.textContent ?? ""), null, { timeout: 60_000 });
    assert.equal(await again.page.inputValue("[data-field='payload_mass_kg'] input"), "1234");
    assert.equal(await again.page.textContent("#what-if-probability"), whatIf);
    await screenshot(again.page, "predict");
    assert.deepEqual([...watch.problems, ...again.watch.problems], []);
    await again.page.close();
  });

  it("predictor: as flown is the forecast made before the launch (B1062, 2024-08-28: trained on landings before that day)", async () => {
    const { page, watch } = await site.open("/predict");
    await page.waitForFunction(() => /%$/.test(document.querySelector("#what-if-probability")?.textContent ?? ""), null, { timeout: 60_000 });
    await page.fill("form input[type=search]", "B1062");
    await page.waitForFunction(() => [...document.querySelectorAll("table tbody tr")].some((tr) => /2024-08-28/.test(tr.textContent ?? "")), null, { timeout: 30_000 });
    const rows = await page.$$eval("table tbody tr", (trs) => trs.map((tr) => tr.textContent ?? ""));
    await page.click(`table tbody tr:nth-child(${rows.findIndex((r) => /2024-08-28/.test(r)) + 1}) input[type=radio]`);
    await page.waitForFunction(() => document.querySelector("#original-probability")?.getAttribute("data-launch") === "2024-08-28", null, { timeout: 30_000 });
    const landingId = new URL(page.url()).searchParams.get("launch")!;
    for (const model of ["default", "mission"]) {
      if (model !== "default") {
        await choose(page, "select", "Mission, booster and landing");
        await page.waitForFunction(() => new URL(location.href).searchParams.get("model") === "mission", null, { timeout: 30_000 });
        await page.waitForSelector("[data-field='payload_mass_kg'] input", { timeout: 30_000 });
      }
      const cutoff = (await page.getAttribute("#original-probability", "data-cutoff")) ?? "";
      assert.match(cutoff, /^\d{4}-\d{2}-\d{2}$/, `${model}: no training cut-off shown`);
      assert.ok(cutoff < "2024-08-28", `${model}: as flown comes from a model trained to ${cutoff}, not before the launch`);
      assert.equal(await page.textContent("#as-flown-cutoff"), cutoff, "the cut-off is named on the page");
      // The figure is the model's own month-by-month prediction for that core, from the published file.
      const published = csvParse(await readFile(await distFile(`data/release/models/${model}/prequential.csv`), "utf8")).find((r) => r.landing_id === landingId);
      assert.ok(published, `${model}: ${landingId} has no prequential prediction`);
      assert.equal(published.trained_before, cutoff);
      assert.equal(await page.textContent("#original-probability"), share(Number(published.probability), 1));
      assert.match((await page.textContent("#as-flown")) ?? "", /the stage failed/);
    }
    assert.deepEqual(watch.problems, []);
    await page.close();
  });

  it("upcoming: every recorded upcoming core with an interval, a histogram a phone can see, and statuses that say when they were recorded", async () => {
    const { page, watch } = await site.open("/upcoming");
    await page.waitForSelector("#upcoming-table tbody tr", { timeout: 60_000 });
    const probabilities = await page.$$eval("#upcoming-table td.probability", (tds) => tds.map((td) => Number.parseFloat(td.textContent ?? "")));
    assert.ok(probabilities.length > 10);
    for (const p of probabilities) assert.ok(p >= 0 && p <= 100);
    assert.match((await page.textContent("#known-outcomes")) ?? "", /^\d+ \/ \d+$/);
    const widths = await page.$$eval("#upcoming-histogram svg rect", (rs) => rs.map((r) => r.getBoundingClientRect().width));
    assert.ok(widths.some((w) => w >= 5), `histogram bars too thin to see: ${widths.join(", ")}`);
    // The track record: the figures the build's forecast_record.json holds, its chart, and the ledger for download.
    await page.waitForSelector("#ledger-record .big", { timeout: 60_000 });
    const links = await page.$$eval("#ledger-downloads a", (as) => as.map((a) => a.getAttribute("download")));
    assert.deepEqual(links, ["forecast_ledger.parquet", "forecast_ledger.csv", "forecast_scores.parquet", "forecast_scores.csv"]);
    const csv = (await (await page.request.get(await page.$eval("#ledger-downloads a[download='forecast_ledger.csv']", (a) => (a as HTMLAnchorElement).href))).body()).toString();
    const csvEntries = csv.trimEnd().split("\n").length - 1;
    assert.equal(Number(await page.textContent("#ledger-entries")), csvEntries, "the entries shown are the ledger's rows");
    assert.equal(await page.$$eval("#ledger-table tbody tr", (trs) => trs.length), csvEntries);
    const scoresCsv = (await (await page.request.get(await page.$eval("#ledger-downloads a[download='forecast_scores.csv']", (a) => (a as HTMLAnchorElement).href))).body()).toString();
    const scored = scoresCsv.split("\n").filter((line) => line.split(",")[1] === "scored").length;
    assert.ok(scored > 0, "the recordings seed scored entries");
    assert.equal(Number(await page.textContent("#ledger-scored")), scored, "the scored count is forecast_scores' scored rows");
    assert.match((await page.textContent("#ledger-log-loss")) ?? "", /^\d\.\d{4}$|^\d\.\de-\d+$/);
    assert.ok(await page.$("#ledger-chart svg"), "calibration as it accumulates is drawn");
    await screenshot(page, "upcoming");
    assert.deepEqual(watch.problems, []);
    await page.close();
  });

  it("lab, predictor and upcoming fit a 390 px phone without sideways scrolling", async () => {
    for (const path of ["/lab", "/predict", "/upcoming"]) {
      const { page, watch } = await blankPage();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(site.origin + path);
      await page.waitForSelector(path === "/lab" ? "#default-model-table tbody tr" : path === "/predict" ? "#what-if-probability" : "#upcoming-table tbody tr", { timeout: 60_000 });
      await page.waitForTimeout(500);
      await fitsPhone(page, path);
      await screenshot(page, `phone${path.replace("/", "-")}`);
      assert.deepEqual(watch.problems, []);
      await page.close();
    }
  });
});
