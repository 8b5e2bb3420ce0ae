// Training as a reader meets it on /lab: the default model's first run (Train pressed on arrival), a second run once the
// worker is warm, the capstone grid search, and the longest main-thread task while they run.
import { launchBrowser } from "../test/support/browser.ts";
import { serveStatic } from "../test/support/static-server.ts";

export interface LabFigures {
  firstTrainMs: number;
  warmTrainMs: number;
  /** The warm run's last fit alone, timed in the worker, and its training rows. */
  warmFitMs: number;
  fitRows: number;
  gridSeconds: number;
  /** Each family's seconds in its worker during that grid search. */
  gridFamilies: Record<string, number>;
  /** Longest task on the main thread while the warm training and the grid search ran. */
  longestTaskMs: number;
  longTasks: number;
}

const OBSERVE_LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: "longtask", buffered: true });
`;

type Window_ = { __longTasks: { start: number; duration: number }[] };

export async function measureLab(dist: string): Promise<LabFigures> {
  const site = await serveStatic(dist);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(OBSERVE_LONG_TASKS);
    await page.goto(site.origin + "/lab");
    // The lab trains only when asked.
    await page.click("#train-button");
    const measures = (name: string) =>
      page.evaluate((n) => performance.getEntriesByName(n).map((e) => ({ start: e.startTime, duration: e.duration })), name);
    const waitForMeasures = (name: string, count: number) =>
      page.waitForFunction(([n, c]) => performance.getEntriesByName(n as string).length >= (c as number), [name, count] as const, { timeout: 600_000, polling: 100 });

    await waitForMeasures("model-train", 1);
    await page.waitForLoadState("networkidle");
    await page.click("#train-button");
    await waitForMeasures("model-train", 2);
    await page.locator("#grid-target label", { hasText: "Capstone replica" }).locator("input").check();
    await page.click("#grid-button");
    await waitForMeasures("grid-search", 1);

    const [first, warm] = await measures("model-train");
    const fits = await page.evaluate(() => performance.getEntriesByName("model-fit").map((e) => ({ duration: e.duration, rows: (e as PerformanceMeasure).detail?.rows as number })));
    const [grid] = await measures("grid-search");
    const gridFamilies = await page.evaluate(() => (performance.getEntriesByName("grid-search")[0] as PerformanceMeasure).detail.families as Record<string, number>);
    const windows = [warm!, grid!];
    const tasks = (await page.evaluate(() => (window as unknown as Window_).__longTasks)).filter((t) =>
      windows.some((w) => t.start < w.start + w.duration && t.start + t.duration > w.start)
    );
    return {
      firstTrainMs: first!.duration,
      warmTrainMs: warm!.duration,
      warmFitMs: fits[1]!.duration,
      fitRows: fits[1]!.rows,
      gridSeconds: grid!.duration / 1000,
      gridFamilies,
      // The Long Tasks API reports only tasks over 50 ms; none means every task was shorter.
      longestTaskMs: tasks.length ? Math.max(...tasks.map((t) => t.duration)) : 0,
      longTasks: tasks.length
    };
  } finally {
    await browser.close();
    await site.close();
  }
}
