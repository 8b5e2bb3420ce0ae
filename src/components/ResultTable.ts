// Query results as an HTML table. Every value is set through textContent, so a payload name
// scraped from a web page (say "<script>…") shows as the characters it is, never as markup.
import type { Row } from "./parquet.js";

export interface ResultTableOptions {
  /** Columns to show, in order; default: every key of the first row. */
  columns?: string[];
  /** Rows shown before "and N more" (the data stays whole for the caller). */
  limit?: number;
  caption?: string;
}

export function ResultTable(rows: Row[], { columns, limit = 200, caption }: ResultTableOptions = {}): HTMLElement {
  const names = columns ?? Object.keys(rows[0] ?? {});
  const wrapper = document.createElement("div");
  wrapper.className = "result-table";
  const table = wrapper.appendChild(document.createElement("table"));
  if (caption) table.createCaption().textContent = caption;
  const headRow = table.createTHead().insertRow();
  for (const name of names) {
    const th = document.createElement("th");
    th.textContent = name;
    headRow.appendChild(th);
  }
  const body = table.createTBody();
  for (const row of rows.slice(0, limit)) {
    const tr = body.insertRow();
    for (const name of names) {
      const td = tr.insertCell();
      const value = row[name];
      td.textContent = formatValue(value);
      if (typeof value === "number") td.className = "number";
      if (value === null || value === undefined) td.className = "null";
    }
  }
  const note = wrapper.appendChild(document.createElement("p"));
  note.className = "result-note";
  note.textContent =
    rows.length === 0 ? "The query returned no rows." : rows.length > limit ? `Showing ${limit} of ${rows.length} rows.` : `${rows.length} row${rows.length === 1 ? "" : "s"}.`;
  return wrapper;
}

export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 16).replace("T", " ")} UTC`;
  }
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  if (typeof value === "string") return value;
  if (typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value, (_, v) => (typeof v === "bigint" ? Number(v) : v));
}
