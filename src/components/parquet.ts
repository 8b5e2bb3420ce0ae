// Parquet in the browser without DuckDB's parquet extension (a CDN download): hyparquet decodes
// the file into rows. The pages that load DuckDB turn it into Arrow with arrow-ipc.ts, kept apart
// so that the pages that only read rows never download flechette.
import { parquetReadObjects } from "hyparquet";

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

/** The response for a URL, or the one given; either way one that succeeded. */
async function fetched(file: string | Response): Promise<Response> {
  const response = typeof file === "string" ? await fetch(file) : file;
  if (!response.ok) throw new Error(`Could not load ${response.url || file}: HTTP ${response.status}. Rebuild the site (npm run build) to regenerate the data.`);
  return response;
}

export async function readParquetRows(file: ParquetSource): Promise<Row[]> {
  const buffer = await bytesOf(file);
  return (await parquetReadObjects({ file: buffer })) as Row[];
}
