// A Parquet file as the Arrow IPC stream DuckDB-WASM ingests (db.ts): hyparquet decodes it, and the
// Parquet schema decides each column's Arrow type so DuckDB sees real types. The IPC bytes are
// written by flechette, not apache-arrow's builders, which compile code with `new Function` (the
// site's Content-Security-Policy forbids it).
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { bool, float64, int32, tableFromArrays, tableToIPC, timestamp, utf8, TimeUnit, type DataType } from "@uwdata/flechette";
import { bytesOf, type ParquetSource, type Row } from "./parquet.js";

/** A Parquet file as an Arrow IPC stream, ready for DuckDB's insertArrowFromIPCStream. */
export async function readParquetIPC(file: ParquetSource): Promise<Uint8Array> {
  const buffer = await bytesOf(file);
  const metadata = parquetMetadata(buffer);
  const rows = (await parquetReadObjects({ file: buffer, metadata })) as Row[];
  const columns: Record<string, unknown[]> = {};
  const types: Record<string, DataType> = {};
  for (const element of metadata.schema.slice(1)) {
    types[element.name] = arrowType(element.type, element.converted_type, element.name);
    columns[element.name] = rows.map((row) => normalize(row[element.name]));
  }
  return tableToIPC(tableFromArrays(columns, { types }), { format: "stream" })!;
}

function arrowType(physical: string | undefined, converted: string | undefined, name: string): DataType {
  if (converted === "UTF8" || physical === "BYTE_ARRAY") return utf8();
  if (converted === "TIMESTAMP_MILLIS") return timestamp(TimeUnit.MILLISECOND);
  if (physical === "INT32" || physical === "INT64") return int32();
  if (physical === "DOUBLE" || physical === "FLOAT") return float64();
  if (physical === "BOOLEAN") return bool();
  throw new Error(`Parquet column ${name} has a type this site does not read (${physical}/${converted}).`);
}

function normalize(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "bigint") return Number(value);
  return value ?? null;
}
