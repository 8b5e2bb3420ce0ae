// Parquet in the browser without DuckDB's parquet extension (a CDN download): hyparquet decodes
// the file, and the schema decides each column's Arrow type so DuckDB sees real types.
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { Bool, Float64, Int32, Table, TimestampMillisecond, Utf8, vectorFromArray, type DataType, type Vector } from "apache-arrow";

export type Row = Record<string, unknown>;

/**
 * A URL, or anything with an arrayBuffer(). Pages pass `FileAttachment("x.parquet").href`: a bare
 * Parquet FileAttachment makes Framework bundle parquet-wasm from a CDN.
 */
export type ParquetSource = string | ArrayBuffer | { arrayBuffer(): Promise<ArrayBuffer> };

async function bytesOf(file: ParquetSource): Promise<ArrayBuffer> {
  if (file instanceof ArrayBuffer) return file;
  if (typeof file !== "string") return file.arrayBuffer();
  const response = await fetch(file);
  if (!response.ok) throw new Error(`Could not load ${file}: HTTP ${response.status}. Rebuild the site (npm run build) to regenerate the data.`);
  return response.arrayBuffer();
}

export async function readParquetRows(file: ParquetSource): Promise<Row[]> {
  const buffer = await bytesOf(file);
  return (await parquetReadObjects({ file: buffer })) as Row[];
}

export async function readParquetArrow(file: ParquetSource): Promise<Table> {
  const buffer = await bytesOf(file);
  const metadata = parquetMetadata(buffer);
  const rows = (await parquetReadObjects({ file: buffer, metadata })) as Row[];
  const vectors: Record<string, Vector> = {};
  for (const element of metadata.schema.slice(1)) {
    const type = arrowType(element.type, element.converted_type, element.name);
    const values = rows.map((row) => normalize(row[element.name]));
    vectors[element.name] = vectorFromArray(values, type as DataType);
  }
  return new Table(vectors);
}

function arrowType(physical: string | undefined, converted: string | undefined, name: string): DataType {
  if (converted === "UTF8" || physical === "BYTE_ARRAY") return new Utf8();
  if (converted === "TIMESTAMP_MILLIS") return new TimestampMillisecond();
  if (physical === "INT32" || physical === "INT64") return new Int32();
  if (physical === "DOUBLE" || physical === "FLOAT") return new Float64();
  if (physical === "BOOLEAN") return new Bool();
  throw new Error(`Parquet column ${name} has a type this site does not read (${physical}/${converted}).`);
}

function normalize(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "bigint") return Number(value);
  return value ?? null;
}
