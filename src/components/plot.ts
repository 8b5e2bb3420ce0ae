// Pages import charting libraries from here so every one comes from node_modules, never npm:.
import * as PlotModule from "@observablehq/plot";
export * as d3 from "d3";

/**
 * Plot with one guard: Framework's resize() can report a container a few dozen pixels wide while a
 * grid reflows, and a width below a chart's margins gives SVG rects negative widths (a console
 * error). Every chart keeps room for its margins and a readable plot area; a card scrolls instead.
 */
export const Plot: typeof PlotModule = {
  ...PlotModule,
  plot: (options: PlotModule.PlotOptions = {}) => {
    const margins = (options.marginLeft ?? options.margin ?? 40) + (options.marginRight ?? options.margin ?? 20);
    return PlotModule.plot(options.width === undefined ? options : { ...options, width: Math.max(options.width, margins + 120) });
  }
};
