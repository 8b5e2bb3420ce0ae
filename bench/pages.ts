// Page weight and speed from headless Chromium's real request log, on 127.0.0.1.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { launchBrowser } from "../test/support/browser.ts";
import { serveStatic } from "../test/support/static-server.ts";
import { median } from "./figures.ts";

export interface PageFigures {
  path: string;
  /** Bytes as files (uncompressed), by kind, and in all as gzip sends them (deploy/nginx.conf compresses). */
  bytes: { total: number; js: number; wasm: number; data: number; other: number; gzip: number };
  /** Median over loads; null when the page draws no chart. */
  firstChartMs: number | null;
  /** Median over loads: when the page's first answer (ANSWERS) was on screen; null for pages with none named. */
  firstAnswerMs: number | null;
  completeMs: number;
  queries: number;
  /** DuckDB's own time for each query after a load's first (the "duckdb-query" measures of src/components/db.ts). */
  queryMs: number[];
  /** DuckDB's own time for each load's first query, apart from the warm ones. */
  firstQueryMs: number[];
  /** Each load's first query from the reader's Run to its result on screen: DuckDB-WASM loads and opens first. */
  firstWaitMs: number[];
}

/**
 * Pages where a reader writes SQL, and what the bench does there once the page is complete and
 * weighed (so the page weight stays a first visit's): press Run on the editor's query, then run
 * each of the editor's examples in turn, as a reader trying them would.
 */
const READER_SQL: Record<string, { editor: string; run: string; examples: string; result: string }> = {
  "/sql": { editor: "div.sql-editor", run: "button.sql-run-button", examples: "select", result: ".sql-run .query-result" }
};

/**
 * What a reader came for on the heavy pages: the lab's published evaluation, and the SQL page's
 * first capstone answer (a result table under its query, whether precomputed or run in DuckDB).
 */
export const ANSWERS: Record<string, string> = {
  "/lab": "#default-model-table tbody tr",
  "/sql": ".query-panel .query-result table"
};

// Runs in the page before any of its scripts: note when the first chart and the first answer
// appear and when the DOM last changed, so "complete" means the page stopped drawing, not just
// that the network idled.
const instrument = (answer: string | null) => `
  window.__bench = { firstChart: null, firstAnswer: null, lastMutation: 0, longTaskMs: 0 };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__bench.longTaskMs += e.duration; }).observe({ type: "longtask", buffered: true });
  new MutationObserver(() => {
    const now = performance.now();
    window.__bench.lastMutation = now;
    if (window.__bench.firstChart === null && document.querySelector("main svg.plot, main figure svg, main canvas, main svg[class^=plot]")) {
      window.__bench.firstChart = now;
    }
    if (${JSON.stringify(answer)} && window.__bench.firstAnswer === null && document.querySelector(${JSON.stringify(answer)})) {
      window.__bench.firstAnswer = now;
    }
  }).observe(document, { subtree: true, childList: true, attributes: false });
`;

export async function measurePages(dist: string, paths: string[], loads: number): Promise<PageFigures[]> {
  // The server's log, not the page's request events: those miss what workers fetch (DuckDB's WASM).
  let served: { path: string; bytes: number }[] = [];
  const site = await serveStatic(dist, (path, bytes) => served.push({ path, bytes }));
  const gzipSizes = new Map<string, number>();
  const gzipSize = (path: string) => {
    if (!gzipSizes.has(path)) gzipSizes.set(path, gzipSync(readFileSync(join(dist, path))).length);
    return gzipSizes.get(path)!;
  };
  const browser = await launchBrowser();
  try {
    const figures: PageFigures[] = [];
    for (const path of paths) {
      const runs = [];
      for (let i = 0; i < loads; i++) {
        // A new context per load: an empty cache, as on a first visit.
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        await page.addInitScript(instrument(ANSWERS[path] ?? null));
        served = [];
        const timing = await load(page, site.origin + path);
        const bytes = weigh(served, gzipSize);
        const reader = READER_SQL[path] ? await readerSession(page, READER_SQL[path]!) : { firstQueryMs: [], queryMs: [], firstWaitMs: [] };
        await context.close();
        runs.push({ ...timing, ...reader, bytes });
      }
      const charts = runs.map((r) => r.firstChartMs).filter((v): v is number => v !== null);
      const answers = runs.map((r) => r.firstAnswerMs).filter((v): v is number => v !== null);
      figures.push({
        path,
        bytes: runs[0]!.bytes,
        firstChartMs: charts.length ? median(charts) : null,
        firstAnswerMs: answers.length ? median(answers) : null,
        completeMs: median(runs.map((r) => r.completeMs)),
        queries: runs[0]!.firstQueryMs.length + runs[0]!.queryMs.length,
        queryMs: runs.flatMap((r) => r.queryMs),
        firstQueryMs: runs.flatMap((r) => r.firstQueryMs),
        firstWaitMs: runs.flatMap((r) => r.firstWaitMs)
      });
    }
    return figures;
  } finally {
    await browser.close();
    await site.close();
  }
}

function weigh(served: { path: string; bytes: number }[], gzipSize: (path: string) => number): PageFigures["bytes"] {
  const bytes = { total: 0, js: 0, wasm: 0, data: 0, other: 0, gzip: 0 };
  for (const { path, bytes: n } of served) {
    const kind = classify(path);
    bytes[kind] += n;
    bytes.total += n;
    // Parquet is compressed already, and nginx sends it as is.
    bytes.gzip += path.endsWith(".parquet") || path.endsWith("/") || !path.includes(".") ? n : gzipSize(path);
  }
  return bytes;
}

/** One request of a phone load, from the Chrome DevTools Protocol's network log. */
export interface PhoneRequest {
  url: string;
  /** Milliseconds from the navigation's first request. */
  startMs: number;
  endMs: number;
  /** Bytes on the wire (headers and body, as sent). */
  bytes: number;
}

export interface PhoneLoad {
  completeMs: number;
  firstChartMs: number | null;
  /** Main-thread tasks over 50 ms (PerformanceObserver "longtask"), summed. */
  longTaskMs: number;
  requests: PhoneRequest[];
}

/**
 * One page on an emulated phone: Lighthouse's mobile profile (4G at 1.6 Mbit/s down, 750 kbit/s
 * up, 150 ms round trip; CPU 4× slower) through the Chrome DevTools Protocol. Median complete time,
 * and each load's requests so that `npm run bench -- --phone-only` can show where the time goes.
 * Files go uncompressed unless `gzip`, which answers as deploy/nginx.conf does.
 */
export async function measurePhone(dist: string, path: string, loads: number, { gzip = false } = {}): Promise<{ completeMs: number; loads: PhoneLoad[] }> {
  const site = await serveStatic(dist, undefined, { gzip });
  const browser = await launchBrowser();
  try {
    const runs: PhoneLoad[] = [];
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      const started = new Map<string, { url: string; at: number }>();
      const requests: PhoneRequest[] = [];
      let origin: number | null = null;
      cdp.on("Network.requestWillBeSent", (e) => {
        origin ??= e.timestamp;
        started.set(e.requestId, { url: e.request.url, at: e.timestamp });
      });
      cdp.on("Network.loadingFinished", (e) => {
        const request = started.get(e.requestId);
        if (request && origin !== null) requests.push({ url: request.url.replace(site.origin, ""), startMs: (request.at - origin) * 1000, endMs: (e.timestamp - origin) * 1000, bytes: e.encodedDataLength });
      });
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      await page.addInitScript(instrument(ANSWERS[path] ?? null));
      const timing = await load(page, site.origin + path);
      const longTaskMs = await page.evaluate(() => (window as unknown as { __bench: { longTaskMs: number } }).__bench.longTaskMs);
      runs.push({ completeMs: timing.completeMs, firstChartMs: timing.firstChartMs, longTaskMs, requests: requests.sort((a, b) => a.startMs - b.startMs) });
      await context.close();
    }
    return { completeMs: median(runs.map((r) => r.completeMs)), loads: runs };
  } finally {
    await browser.close();
    await site.close();
  }
}

/** The reader's SQL session: Run on the editor's own query, then each example. */
async function readerSession(page: Page, ui: (typeof READER_SQL)[string]): Promise<{ firstQueryMs: number[]; queryMs: number[]; firstWaitMs: number[] }> {
  const editor = page.locator(ui.editor);
  const run = async (): Promise<{ ownMs: number; waitMs: number }> => {
    // Runs already on screen are marked, so the wait is for this one's result.
    const { pressed, measures } = await page.evaluate((result) => {
      for (const r of document.querySelectorAll(result)) r.setAttribute("data-bench-old", "");
      return { pressed: performance.now(), measures: performance.getEntriesByName("duckdb-query").length };
    }, ui.result);
    await editor.locator(ui.run).click();
    const shown = await page.waitForFunction(
      (result) => {
        const r = document.querySelector(`${result}:not([data-bench-old])`);
        return r && r.childElementCount ? performance.now() : null;
      },
      ui.result,
      { timeout: 120_000, polling: "raf" }
    );
    const waitMs = ((await shown.jsonValue()) as number) - pressed;
    // DuckDB's own time for this run's statements (a run may hold several).
    const ownMs = await page.evaluate((n) => performance.getEntriesByName("duckdb-query").slice(n).reduce((t, e) => t + e.duration, 0), measures);
    return { ownMs, waitMs };
  };
  const first = await run();
  const queryMs: number[] = [];
  // The editor's first select is its examples; the others are its settings.
  const picker = editor.locator(ui.examples).first();
  const names = await picker.locator("option").allTextContents();
  for (const name of names.slice(1)) {
    await picker.selectOption({ label: name });
    queryMs.push((await run()).ownMs);
  }
  return { firstQueryMs: [first.ownMs], queryMs, firstWaitMs: [first.waitMs] };
}

async function load(page: Page, url: string) {
  await page.goto(url, { waitUntil: "networkidle", timeout: 120_000 });
  // A page with a named answer is not complete before it (compiling DuckDB's WASM is quiet on the network).
  const answer = ANSWERS[new URL(url).pathname];
  if (answer) await page.waitForSelector(answer, { timeout: 120_000 });
  // Quiet for a second after the network settles: the page has finished drawing.
  await page.waitForFunction(() => performance.now() - (window as unknown as { __bench: { lastMutation: number } }).__bench.lastMutation > 1000, null, {
    timeout: 120_000,
    polling: 200
  });
  const measured = await page.evaluate(() => {
    const bench = (window as unknown as { __bench: { firstChart: number | null; firstAnswer: number | null; lastMutation: number } }).__bench;
    return { firstChartMs: bench.firstChart, firstAnswerMs: bench.firstAnswer, completeMs: bench.lastMutation };
  });
  return measured;
}

function classify(pathname: string): "js" | "wasm" | "data" | "other" {
  if (pathname.endsWith(".js")) return "js";
  if (pathname.endsWith(".wasm")) return "wasm";
  if (pathname.startsWith("/_file/") && /\.(parquet|json|csv|arrow|bin)$/.test(pathname)) return "data";
  return "other";
}
