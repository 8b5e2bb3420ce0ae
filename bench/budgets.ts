// The budgets the project commits to. docs/performance.md is written from this list by
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
  { id: "build.cold", what: "Cold build from replay (dist and loader cache removed)", unit: "s", limit: 60, why: "a contributor's first build on 2 cores" },
  { id: "build.warm", what: "Warm build from replay (loader cache kept)", unit: "s", limit: 10, why: "edit-rebuild loop" },
  { id: "page.firstChart", what: "Time to first chart, worst page (median of loads)", unit: "ms", limit: 1500, why: "a reader sees the point before they scroll" },
  { id: "page.complete", what: "Time until main content is complete, worst page (median)", unit: "ms", limit: 4000, why: "queries, charts and tables all drawn" },
  { id: "page.weight", what: "First-visit download with gzip, heaviest page", unit: "kB", limit: 12000, why: "DuckDB's WASM (34 MB, about 8 MB gzipped) and TF.js are the floor where used" },
  { id: "page.duckdbUnlessQuery", what: "Pages that download DuckDB WASM without running a query", unit: "x", limit: 0, why: "no WASM for pages that only read Parquet" },
  { id: "query.median", what: "Median DuckDB-WASM query latency, pages that query", unit: "ms", limit: 50, why: "answers feel instant" },
  { id: "train.browser", what: "Train the default model in the browser", unit: "ms", limit: 300, why: "the lab shows a result at once" },
  { id: "train.node", what: "Train the default model in Node", unit: "ms", limit: 300, why: "the build-time model stays cheap" },
  { id: "grid.browser", what: "Full capstone k-fold grid search in the browser", unit: "s", limit: 25, why: "faster than scikit-learn's GridSearchCV for the same grid (~25 s on 2 cores)" },
  { id: "grid.node", what: "Full capstone k-fold grid search in Node", unit: "s", limit: 25, why: "the CLI and tests run the same grid" },
  { id: "grid.peer", what: "Browser grid time ÷ scikit-learn's, same rows, folds and grid", unit: "x", limit: 1, why: "the product's goal: faster than the peer" },
  { id: "longtask.training", what: "Longest main-thread task while training runs", unit: "ms", limit: 50, why: "the page stays responsive" }
];
