import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before } from "node:test";
import type { Browser, Page } from "playwright-core";
import { projectRoot } from "../../data-loaders/config.ts";
import { launchBrowser, watchPage, type PageProblems } from "./browser.ts";
import { serveStatic, type StaticSite } from "./static-server.ts";

export const DIST = join(projectRoot, "dist");
export const SCREENSHOTS = join(projectRoot, "test-output", "screenshots");

/**
 * The built site served on 127.0.0.1 and a browser, shared by the tests of one file. The build
 * test (test/site/build.test.ts) builds dist/ first; `npm test` runs it before any browser test.
 */
export function useSite() {
  const state = {} as { site: StaticSite; browser: Browser };
  before(async () => {
    if (!existsSync(join(DIST, "index.html"))) throw new Error("dist/ is not built: run `F9_SNAPSHOTS=../shared/snapshots npm run build` or `npm test`.");
    mkdirSync(SCREENSHOTS, { recursive: true });
    state.site = await serveStatic(DIST);
    state.browser = await launchBrowser();
  });
  after(async () => {
    await state.browser?.close();
    await state.site?.close();
  });
  return {
    /** Open a page and watch it; the caller asserts on what it shows and then on `watch.problems`. */
    async open(path: string): Promise<{ page: Page; watch: PageProblems }> {
      const page = await state.browser.newPage({ viewport: { width: 1280, height: 900 } });
      const watch = watchPage(page);
      await page.goto(state.site.origin + path);
      return { page, watch };
    },
    get origin() {
      return state.site.origin;
    }
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Every file below a directory, for checks over the whole built site. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
