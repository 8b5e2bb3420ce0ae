// Everything the site needs ships in dist/: no CDN, font server or DuckDB extension download.
import { contentSecurityPolicy } from "./deploy/security.ts";

export default {
  title: "Falcon 9 landing lab",
  root: "src",
  // Where the site is served from; only the 404 page, which answers at any depth, needs it (GitHub
  // Pages project sites live under /<repository>/). See docs/deploying.md.
  base: process.env.F9_BASE_PATH || "/",
  pages: [
    { name: "Overview", path: "/" },
    { name: "Explore with SQL", path: "/sql" },
    { name: "Visual exploration", path: "/explore" },
    { name: "Dashboard", path: "/dashboard" },
    { name: "Map", path: "/map" },
    { name: "Model lab", path: "/lab" },
    { name: "What-if predictor", path: "/predict" },
    { name: "Upcoming launches", path: "/upcoming" },
    { name: "Telemetry", path: "/telemetry" },
    { name: "Data", path: "/data" },
    { name: "Build report", path: "/report" }
  ],
  // Framework's default stylesheet list fetches fonts from Google; the system font stack is enough.
  globalStylesheets: [],
  theme: ["air", "near-midnight"],
  // Only the site's own origin; deploy/security.ts says why (and nginx sends the same policy).
  head: `<link rel="icon" href="favicon.svg" type="image/svg+xml"><meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">`,
  footer: "Data: r/SpaceX API v4, The Space Devs Launch Library 2, Wikipedia (CC BY-SA 4.0), Open-Meteo (CC BY 4.0), NOAA NDBC, shahar603/Telemetry-Data.",
  // Pages read Parquet into Arrow themselves, so DuckDB's own json/parquet extensions are never needed.
  duckdb: { extensions: { json: null, parquet: null } },
  search: true
};
