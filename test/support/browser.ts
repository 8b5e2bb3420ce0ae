// Debian's Chromium driven by playwright-core. Every page visit records what would make a reader's
// visit go wrong: console errors, page errors, failed requests and requests leaving 127.0.0.1.
import { chromium, type Browser, type Page, type Request } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic"
    ]
  });
}

export interface PageProblems {
  problems: string[];
  requests: string[];
}

/** Watch a page for anything a reader would count as broken, from before its first request. */
export function watchPage(page: Page): PageProblems {
  const watch: PageProblems = { problems: [], requests: [] };
  page.on("console", (message) => {
    if (message.type() === "error") watch.problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => watch.problems.push(`page error: ${error.message}`));
  // Each request belongs to the document that was current when it was made; a reload or a new page
  // cancels that document's unfinished requests (its favicon, a chart's data), which is the test
  // navigating, not the site failing.
  let documents = 0;
  const documentOf = new WeakMap<Request, number>();
  page.on("request", (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) documents++;
    documentOf.set(request, documents);
    const url = new URL(request.url());
    watch.requests.push(request.url());
    if (!["data:", "blob:"].includes(url.protocol) && url.hostname !== "127.0.0.1") {
      watch.problems.push(`request to another host: ${request.url()}`);
    }
  });
  page.on("requestfailed", (request) => {
    const left = (documentOf.get(request) ?? documents) < documents && request.failure()?.errorText === "net::ERR_ABORTED";
    if (!left) watch.problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) watch.problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  return watch;
}
