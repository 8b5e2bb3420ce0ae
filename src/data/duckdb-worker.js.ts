// DuckDB-WASM's browser worker (the "eh" build), served as a file of the site. Named through
// import.meta.resolve it was an npm module to Framework, which parsed its 750 kB twice on every
// build (for imports it does not have, and to rewrite them): about a second of each warm build.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const worker = createRequire(import.meta.url).resolve("@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js");
process.stdout.write(readFileSync(worker));
