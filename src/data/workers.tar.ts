// The scripts the site's Web Workers load, from one loader process (pages read members:
// FileAttachment("data/workers/tfjs.js")):
// - tfjs.js: TF.js for the training worker, bundled at build time (src/ml/tfjs-bundle.ts says why);
// - duckdb.js: DuckDB-WASM's browser worker (the "eh" build), as the package ships it. Named through
//   import.meta.resolve it was an npm module to Framework, which parsed its 750 kB twice on every
//   build (for imports it does not have, and to rewrite them): about a second of each warm build.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { workerTfjsBundle } from "../ml/tfjs-bundle.ts";
import { tarArchive } from "../ml/tar.ts";

const duckdbWorker = createRequire(import.meta.url).resolve("@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js");
process.stdout.write(
  tarArchive([
    ["tfjs.js", await workerTfjsBundle()],
    ["duckdb.js", readFileSync(duckdbWorker)]
  ])
);
