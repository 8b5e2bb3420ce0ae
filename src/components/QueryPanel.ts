// A SQL query shown next to its result. The panel appears at once with the SQL; the result fills
// in when DuckDB-WASM has answered, and a failed query becomes a message, never a broken page.
import type { BuiltAnswer } from "../data/capstone-answers.js";
import type { LandingDatabase } from "./db.js";
import type { Row } from "./parquet.js";
import { ResultTable, type ResultTableOptions } from "./ResultTable.js";

export interface QueryPanelOptions extends ResultTableOptions {
  /** Turns the rows into something else to show under the table (a chart, a sentence). */
  render?: (rows: Row[]) => Node | string | null;
  /** Tables the query needs: while one is not built yet, the panel says so instead of running. */
  requires?: string[];
  /** Rows the answer is expected to have: the placeholder keeps that much room, so nothing jumps when it arrives. */
  expectedRows?: number;
}

export function QueryPanel(sql: string, database: Promise<LandingDatabase>, options: QueryPanelOptions = {}): HTMLElement {
  const figure = document.createElement("figure");
  figure.className = "query-panel";
  const code = figure.appendChild(document.createElement("pre")).appendChild(document.createElement("code"));
  code.textContent = sql;
  const result = figure.appendChild(document.createElement("div"));
  result.className = "query-result";
  result.setAttribute("aria-live", "polite");
  const placeholder = result.appendChild(document.createElement("div"));
  placeholder.className = "placeholder";
  placeholder.style.setProperty("--rows", String(Math.min(options.expectedRows ?? 3, 12)));
  placeholder.textContent = "Running in DuckDB-WASM…";
  runQuery(sql, database, options.requires).then((outcome) => result.replaceChildren(...showOutcome(outcome, options)));
  return figure;
}


/**
 * A query with the answer the build computed for it, shown at once and marked as such; the button
 * runs the same SQL again in DuckDB-WASM, which loads then (`open` is called on the first run). A
 * query the build did not answer runs in the browser at once, as QueryPanel does.
 */
export function BuiltQueryPanel(sql: string, built: { engine: string; answers: BuiltAnswer[] }, open: () => Promise<LandingDatabase>, options: QueryPanelOptions = {}): HTMLElement {
  const answer = built.answers.find((a) => a.sql === sql && !a.error);
  if (!answer) return QueryPanel(sql, open(), options);
  const figure = document.createElement("figure");
  figure.className = "query-panel";
  figure.appendChild(document.createElement("pre")).appendChild(document.createElement("code")).textContent = sql;
  const result = figure.appendChild(document.createElement("div"));
  result.className = "query-result";
  result.setAttribute("aria-live", "polite");
  const note = document.createElement("p");
  note.className = "result-note built-note";
  note.textContent = `Answered when this site was built, by this SQL in ${built.engine} over the same tables. `;
  const again = note.appendChild(document.createElement("button"));
  again.type = "button";
  again.className = "run-here";
  again.textContent = "Run it here in DuckDB-WASM";
  again.addEventListener("click", async () => {
    again.disabled = true;
    const placeholder = document.createElement("div");
    placeholder.className = "placeholder";
    placeholder.style.setProperty("--rows", String(Math.min(answer.rows.length || 1, 12)));
    placeholder.textContent = "Loading DuckDB-WASM and running the query…";
    result.replaceChildren(placeholder);
    const outcome = await runQuery(sql, open(), options.requires);
    const ran = paragraph("ms" in outcome ? `Run in this browser by DuckDB-WASM in ${Math.round(outcome.ms)} ms.` : "");
    ran.className = "result-note browser-note";
    const [table, ...said] = showOutcome(outcome, options);
    result.replaceChildren(table!, ran, ...said);
  });
  // The note sits under the table, before what the page writes about the answer.
  const [table, ...said] = showOutcome({ rows: builtRows(answer), ms: 0 }, options);
  result.replaceChildren(table!, note, ...said);
  return figure;
}

/** The build's JSON as the browser's DuckDB gives it: numbers as numbers, times as Dates. */
export function builtRows(answer: BuiltAnswer): Row[] {
  return answer.rows.map((row) => Object.fromEntries(answer.columns.map((column, i) => [column, builtValue(row[i], answer.types[i] ?? "")])));
}

function builtValue(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (/^(TIMESTAMP|DATE)/.test(type) && typeof value === "string") {
    const [day, time = "00:00:00"] = value.split(" ");
    const zone = /[+-]\d\d(:\d\d)?$/.exec(time);
    const clock = zone ? time.slice(0, zone.index) : time;
    return new Date(`${day}T${clock}${zone ? (zone[0].length === 3 ? `${zone[0]}:00` : zone[0]) : "Z"}`);
  }
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|DECIMAL|FLOAT|DOUBLE|REAL)/.test(type)) return Number(value);
  return value;
}

export type QueryOutcome = { rows: Row[]; ms: number } | { error: string } | { missing: string[] };

export async function runQuery(sql: string, database: Promise<LandingDatabase>, requires: string[] = []): Promise<QueryOutcome> {
  const start = performance.now();
  try {
    const db = await database;
    const missing = requires.filter((table) => !db.tables.includes(table));
    if (missing.length) return { missing };
    const rows = await db.query(sql);
    return { rows, ms: performance.now() - start };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export function showOutcome(outcome: QueryOutcome, options: QueryPanelOptions = {}): Node[] {
  if ("error" in outcome) return [QueryError(outcome.error)];
  if ("missing" in outcome) return [NotBuilt(outcome.missing)];
  const nodes: Node[] = [ResultTable(outcome.rows, options)];
  const extra = options.render?.(outcome.rows);
  if (extra !== null && extra !== undefined) nodes.push(typeof extra === "string" ? paragraph(extra) : extra);
  return nodes;
}

/** What went wrong, in DuckDB's words, and what to do about it. */
export function QueryError(message: string): HTMLElement {
  const box = document.createElement("div");
  box.className = "query-error";
  box.setAttribute("role", "alert");
  const title = box.appendChild(document.createElement("strong"));
  title.textContent = "The query did not run.";
  // DuckDB points at the error with a caret under the query line: keep its columns aligned.
  const detail = box.appendChild(document.createElement("pre"));
  detail.textContent = message.replace(/\s+$/, "");
  const hint = box.appendChild(document.createElement("p"));
  hint.textContent = /Catalog Error|does not exist|not found/i.test(message)
    ? "Check the table and column names against the list of tables on this page."
    : /Parser Error|syntax/i.test(message)
      ? "Check the SQL syntax near the place DuckDB names."
      : "Fix the query and run it again.";
  return box;
}

/** Said plainly where a table of the agreed schema has not been built into this site yet. */
export function NotBuilt(tables: string[]): HTMLElement {
  const box = document.createElement("p");
  box.className = "not-built";
  box.textContent = `Not answered yet: this needs the ${tables.join(" and ")} table${tables.length > 1 ? "s" : ""}, which this build of the site does not include yet.`;
  return box;
}

function paragraph(text: string): HTMLElement {
  const p = document.createElement("p");
  p.textContent = text;
  return p;
}
