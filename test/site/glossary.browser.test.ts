// Issue 19: every jargon word on the lab and the overview carries its one-line gloss (hover title
// and a link to the lab's glossary panel, for a screen with no hover), and the panel lists them all.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { GLOSSARY, type GlossaryKey } from "../../src/components/glossary.ts";
import { useSite } from "../support/site.ts";

const glosses = (page: Page) =>
  page.$$eval("a.glossed", (as) => as.map((a) => ({ term: a.getAttribute("data-term")!, title: a.getAttribute("title"), href: a.getAttribute("href") ?? "" })));

function assertGlossed(found: { term: string; title: string | null; href: string }[], keys: GlossaryKey[], page: string): void {
  for (const key of keys) {
    const marks = found.filter((f) => f.term === key);
    assert.ok(marks.length > 0, `${page}: "${GLOSSARY[key].term}" carries no gloss`);
    for (const m of marks) {
      assert.equal(m.title, GLOSSARY[key].gloss, `${page}: "${GLOSSARY[key].term}" hovers a gloss other than the glossary's`);
      assert.ok(m.href.endsWith(`#glossary-${key}`), `${page}: "${GLOSSARY[key].term}" links to ${m.href}, not its glossary line`);
    }
  }
}

describe("Glossary", () => {
  const site = useSite();

  it("explore, predict and upcoming: the hazard chart's interval and posterior, the predictor's interval, and the track record's ranking scores carry their glosses", async () => {
    const cases: [string, string, GlossaryKey[]][] = [
      ["/explore", "#hazard-chart a.glossed", ["interval95", "posterior", "jeffreysPrior"]],
      ["/predict", "a.glossed[data-term=posterior]", ["interval95", "posterior"]],
      ["/upcoming", "a.glossed[data-term=prAuc]", ["rocAuc", "prAuc", "calibration"]]
    ];
    for (const [path, ready, keys] of cases) {
      const { page, watch } = await site.open(path);
      await page.waitForSelector(ready, { state: "attached", timeout: 120_000 });
      assertGlossed(await glosses(page), keys, path);
      assert.deepEqual(watch.problems, [], path);
    }
  });

  it("lab: each term in the headline table and the references text is glossed, and the collapsed glossary lists every term and opens at a link", async () => {
    const { page, watch } = await site.open("/lab");
    await page.waitForSelector("#default-model-table tbody tr", { timeout: 60_000 });
    await page.waitForSelector("#glossary dt", { state: "attached", timeout: 60_000 });
    assertGlossed(await glosses(page), ["prequential", "laplace", "pairedBootstrap", "logLoss", "brier", "rocAuc", "interval95", "eraModel", "baseRate", "recentRate"], "/lab");
    const listed = await page.$$eval("#glossary dt", (dts) => dts.map((dt) => ({ term: dt.getAttribute("data-term"), id: dt.id, text: dt.textContent, gloss: dt.nextElementSibling?.textContent })));
    assert.deepEqual(listed.map((l) => l.term), Object.keys(GLOSSARY));
    for (const l of listed) {
      const entry = GLOSSARY[l.term as GlossaryKey];
      assert.deepEqual([l.id, l.text, l.gloss], [`glossary-${l.term}`, entry.term, entry.gloss]);
    }
    // Without hover, the word's link opens the panel at its line.
    assert.equal(await page.locator("#glossary").evaluate((d) => (d as HTMLDetailsElement).open), false);
    await page.click("#default-model-table a.glossed[data-term='brier']");
    await page.waitForFunction(() => (document.querySelector("#glossary") as HTMLDetailsElement).open);
    assert.ok(await page.locator("#glossary-brier").isVisible());
    assert.deepEqual(watch.problems, []);
  });

  it("overview: each term of the forecast is glossed, and its link opens the lab's glossary at it", async () => {
    const { page, watch } = await site.open("/");
    await page.waitForSelector("#forecast-scores a.glossed", { timeout: 120_000 });
    await page.waitForSelector("#forecast-frequency a.glossed", { timeout: 60_000 });
    const found = await glosses(page);
    assertGlossed(found, ["naturalFrequency", "interval95", "prequential", "logLoss", "brier", "rocAuc", "baseRate", "recentRate", "eraModel", "pairedBootstrap"], "/");
    const href = found.find((f) => f.term === "pairedBootstrap")!.href;
    await page.goto(new URL(href, page.url()).href);
    await page.waitForFunction(() => (document.querySelector("#glossary") as HTMLDetailsElement | null)?.open === true, null, { timeout: 60_000 });
    assert.ok(await page.locator("#glossary-pairedBootstrap").isVisible());
    assert.deepEqual(watch.problems, []);
  });
});
