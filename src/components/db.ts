// DuckDB-WASM from node_modules: the WASM and worker are files of this site, not a CDN. Tables
// arrive as Arrow (see parquet.ts), so no DuckDB extension is ever downloaded.
import * as duckdb from "@duckdb/duckdb-wasm";
import { DataType, tableToIPC, type Table } from "apache-arrow";
import { readParquetArrow, type ParquetSource, type Row } from "./parquet.js";

// Only the "eh" build (WebAssembly exception handling, in every browser since 2022): each file
// named here is copied into dist/, and the "mvp" fallback would add 34 MB that no reader fetches.
const bundle: duckdb.DuckDBBundle = {
  mainModule: import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"),
  mainWorker: import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js"),
  pthreadWorker: null
};

export interface LandingDatabase {
  /** Rows as plain objects: BIGINT as number, timestamps as Date. */
  query(sql: string): Promise<Row[]>;
  queryArrow(sql: string): Promise<Table>;
  tables: string[];
  close(): Promise<void>;
}

/** One database per page, with each Parquet file loaded as a table of the given name. */
export async function openDatabase(files: Record<string, ParquetSource>): Promise<LandingDatabase> {
  const opened = performance.now();
  if (!(await duckdb.getPlatformFeatures()).wasmExceptions) {
    throw new Error("This browser lacks WebAssembly exception handling, which this site's DuckDB build needs: use a browser from 2022 or later (Chrome 95, Firefox 100, Safari 15.2).");
  }
  const worker = new Worker(bundle.mainWorker!, { type: "module" });
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule);
  const connection = await db.connect();
  const arrows = await Promise.all(Object.entries(files).map(async ([name, file]) => [name, await readParquetArrow(file)] as const));
  for (const [name, table] of arrows) {
    await connection.insertArrowFromIPCStream(tableToIPC(table, "stream"), { name, create: true });
  }
  // Each query leaves a performance measure, so `npm run bench` can read query latency off a real page.
  const queryArrow = async (sql: string) => {
    const start = performance.now();
    try {
      return (await connection.query(sql)) as unknown as Table;
    } finally {
      performance.measure("duckdb-query", { start, detail: sql });
    }
  };
  performance.measure("duckdb-open", { start: opened });
  return {
    tables: arrows.map(([name]) => name),
    queryArrow,
    query: async (sql) => rowsFromArrow(await queryArrow(sql)),
    close: async () => {
      await connection.close();
      await db.terminate();
      worker.terminate();
    }
  };
}

export function rowsFromArrow(table: Table): Row[] {
  const fields = table.schema.fields;
  const rows: Row[] = Array.from({ length: table.numRows }, () => ({}));
  for (const field of fields) {
    const vector = table.getChild(field.name)!;
    const isTime = /^(Timestamp|Date)/.test(String(field.type));
    // SUM() over integers gives HUGEINT, which Arrow carries as a 128-bit decimal.
    const decimalScale = DataType.isDecimal(field.type) ? field.type.scale : null;
    for (let i = 0; i < table.numRows; i++) {
      const v = vector.get(i);
      rows[i]![field.name] =
        v === null
          ? null
          : decimalScale !== null
            ? decimalToNumber(v as Uint32Array, decimalScale)
            : typeof v === "bigint"
              ? Number(v)
              : isTime
                ? new Date(Number(v))
                : v;
    }
  }
  return rows;
}

function decimalToNumber(words: Uint32Array, scale: number): number {
  let value = 0n;
  for (let i = words.length - 1; i >= 0; i--) value = (value << 32n) | BigInt(words[i]!);
  if (words[words.length - 1]! & 0x80000000) value -= 1n << BigInt(32 * words.length);
  return Number(value) / 10 ** scale;
}
