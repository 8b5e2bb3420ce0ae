// The capstone questions answered when the site is built: the SQL of src/data/capstone-sql.ts run
// in DuckDB in Node (@duckdb/node-api) over the release's own Parquet files, so /sql shows every
// answer at once and loads DuckDB-WASM only to run a query again or the reader's own.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";

/** One answer: columns with DuckDB's type names, rows as JSON (BIGINT and DECIMAL as text, times as DuckDB prints them). */
export interface BuiltAnswer {
  sql: string;
  columns: string[];
  types: string[];
  rows: unknown[][];
  error?: string;
}

export interface BuiltAnswers {
  engine: string;
  answers: BuiltAnswer[];
}

export async function answerAtBuild(tables: { name: string; file: string; bytes: Uint8Array }[], queries: readonly string[]): Promise<BuiltAnswers> {
  const dir = mkdtempSync(join(tmpdir(), "f9-capstone-"));
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    for (const table of tables) {
      const path = join(dir, table.file);
      writeFileSync(path, table.bytes);
      await connection.run(`CREATE TABLE "${table.name}" AS SELECT * FROM read_parquet('${path.replace(/'/g, "''")}')`);
    }
    const version = (await connection.runAndReadAll("SELECT version() AS v")).getRowObjectsJson()[0]!.v;
    const answers: BuiltAnswer[] = [];
    for (const sql of queries) {
      try {
        const reader = await connection.runAndReadAll(sql);
        answers.push({ sql, columns: reader.columnNames(), types: reader.columnTypes().map(String), rows: reader.getRowsJson() as unknown[][] });
      } catch (error) {
        // Kept as the page would show it: the question's panel runs the SQL in the browser instead.
        answers.push({ sql, columns: [], types: [], rows: [], error: error instanceof Error ? error.message : String(error) });
      }
    }
    return { engine: `DuckDB ${version} (@duckdb/node-api, Node ${process.versions.node})`, answers };
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}
