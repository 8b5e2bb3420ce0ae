// SQL over a release's Parquet tables in Node, with the same DuckDB-WASM the pages run (its Node
// build). Tables arrive as Arrow IPC, as in the browser (src/components/db.ts): DuckDB-WASM's own
// Parquet reader would try to load an extension. The claims and record-facts tests compare what
// pages say with these queries.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { readParquetIPC } from "../../src/components/arrow-ipc.ts";

const require = createRequire(import.meta.url);

interface Connection {
  query(sql: string): { toArray(): { toJSON(): Record<string, unknown> }[] };
  insertArrowFromIPCStream(buffer: Uint8Array, options: { name: string }): void;
}

export interface ReleaseSql {
  rows(sql: string): Record<string, unknown>[];
  value(sql: string): unknown;
  tables: string[];
}

/** Every `<name>.parquet` (or Framework's hashed `<name>.<hash>.parquet`) in `dir` as table `name`. */
export async function releaseSql(dir: string): Promise<ReleaseSql> {
  const duckdb = require("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs");
  const dist = join(require.resolve("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs"), "..");
  const bundles = {
    mvp: { mainModule: join(dist, "duckdb-mvp.wasm"), mainWorker: join(dist, "duckdb-node-mvp.worker.cjs") },
    eh: { mainModule: join(dist, "duckdb-eh.wasm"), mainWorker: join(dist, "duckdb-node-eh.worker.cjs") }
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  const connection = db.connect() as Connection;
  const tables: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".parquet"))) {
    const name = file.replace(/(\.[0-9a-f]{8})?\.parquet$/, "");
    const bytes = readFileSync(join(dir, file));
    connection.insertArrowFromIPCStream(await readParquetIPC(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer), { name });
    tables.push(name);
  }
  const rows = (sql: string) =>
    connection.query(sql).toArray().map((r) => Object.fromEntries(Object.entries(r.toJSON()).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));
  return { rows, value: (sql) => Object.values(rows(sql)[0] ?? {})[0], tables };
}
