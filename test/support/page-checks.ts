// Checks shared by the analysis pages' browser tests.
import type { Page } from "playwright-core";
import type { PageProblems } from "./browser.ts";

/** Requests for DuckDB (its module, worker or WASM): pages that run no query must make none. */
export function duckdbRequests(watch: PageProblems): string[] {
  return watch.requests.filter((url) => /duckdb/i.test(new URL(url).pathname));
}

/** Reload at phone width and report how far the page is wider than the screen (0 when it fits). */
export async function phoneOverflow(page: Page, ready: string): Promise<number> {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.waitForSelector(ready, { timeout: 120_000 });
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Text of each row of a result table (see src/components/ResultTable.ts). */
export async function tableRows(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(`${selector} tbody tr`, (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
}

/**
 * Scroll to each chart the page draws only near the viewport (src/components/below-fold.ts) and wait
 * until all are drawn, as a reader scrolling down would; then back to the top.
 */
export async function drawBelowFold(page: Page): Promise<void> {
  const slots = page.locator(".drawn-when-near");
  for (let i = 0; i < (await slots.count()); i++) await slots.nth(i).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll(".drawn-when-near")].every((slot) => slot.hasAttribute("data-drawn") && slot.querySelector("svg")), null, { timeout: 30_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
}
