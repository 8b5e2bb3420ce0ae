// The budgets the project commits to (issue 14). docs/performance.md is written from this list by
// `npm run bench -- --write-docs`, so the two cannot drift apart.

export interface Budget {
  id: string;
  what: string;
  unit: "s" | "ms" | "kB" | "x";
  /** The figure must be at most this. */
  limit: number;
  why: string;
}

export const budgets: Budget[] = [
  { id: "build.first", what: "First build from replay on a fresh clone (dist, loader cache and model evaluation cache removed)", unit: "s", limit: 30, why: "a contributor's very first build on 2 cores" },
  { id: "build.cold", what: "Cold build from replay (dist and loader cache removed; model evaluations cached by content hash kept)", unit: "s", limit: 30, why: "a rebuild after `npm run clean` or a loader change" },
  { id: "build.warm", what: "Warm build from replay (loader cache kept), median of three", unit: "s", limit: 8, why: "edit-rebuild loop" },
  { id: "dist.duckdbBundles", what: "DuckDB WASM bundles in dist/", unit: "x", limit: 1, why: "only the bundle browsers load ships" },
  { id: "page.overviewComplete", what: "Overview complete on localhost (median of loads)", unit: "ms", limit: 1500, why: "the front page answers at once" },
  { id: "page.overviewWeight", what: "Overview first-visit download, gzip", unit: "kB", limit: 1500, why: "no DuckDB for a page that only reads Parquet" },
  { id: "page.overviewPhone", what: "Overview complete on a phone (4G, 4× slower CPU), served as deployed (gzip), median", unit: "ms", limit: 4000, why: "issue 21: a phone reader has the overview within 4 s (was 14.4 s with DuckDB, 5.8 s with 59 modules, both measured uncompressed; the note gives the uncompressed figure)" },
  { id: "page.labFirstResult", what: "Lab: time to first result (first chart), median", unit: "ms", limit: 1000, why: "the published evaluation drawn at once" },
  { id: "page.labAnswer", what: "Lab: time to its answer (the published evaluation), first visit, median", unit: "ms", limit: 1500, why: "the answer before any training" },
  { id: "page.labWeight", what: "Lab: first-visit download with gzip", unit: "kB", limit: 2500, why: "no TF.js worker or DuckDB until asked (was 9,293 kB)" },
  { id: "page.sqlAnswer", what: "SQL page: time to the first capstone answer, first visit, median", unit: "ms", limit: 1500, why: "the build's answers, no DuckDB-WASM first (was 7.9 s)" },
  { id: "page.sqlWeight", what: "SQL page: first-visit download with gzip", unit: "kB", limit: 2500, why: "DuckDB-WASM only when a query runs here (was 8,478 kB)" },
  { id: "page.firstChart", what: "Time to first chart, worst page (median of loads)", unit: "ms", limit: 1500, why: "a reader sees the point before they scroll" },
  { id: "page.complete", what: "Time until main content is complete, worst page (median)", unit: "ms", limit: 4000, why: "queries, charts and tables all drawn" },
  { id: "page.weight", what: "First-visit download with gzip, heaviest page", unit: "kB", limit: 12000, why: "DuckDB's WASM (34 MB, about 8 MB gzipped) and TF.js are the floor where used" },
  { id: "page.duckdbUnlessQuery", what: "Pages that download DuckDB WASM without running a query", unit: "x", limit: 0, why: "no WASM for pages that only read Parquet" },
  { id: "query.first", what: "First DuckDB-WASM query on a page (median over pages and loads)", unit: "ms", limit: 500, why: "timed apart from warm queries" },
  { id: "query.median", what: "Median warm DuckDB-WASM query, pages that query", unit: "ms", limit: 50, why: "answers feel instant" },
  { id: "train.browser", what: "Train the default model in the browser", unit: "ms", limit: 30, why: "the lab shows a result at once" },
  { id: "train.node", what: "Train the default model in Node", unit: "ms", limit: 30, why: "the build-time model stays cheap" },
  { id: "grid.browser", what: "Full capstone k-fold grid search in the browser", unit: "s", limit: 25, why: "the whole notebook grid, two workers" },
  { id: "grid.node", what: "Full capstone k-fold grid search in Node", unit: "s", limit: 25, why: "the CLI and tests run the same grid" },
  { id: "grid.peer", what: "Browser grid ÷ scikit-learn pinned to one thread", unit: "x", limit: 0.5, why: "at least 2× faster than the fair peer" },
  { id: "grid.peerNode", what: "Node grid ÷ scikit-learn pinned to one thread", unit: "x", limit: 0.5, why: "at least 2× faster than the fair peer" },
  { id: "grid.peerLr", what: "Logistic-regression family, Node ÷ scikit-learn pinned", unit: "x", limit: 1, why: "the one family scikit-learn was faster at (3.15×): no slower" },
  { id: "grid.peerDefault", what: "Browser grid ÷ scikit-learn at its defaults (OpenMP threads)", unit: "x", limit: 0.5, why: "reported; the pinned ratio is the one that counts" },
  { id: "longtask.training", what: "Longest main-thread task while training runs", unit: "ms", limit: 50, why: "the page stays responsive" },
  { id: "tf.workerBundle", what: "TF.js the training worker imports, gzip", unit: "kB", limit: 200, why: "only the parts it uses (core, layers, cpu backend) where smaller" }
];
