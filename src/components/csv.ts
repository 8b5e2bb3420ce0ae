// A published CSV (predictions, prequential forecasts) as objects of typed values. d3's csvParse
// compiles a row constructor with Function, which the site's Content-Security-Policy forbids;
// csvParseRows and autoType do not.
import { autoType, csvParseRows } from "d3";
import { fetched } from "./published-file.js";

/** `source`: the CSV's URL, or the response to a fetch of it the page started early. */
export async function readCsvObjects(source: string | Response): Promise<Record<string, unknown>[]> {
  const response = await fetched(source);
  const href = response.url || String(source);
  const [header, ...body] = csvParseRows(await response.text());
  if (!header) throw new Error(`${href} is empty: rebuild the site (npm run build).`);
  return body.map((r) => autoType(Object.fromEntries(header.map((c, i) => [c, r[i] ?? ""]))) as Record<string, unknown>);
}
