// Observable Plot with one guard: Framework's resize() can report a container a few dozen pixels
// wide while a grid reflows, and a width below a chart's margins gives SVG rects negative widths (a
// console error). Every chart keeps room for its margins and a readable plot area; a card scrolls
// instead. Components import it as a namespace (`import * as Plot`), pages as `Plot` from plot.ts.
import { plot as unguardedPlot, type PlotOptions } from "@observablehq/plot";
export * from "@observablehq/plot";

export function plot(options: PlotOptions = {}): ReturnType<typeof unguardedPlot> {
  const margins = (options.marginLeft ?? options.margin ?? 40) + (options.marginRight ?? options.margin ?? 20);
  return unguardedPlot(options.width === undefined ? options : { ...options, width: Math.max(options.width, margins + 120) });
}
