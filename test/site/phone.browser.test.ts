// Every page at a phone's width (390 × 844) and at a desktop's: no sideways scroll on the phone,
// and a screenshot of each in test-output/screenshots/ (<page>-1280.png, <page>-390.png; the pages'
// own tests keep their named states, such as overview-phone.png, apart).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import config from "../../observablehq.config.ts";
import { drawBelowFold } from "../support/page-checks.ts";
import { screenshot, useSite } from "../support/site.ts";

const paths = [...config.pages.map((p) => p.path), "/404"];
const nameOf = (path: string) => (path === "/" ? "overview" : path.slice(1));

/** Wait until the page has loaded its files and Framework has no cell still pending. */
async function settle(page: Page) {
  await page.waitForLoadState("networkidle", { timeout: 120_000 });
  await page.waitForFunction(() => document.querySelectorAll(".observablehq--loading, .observablehq-loading").length === 0, null, { timeout: 120_000 }).catch(() => {});
  // Framework's resize() draws charts on the next frame after layout.
  await page.waitForTimeout(500);
  await drawBelowFold(page);
}

/** How far the page is wider than the screen, and the widest elements sticking out (for the message). */
async function overflow(page: Page): Promise<{ px: number; culprits: string[] }> {
  return page.evaluate(() => {
    const px = document.documentElement.scrollWidth - window.innerWidth;
    const culprits = [...document.querySelectorAll("#observablehq-main *")]
      .map((e) => ({ e, right: e.getBoundingClientRect().right }))
      .filter(({ right }) => right > window.innerWidth + 1)
      .sort((a, b) => b.right - a.right)
      .slice(0, 3)
      .map(({ e, right }) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${e.className && typeof e.className === "string" ? `.${e.className.split(" ")[0]}` : ""} (right edge ${Math.round(right)} px)`);
    return { px, culprits };
  });
}

describe("Every page at phone width", () => {
  const site = useSite();
  for (const path of paths) {
    it(`${path} fits 390 px with no horizontal scroll`, async () => {
      const { page } = await site.open(path);
      await settle(page);
      await screenshot(page, `${nameOf(path)}-1280`);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.reload();
      await settle(page);
      await screenshot(page, `${nameOf(path)}-390`);
      const { px, culprits } = await overflow(page);
      console.log(`${path}: ${px} px wider than the screen`);
      assert.ok(px <= 0, `${path} is ${px} px wider than a 390 px screen: ${culprits.join(", ")}`);
      await page.close();
    });
  }
});
