import * as Plot from "./guarded-plot.js";
import { ink } from "./palette.js";

export interface SourceSpan {
  source: string;
  launches: number;
  first: Date;
  last: Date;
}

const HOLES = "no recording";

/**
 * Which source covers which stretch of time: one bar per source from its first to its last launch,
 * and a row of the holes no source covers (`gaps`, from coverageGaps), drawn in red so none is silent.
 */
export function CoverageChart(spans: SourceSpan[], { width, gaps = [], ...options }: { width: number; gaps?: { from: Date; to: Date; days: number }[] } & Record<string, unknown>) {
  const holes = gaps.map((g) => ({ ...g, source: HOLES }));
  return Plot.plot({
    width,
    height: 36 * (spans.length + 1) + 50,
    marginLeft: 150,
    x: { label: null, type: "utc", grid: true },
    y: { label: null, domain: [...spans.map((d) => d.source), HOLES] },
    marks: [
      Plot.barX(holes, { x1: "from", x2: "to", y: "source", fill: ink.strong, insetTop: 6, insetBottom: 6, tip: true, channels: { days: "days" } }),
      Plot.text(holes.length ? [] : [{ source: HOLES }], { frameAnchor: "left", y: "source", text: () => "none: every stretch has a recording", dx: 4, fill: ink.muted }),
      Plot.barX(spans, { x1: "first", x2: "last", y: "source", fill: ink.muted, fillOpacity: 0.75, insetTop: 6, insetBottom: 6, tip: true, channels: { launches: "launches" } }),
      Plot.text(spans, { x: "last", y: "source", text: (d) => `${d.launches}`, textAnchor: "start", dx: 6, fill: ink.muted })
    ],
    ...options
  });
}
