// DuckDB-WASM from node_modules: the WASM and worker are files of this site, not a CDN. Tables
// arrive as Arrow IPC (see arrow-ipc.ts), so no DuckDB extension is ever downloaded. Every query runs
// in DuckDB's worker, so a slow one never freezes the page; results come back as apache-arrow
// tables, which rowsFromArrow turns into plain rows.
import * as duckdb from "@duckdb/duckdb-wasm";
import { FileAttachment } from "observablehq:stdlib";
import { DataType, type Schema, type Table, type Vector } from "apache-arrow";
import { readParquetIPC } from "./arrow-ipc.js";
import type { ParquetSource, Row } from "./parquet.js";
import { splitStatements } from "./sql-statements.js";

// Only the "eh" build (WebAssembly exception handling, in every browser since 2022): each file
// named here is copied into dist/, and the "mvp" fallback would add 34 MB that no reader fetches.
// The worker is a file the site serves (src/data/workers.tar.ts says why).
const bundle: duckdb.DuckDBBundle = {
  mainModule: import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"),
  mainWorker: new URL(FileAttachment("../data/workers/duckdb.js").href, location.href).href,
  pthreadWorker: null
};

/** One statement's answer: its rows (at most the limit asked for) and whether more were left in DuckDB. */
export interface StatementResult {
  sql: string;
  columns: string[];
  rows: Row[];
  truncated: boolean;
  ms: number;
}

export interface RunOptions {
  /** Rows moved into JavaScript per statement; the rest stay in DuckDB (Infinity: every row). */
  limit?: number;
  /** Aborting stops the running statement (cancelled in DuckDB, or its worker restarted). */
  signal?: AbortSignal;
}

/** Thrown by run() when its signal stopped it; the message says why (the signal's reason). */
export class QueryStopped extends Error {}

/** Raised with the statement that failed and the results of the statements before it. */
export class StatementError extends Error {
  constructor(message: string, readonly index: number, readonly sql: string, readonly done: StatementResult[]) {
    super(message);
  }
}

export interface LandingDatabase {
  /** Rows as plain objects: BIGINT as number, timestamps as Date. */
  query(sql: string): Promise<Row[]>;
  queryArrow(sql: string): Promise<Table>;
  /**
   * A reader's SQL: every statement in turn, each result kept. The run is one transaction, rolled
   * back at the end, so a DROP or DELETE changes nothing the next query sees.
   */
  run(sql: string, options?: RunOptions): Promise<StatementResult[]>;
  /** A fresh DuckDB with the page's tables as built (after a Stop that had to end the worker, or on request). */
  reset(): Promise<void>;
  tables: string[];
  close(): Promise<void>;
}

interface Instance {
  worker: Worker;
  db: duckdb.AsyncDuckDB;
  connection: duckdb.AsyncDuckDBConnection;
}

/** Statements that would end the run's transaction early, and so let a change outlive the run. */
const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|END|ABORT|START\s+TRANSACTION|CHECKPOINT|FORCE\s+CHECKPOINT)\b/i;

/** How long a cancelled statement may take to stop before its worker is ended instead. */
const CANCEL_GRACE_MS = 2000;

/** One database per page, with each Parquet file loaded as a table of the given name. */
export async function openDatabase(files: Record<string, ParquetSource>): Promise<LandingDatabase> {
  const opened = performance.now();
  if (!(await duckdb.getPlatformFeatures()).wasmExceptions) {
    throw new Error("This browser lacks WebAssembly exception handling, which this site's DuckDB build needs: use a browser from 2022 or later (Chrome 95, Firefox 100, Safari 15.2).");
  }
  const ipc = await Promise.all(Object.entries(files).map(async ([name, file]) => [name, await readParquetIPC(file)] as const));

  async function start(): Promise<Instance> {
    const worker = new Worker(bundle.mainWorker!, { type: "module" });
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(bundle.mainModule);
    const connection = await db.connect();
    // insertArrowFromIPCStream hands the buffer to the worker, so each load gets its own copy.
    for (const [name, bytes] of ipc) await connection.insertArrowFromIPCStream(bytes.slice(), { name, create: true });
    return { worker, db, connection };
  }
  async function stop(instance: Instance) {
    await instance.db.terminate().catch(() => {});
    instance.worker.terminate();
  }

  let current = start();
  await current;
  // A Stop still being cleaned up (a cancel, or a worker restart) that the next query waits for.
  let settling: Promise<void> = Promise.resolve();
  // One connection answers one query at a time, and a query sent while an editor run streams its
  // result or holds its transaction would land inside it: queries and runs take turns here. Each
  // query's performance measure (read by `npm run bench`) then times its own turn, not the wait for
  // those a page asked before it.
  let turn: Promise<unknown> = Promise.resolve();
  function inTurn<T>(job: () => Promise<T>): Promise<T> {
    const answer = turn.then(job);
    turn = answer.catch(() => {});
    return answer;
  }
  const queryArrow = (sql: string): Promise<Table> =>
    inTurn(async () => {
      await settling;
      const { connection } = await current;
      const start = performance.now();
      try {
        return (await connection.query(sql)) as unknown as Table;
      } finally {
        performance.measure("duckdb-query", { start, detail: sql });
      }
    });
  const restart = async () => {
    const old = current;
    current = old.then(stop).then(start, start);
    await current;
  };

  async function runStatement(connection: duckdb.AsyncDuckDBConnection, sql: string, limit: number, stopped: Promise<never>): Promise<StatementResult> {
    const began = performance.now();
    const reader = await Promise.race([connection.send(sql, true), stopped]);
    // The schema arrives with the stream's first message; open() reads it (a result may have no batch).
    await Promise.race([reader.open(), stopped]);
    const rows: Row[] = [];
    let truncated = false;
    const columns = reader.schema.fields.map((f) => f.name);
    const iterator = reader[Symbol.asyncIterator]();
    for (;;) {
      const next = await Promise.race([iterator.next(), stopped]);
      if (next.done) break;
      const batch = next.value;
      if (rows.length + batch.numRows > limit) {
        rows.push(...rowsFromArrow(batch, limit - rows.length));
        truncated = true;
        break;
      }
      rows.push(...rowsFromArrow(batch));
    }
    performance.measure("duckdb-query", { start: began, detail: sql });
    return { sql, columns, rows, truncated, ms: performance.now() - began };
  }

  async function run(text: string, options: RunOptions = {}): Promise<StatementResult[]> {
    const statements = splitStatements(text);
    if (!statements.length) throw new StatementError("There is no statement to run: the editor holds only blanks or comments.", 0, text, []);
    const refused = statements.findIndex((s) => TRANSACTION_CONTROL.test(s));
    if (refused >= 0) {
      throw new StatementError(
        `Statement ${refused + 1} controls the transaction (${statements[refused]!.trim().split(/\s+/)[0]}). Each run is one transaction that is rolled back, so the page's tables stay as built; remove the statement.`,
        refused,
        statements[refused]!,
        []
      );
    }
    // A Stop pressed while the run waits for its turn ends the wait at once; the turn then passes.
    const signal = options.signal;
    const waiting = new Promise<never>((_, reject) => {
      if (signal?.aborted) reject(new QueryStopped(String(signal.reason ?? "Stopped.")));
      signal?.addEventListener("abort", () => reject(new QueryStopped(String(signal.reason ?? "Stopped."))), { once: true });
    });
    waiting.catch(() => {});
    return Promise.race([inTurn(() => runStatements(statements, options)), waiting]);
  }

  async function runStatements(statements: string[], { limit = Infinity, signal }: RunOptions): Promise<StatementResult[]> {
    await settling;
    const { connection } = await current;
    // A promise that rejects when the reader presses Stop (or the time limit passes): every await
    // below races it, so the page is free at once even while DuckDB is still stopping.
    let onStop: (reason: Error) => void = () => {};
    const stopped = new Promise<never>((_, reject) => (onStop = reject));
    stopped.catch(() => {});
    const abort = () => {
      onStop(new QueryStopped(String(signal?.reason ?? "Stopped.")));
      // Ask DuckDB to cancel and roll back; a statement that does not stop within the grace period
      // (one busy inside a single step) ends with its worker, and the tables load into a fresh one.
      // The next run waits for either.
      settling = (async () => {
        const answered = connection.cancelSent().then(() => connection.query("ROLLBACK")).then(() => true, () => true);
        const late = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), CANCEL_GRACE_MS));
        if (!(await Promise.race([answered, late]))) await restart();
      })();
    };
    if (signal?.aborted) throw new QueryStopped(String(signal.reason ?? "Stopped."));
    signal?.addEventListener("abort", abort, { once: true });
    const done: StatementResult[] = [];
    try {
      await connection.query("BEGIN TRANSACTION");
      for (const [index, sql] of statements.entries()) {
        try {
          done.push(await runStatement(connection, sql, limit, stopped));
        } catch (error) {
          if (error instanceof QueryStopped) throw error;
          throw new StatementError(error instanceof Error ? error.message : String(error), index, sql, done);
        }
      }
      return done;
    } finally {
      signal?.removeEventListener("abort", abort);
      if (!signal?.aborted) await connection.query("ROLLBACK").catch(() => {});
    }
  }

  performance.measure("duckdb-open", { start: opened });
  return {
    tables: ipc.map(([name]) => name),
    queryArrow,
    query: async (sql) => rowsFromArrow(await queryArrow(sql)),
    run,
    reset: restart,
    close: async () => stop(await current)
  };
}

/** What rowsFromArrow reads: an apache-arrow Table or one RecordBatch of it. */
interface ArrowRows {
  schema: Schema;
  numRows: number;
  getChild(name: string): Vector | null;
}

export function rowsFromArrow(table: ArrowRows, limit = Infinity): Row[] {
  const fields = table.schema.fields;
  const count = Math.min(table.numRows, limit);
  const rows: Row[] = Array.from({ length: count }, () => ({}));
  for (const field of fields) {
    const vector = table.getChild(field.name)!;
    const isTime = /^(Timestamp|Date)/.test(String(field.type));
    // SUM() over integers gives HUGEINT, which Arrow carries as a 128-bit decimal.
    const decimalScale = DataType.isDecimal(field.type) ? field.type.scale : null;
    for (let i = 0; i < count; i++) {
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
