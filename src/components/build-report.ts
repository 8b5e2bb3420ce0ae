// The build report page's pieces: reading dist/build-log.json and charting loader times.
import { ranNow, type BuildLog, type LoaderRun } from "./build-log.js";
import { Plot } from "./plot.js";

export type { BuildLog, LoaderRun };
export { ranNow };

/**
 * The build log `npm run build` leaves beside the pages; null when there is none (the preview
 * server, or a dist/ built without npm run build), so the page can say so instead of breaking.
 */
export async function loadBuildLog(url: string): Promise<BuildLog | null> {
  const response = await fetch(url, { cache: "no-cache" });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`Could not read the build log ${url}: HTTP ${response.status}.`);
  return (await response.json()) as BuildLog;
}

/** Wall time of each loader, longest first; a reused output, if given one, in a lighter ink. */
export function LoaderTimingChart(loaders: readonly LoaderRun[], { width, ...options }: { width: number } & Record<string, unknown>) {
  const rows = loaders.map((l) => ({ file: l.file, seconds: (l.ms ?? 0) / 1000, run: ranNow(l) ? "ran in this build" : "output reused" }));
  return Plot.plot({
    width,
    height: 40 + 26 * Math.max(1, rows.length),
    marginLeft: 190,
    x: { label: "Seconds", grid: true },
    y: { label: null },
    color: { domain: ["ran in this build", "output reused"], range: ["var(--theme-foreground-focus)", "var(--theme-foreground-faint)"], legend: true },
    marks: [Plot.barX(rows, { x: "seconds", y: "file", fill: "run", sort: { y: "-x" }, tip: true }), Plot.ruleX([0])],
    ...options
  });
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "–";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
