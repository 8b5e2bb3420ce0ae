// Everything the site needs ships in dist/: no CDN, font server or DuckDB extension download.
import { contentSecurityPolicy } from "./deploy/security.ts";
import { repositoryUrl } from "./data-loaders/repository.ts";
import { repositoryFile } from "./src/components/links.ts";

const link = (href: string, text: string) => `<a href="${href}" rel="noopener">${text}</a>`;
const repository = repositoryUrl();
const doc = (path: string, text: string) => (repository ? link(repositoryFile(repository, path)!, text) : `${text} (<code>${path}</code>)`);

/** Modules a page imports by URL (a bundle a data loader makes), by page path: see `head` below. */
const modulePreloads: Record<string, string[]> = { "/index": ["./data/overview.js"] };

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
    { name: "Booster history", path: "/booster" },
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
  // One stylesheet for every page: the themes, Inputs' styles and the site's rules (see src/style.css).
  style: "style.css",
  // Only the site's own origin and no 'unsafe-eval', on every page; deploy/security.ts says why.
  // A page's bundle is preloaded from the head: in the body Chrome fetches it only once the head's
  // stylesheet has arrived (measured on the phone profile: 950 ms after navigation instead of 250).
  head: ({ path }: { path: string }) =>
    `<link rel="icon" href="favicon.svg" type="image/svg+xml"><meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">` +
    (modulePreloads[path] ?? []).map((href) => `<link rel="modulepreload" href="${href}">`).join(""),
  // No header. Framework's default is an empty one, which it still parses into a DOM twice per
  // page on every build.
  header: null,
  footer: [
    `Data: ${link("https://github.com/r-spacex/SpaceX-API", "r/SpaceX API v4")}, ${link("https://thespacedevs.com/llapi", "The Space Devs Launch Library 2")},`,
    `${link("https://en.wikipedia.org/wiki/List_of_Falcon_9_and_Falcon_Heavy_launches", "Wikipedia")} (${link("https://creativecommons.org/licenses/by-sa/4.0/", "CC BY-SA 4.0")}),`,
    `${link("https://open-meteo.com/", "Open-Meteo")} (${link("https://creativecommons.org/licenses/by/4.0/", "CC BY 4.0")}), ${link("https://www.ndbc.noaa.gov/", "NOAA NDBC")},`,
    `${link("https://github.com/shahar603/Telemetry-Data", "shahar603/Telemetry-Data")}.`,
    `Code: ${repository ? link(repository, "the repository") : "the project's repository"} (docs: ${doc("docs/data.md", "data")}, ${doc("docs/model.md", "model")}, ${doc("docs/deploying.md", "deploying")}).`
  ].join(" "),
  // Pages read Parquet into Arrow themselves, so DuckDB's own json/parquet extensions are never needed.
  duckdb: { extensions: { json: null, parquet: null } },
  search: true
};
