// Everything the overview (src/index.md) imports, in one module that src/data/overview.js.ts
// bundles into a single file for the page to import by URL. Other pages import the same modules
// one by one through Framework.
export { readParquetRows } from "./parquet.js";
export { LandingRateChart, landingRateHeight } from "./LandingRateChart.js";
export { LaunchCadenceChart, launchCadenceHeight } from "./LaunchCadenceChart.js";
export { LandingSuccessChart, landingSuccessHeight } from "./LandingSuccessChart.js";
export { LandingTypeChart, landingKind, landingKindOf, landingTypeHeight } from "./LandingTypeChart.js";
export { html } from "./inputs.js";
export { byVersion, percent } from "./outcomes.js";
export { coverageGaps, yearCoverage } from "./coverage.js";
export { COUNTS, count, forecastRows, reconcile } from "../facts/counts.js";
export { naturalFrequency } from "../facts/format.js";
export { SELECTION_MIN_GAIN } from "../ml/params.js";
export { readCsvObjects } from "./csv.js";
export { ForecastBand } from "./ForecastBand.js";
export { WhatCounts, factLink } from "./WhatCounts.js";
export { glossed } from "./glossary.js";
export { RaceChart, raceChartHeight } from "./RaceChart.js";
export { drawnWhenNear } from "./below-fold.js";
export { boosterLink } from "./booster-link.js";
export { max, rollup, rollups, sum } from "d3";
