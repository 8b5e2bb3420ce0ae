// Parquet in the browser without DuckDB's parquet extension (a CDN download): hyparquet decodes
// the file into rows. The pages that load DuckDB turn it into Arrow with arrow-ipc.ts, kept apart
// so that the pages that only read rows never download flechette.
import { parquetReadObjects } from "hyparquet";

export type Row = Record<string, unknown>;

/**
 * A URL, or anything with an arrayBuffer(). Pages pass `FileAttachment("x.parquet").href`: a bare
 * Parquet FileAttachment makes Framework bundle parquet-wasm from a CDN.
 */
export type ParquetSource = string | ArrayBuffer | { arrayBuffer(): Promise<ArrayBuffer> };

export async function bytesOf(file: ParquetSource): Promise<ArrayBuffer> {
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
