// Pages import charting libraries from here so every one comes from node_modules, never npm:.
// Plot is a namespace of its own module (guarded-plot.ts) rather than an object spread from one, so
// that a bundler keeps only the marks a page draws (src/data/overview.js.ts).
export * as Plot from "./guarded-plot.js";
export * as d3 from "d3";
