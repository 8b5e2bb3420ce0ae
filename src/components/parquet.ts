// Parquet in the browser without DuckDB's parquet extension (a CDN download): hyparquet decodes
// the file into rows. The pages that load DuckDB turn it into Arrow with arrow-ipc.ts, kept apart
// so that the pages that only read rows never download flechette.
import { parquetReadObjects } from "hyparquet";
import { fetched } from "./published-file.js";

export type Row = Record<string, unknown>;

/**
 * A URL, a response to a fetch the page started early, or anything with an arrayBuffer(). Pages
 * pass `FileAttachment("x.parquet").href`: a bare Parquet FileAttachment makes Framework bundle
 * parquet-wasm from a CDN.
 */
export type ParquetSource = string | Response | ArrayBuffer | { arrayBuffer(): Promise<ArrayBuffer> };

export async function bytesOf(file: ParquetSource): Promise<ArrayBuffer> {
  if (file instanceof ArrayBuffer) return file;
  if (typeof file === "string" || file instanceof Response) return (await fetched(file)).arrayBuffer();
  return file.arrayBuffer();
}

export async function readParquetRows(file: ParquetSource): Promise<Row[]> {
  const buffer = await bytesOf(file);
  return (await parquetReadObjects({ file: buffer })) as Row[];
}
