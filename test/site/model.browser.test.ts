import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { screenshot, useSite } from "../support/site.ts";

const metric = (page: Page, key: string) => page.$eval(`#metrics-table tr[data-metric='${key}'] td.model`, (td) => td.textContent);

async function trainedOnce(page: Page): Promise<void> {
  await page.waitForSelector("#metrics-table", { timeout: 180_000 });
}

describe("Model lab, predictor and upcoming pages", () => {
  const site = useSite();

  it("lab: shows the default model, checks SQL against TypeScript, trains, retrains on a change, cancels, and rejects bad input", async () => {
    const { page, watch } = await site.open("/lab");
    await page.waitForSelector("#default-model-table tbody tr", { timeout: 60_000 });
    const protocols = await page.$$eval("#default-model-table tbody tr", (trs) => trs.map((tr) => tr.getAttribute("data-protocol")));
    assert.deepEqual(protocols, ["random", "kfold", "time", "rolling"]);
    const agreement = await page.waitForSelector("#feature-agreement", { timeout: 60_000 });
    assert.match((await agreement.textContent()) ?? "", /SQL and TypeScript agree: \d+ rows/);

    // The page trains the default settings on load, in the worker, and shows the baseline beside.
    await trainedOnce(page);
    // Same rows, parameters, seed and CPU kernels as the build: the card's numbers, reproduced.
    await page.waitForSelector("#build-agreement:not([hidden])", { timeout: 60_000 });
    assert.match((await page.textContent("#build-agreement")) ?? "", /reproduced the build's evaluation/);
    const first = await metric(page, "logLoss");
    const baselineAccuracy = await page.$eval("#metrics-table tr[data-metric='accuracy'] td.baseline", (td) => td.textContent);
    assert.match(baselineAccuracy ?? "", /^0\.\d{3}$/);
    assert.ok(await page.$("#roc-chart svg"), "ROC chart drawn");
    assert.ok(await page.$("#calibration-chart svg"), "calibration chart drawn");
    assert.ok(await page.$("#confusion-chart svg"), "confusion matrix drawn");
    assert.ok(await page.$("#importance-chart svg"), "importance chart drawn");

    // Change a parameter (a much weaker model: 2 epochs) and see the metrics change.
    await page.fill("#param-epochs", "2");
    await page.click("#train-button");
    await page.waitForFunction((before) => {
      const td = document.querySelector("#metrics-table tr[data-metric='logLoss'] td.model");
      return document.querySelector("#train-progress-status")?.textContent?.startsWith("Done") && td && td.textContent !== before;
    }, first, { timeout: 180_000 });
    assert.notEqual(await metric(page, "logLoss"), first);

    // Bad input: a negative learning rate gets a message naming it, and no training starts.
    await page.fill("#param-epochs", "20");
    await page.fill("#param-learningRate", "-0.1");
    await page.click("#train-button");
    await page.waitForSelector("#train-error:not([hidden])", { timeout: 60_000 });
    assert.match((await page.textContent("#train-error")) ?? "", /learning rate must be a number above 0/);
    await page.fill("#param-learningRate", "0.05");
    await page.fill("#param-epochs", "0");
    await page.click("#train-button");
    await page.waitForFunction(() => /Epochs must be a whole number/.test(document.querySelector("#train-error")?.textContent ?? ""), null, { timeout: 60_000 });
    // An empty feature set.
    await page.fill("#param-epochs", "20");
    for (const box of await page.$$("input[name='group']")) await box.uncheck();
    await page.click("#train-button");
    await page.waitForFunction(() => /No features selected/.test(document.querySelector("#train-error")?.textContent ?? ""), null, { timeout: 60_000 });
    await page.check("input[name='group'][value='mission']");

    // Cancel: a long run (MLP, 10-fold, many epochs) stops when asked, and the page answers meanwhile.
    await page.selectOption("#param-kind", "mlp");
    await page.selectOption("#param-protocol", "kfold");
    await page.fill("#param-epochs", "3000");
    await page.click("#train-button");
    await page.waitForFunction(() => Number((document.querySelector("#train-progress-bar") as HTMLProgressElement)?.value) > 0, null, { timeout: 60_000 });
    const responsive = await page.evaluate(() => new Promise<number>((resolve) => { const t = performance.now(); requestAnimationFrame(() => resolve(performance.now() - t)); }));
    assert.ok(responsive < 1000, `the page answered a frame request in ${responsive} ms while training`);
    await page.click("#train-progress-cancel");
    await page.waitForFunction(() => document.querySelector("#train-progress-status")?.textContent === "Cancelled.", null, { timeout: 60_000 });
    await screenshot(page, "lab");
    assert.deepEqual(watch.problems, []);
    await page.close();
  });

  it("lab: runs the capstone grid search in the browser and compares with the notebook's 0.833", async () => {
    const { page, watch } = await site.open("/lab");
    await trainedOnce(page);
    // A grid run can be cancelled, and run again afterwards.
    await page.click("#grid-button");
    await page.waitForFunction(() => Number((document.querySelector("#grid-progress-bar") as HTMLProgressElement)?.value) > 0, null, { timeout: 120_000 });
    await page.click("#grid-progress-cancel");
    await page.waitForFunction(() => document.querySelector("#grid-progress-status")?.textContent === "Cancelled.", null, { timeout: 120_000 });
    assert.equal(await page.$("#grid-table"), null);
    await page.click("#grid-button");
    await page.waitForSelector("#grid-table tbody tr", { timeout: 600_000 });
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

  it("predictor: shows a probability and what moved it, updates on a change, flags a non-number", async () => {
    const { page, watch } = await site.open("/predict");
    await page.waitForFunction(() => /%$/.test(document.querySelector("#what-if-probability")?.textContent ?? ""), null, { timeout: 60_000 });
    const before = await page.textContent("#what-if-probability");
    await page.selectOption("select[name='landing_type']", "RTLS");
    await page.fill("input[name='core_flight']", "1");
    await page.dispatchEvent("#what-if-form", "input");
    await page.waitForFunction((b) => document.querySelector("#what-if-probability")?.textContent !== b, before, { timeout: 30_000 });
    assert.ok(await page.$("svg [aria-label='bar']"), "contribution bars drawn");
    await screenshot(page, "predict");
    // The weather model adds wind (and the rest of the weather group) to the form.
    await page.selectOption("#model-choice", "weather");
    await page.waitForSelector("input[name='wind_speed_10m_kmh']", { timeout: 60_000 });
    await page.fill("input[name='wind_speed_10m_kmh']", "60");
    await page.dispatchEvent("#what-if-form", "input");
    await page.waitForFunction(() => /%$/.test(document.querySelector("#what-if-probability")?.textContent ?? ""), null, { timeout: 30_000 });
    await page.fill("input[name='payload_mass_kg']", "heavy");
    await page.dispatchEvent("#what-if-form", "input");
    await page.waitForSelector("#what-if-error", { timeout: 30_000 });
    assert.match((await page.textContent("#what-if-error")) ?? "", /payload_mass_kg/);
    assert.deepEqual(watch.problems, []);
    await page.close();
  });

  it("upcoming: predicts every recorded upcoming core and compares with the known outcomes", async () => {
    const { page, watch } = await site.open("/upcoming");
    await page.waitForSelector("#upcoming-table tbody tr", { timeout: 60_000 });
    const probabilities = await page.$$eval("#upcoming-table td.probability", (tds) => tds.map((td) => Number.parseFloat(td.textContent ?? "")));
    assert.ok(probabilities.length > 10);
    for (const p of probabilities) assert.ok(p >= 0 && p <= 100);
    assert.match((await page.textContent("#known-outcomes")) ?? "", /^\d+ \/ \d+$/);
    await screenshot(page, "upcoming");
    assert.deepEqual(watch.problems, []);
    await page.close();
  });
});
