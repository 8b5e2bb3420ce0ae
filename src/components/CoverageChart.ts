import { Plot } from "./plot.js";

export interface SourceSpan {
  source: string;
  launches: number;
  first: Date;
  last: Date;
}

/** Which source covers which stretch of time: one bar per source from its first to its last launch. */
export function CoverageChart(spans: SourceSpan[], { width, ...options }: { width: number } & Record<string, unknown>) {
  return Plot.plot({
    width,
    height: 36 * spans.length + 50,
    marginLeft: 130,
    x: { label: null, type: "utc", grid: true },
    y: { label: null, domain: spans.map((d) => d.source) },
    marks: [
      Plot.barX(spans, { x1: "first", x2: "last", y: "source", fill: "var(--theme-foreground-focus)", fillOpacity: 0.75, insetTop: 6, insetBottom: 6, tip: true, channels: { launches: "launches" } }),
      Plot.text(spans, { x: "last", y: "source", text: (d) => `${d.launches}`, textAnchor: "start", dx: 6, fill: "var(--theme-foreground-muted)" })
    ],
    ...options
  });
}
