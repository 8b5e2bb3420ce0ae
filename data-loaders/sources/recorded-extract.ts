// Recorded third-party extracts: files someone else scraped and committed, with no live endpoint.
// A replayed build reads them where the snapshot directory holds them; a live build has nothing to
// ask and says so (a counted problem, shown on the Data page), it never fetches another's repository.
import type { Http, HttpRequest, RawResponse } from "../http.ts";
import { ReplayMissError } from "../http.ts";
import type { Problems } from "../problems.ts";
import { SourceShapeError } from "../validate.ts";

export const EXTRACT_NOT_LIVE = "recorded extract: not read in a live build (no live endpoint)";
export const EXTRACT_ABSENT = "recorded extract absent from the snapshot directory";

/** The recorded file's response, or null (counted) when this build cannot read it. */
export async function readRecordedExtract(http: Http, request: HttpRequest, problems: Pick<Problems, "count">): Promise<RawResponse | null> {
  if (http.mode === "live") {
    problems.count(request.source, EXTRACT_NOT_LIVE, request.url);
    return null;
  }
  try {
    return await http.text(request);
  } catch (error) {
    if (!(error instanceof ReplayMissError)) throw error;
    problems.count(request.source, EXTRACT_ABSENT, request.url);
    return null;
  }
}

/** RFC 4180 with a chosen delimiter: quoted fields may hold delimiters, quotes ("") and line breaks. */
export function parseDelimited(text: string, source: string, file: string, delimiter = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  // A byte-order mark is not part of the first header.
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) row.push(field), (field = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field), rows.push(row), (row = []), (field = "");
    } else field += ch;
  }
  if (quoted) throw new SourceShapeError(source, `${file}, line ${rows.length + 1}`, "(row)", "a quoted field never ends; the file is truncated");
  if (field !== "" || row.length) row.push(field), rows.push(row);
  return rows.filter((r) => r.some((cell) => cell.trim() !== ""));
}

/**
 * A header row's column positions, every required column present by its exact name; otherwise an
 * error naming the file, the table and the missing column.
 */
export function headerIndex<C extends string>(header: string[] | undefined, required: readonly C[], source: string, file: string, table: string): Record<C, number> {
  if (!header) throw new SourceShapeError(source, `${file}, table ${table}`, "(header)", "the file is empty");
  const names = header.map((h) => h.trim());
  const index = {} as Record<C, number>;
  for (const name of required) {
    const at = names.indexOf(name);
    if (at < 0) throw new SourceShapeError(source, `${file}, table ${table}`, name, `column missing from the header (found: ${names.join(", ")}); the file's layout changed`);
    index[name] = at;
  }
  return index;
}

/** Non-ASCII hyphens ("B1060‑15" uses U+2011) and no-break spaces read as ASCII. */
export const plainText = (s: string) => s.replace(/[\u2010-\u2015\u2212]/g, "-").replace(/\u00a0/g, " ").replace(/\[[^\]]*\]/g, "").replace(/\s+/g, " ").trim();
