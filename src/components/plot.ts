// Pages import charting libraries from here so every one comes from node_modules, never npm:.
export * as Plot from "@observablehq/plot";
export * as d3 from "d3";
