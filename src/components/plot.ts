// Pages import charting libraries from here so every one comes from node_modules, never npm:.
// Chart components import `* as Plot from "./guarded-plot.js"` instead: a namespace import that a
// bundler can cut to the marks a chart draws (src/data/overview.js.ts).
export * as Plot from "./guarded-plot.js";
export * as d3 from "d3";
