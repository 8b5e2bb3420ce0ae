// Parquet writing. A table is declared once, column by column, with its type, meaning and
// source; the writer, the data dictionary and the tests all read that one declaration.
import { parquetWriteBuffer } from "hyparquet-writer";

export type ColumnType = "STRING" | "INT32" | "DOUBLE" | "BOOLEAN" | "TIMESTAMP";
type Cell<T extends ColumnType> = T extends "STRING" ? string : T extends "BOOLEAN" ? boolean : T extends "TIMESTAMP" ? string : number;

export interface Column<R, T extends ColumnType = ColumnType> {
  name: string;
  type: T;
  description: string;
  /** Where the value comes from, for the data dictionary. */
  source: string;
  value: (row: R) => Cell<T> | null;
}

export interface TableSpec<R> {
  name: string;
  description: string;
  /** One row means one of these, e.g. "launch". */
  grain: string;
  columns: Column<R>[];
  /** Stable row order: the same input gives byte-identical Parquet. */
  order: (a: R, b: R) => number;
}

export function column<R, T extends ColumnType>(
  name: string,
  type: T,
  value: (row: R) => Cell<T> | null | undefined,
  description: string,
  source: string
): Column<R> {
  return { name, type, description, source, value: (row) => value(row) ?? null } as Column<R>;
}

/** Rows as Parquet bytes. Throws, naming the table, row and column, on a value of the wrong type. */
export function toParquet<R>(spec: TableSpec<R>, rows: readonly R[]): Uint8Array {
  const sorted = [...rows].sort(spec.order);
  const columnData = spec.columns.map((c) => ({
    name: c.name,
    type: c.type,
    data: sorted.map((row, i) => convert(spec, c, c.value(row), i))
  }));
  return new Uint8Array(parquetWriteBuffer({ columnData, createdBy: "falcon9-landing-lab" }));
}

function convert<R>(spec: TableSpec<R>, c: Column<R>, v: unknown, i: number): unknown {
  if (v === null) return null;
  const fail = (why: string) => new Error(`Table ${spec.name}, row ${i}, column ${c.name} (${c.type}): ${why}, got ${JSON.stringify(v)}`);
  switch (c.type) {
    case "STRING":
      if (typeof v !== "string") throw fail("expected a string");
      return v;
    case "BOOLEAN":
      if (typeof v !== "boolean") throw fail("expected a boolean");
      return v;
    case "INT32":
      if (!Number.isInteger(v)) throw fail("expected an integer");
      return v;
    case "DOUBLE":
      if (typeof v !== "number" || !Number.isFinite(v)) throw fail("expected a finite number");
      return v;
    case "TIMESTAMP": {
      const ms = typeof v === "string" ? Date.parse(v) : NaN;
      if (!Number.isFinite(ms)) throw fail("expected an ISO-8601 time");
      return new Date(ms);
    }
  }
}

export const byKeys =
  <R>(...keys: ((row: R) => string | number | null)[]) =>
  (a: R, b: R): number => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return x < y ? -1 : 1;
    }
    return 0;
  };
