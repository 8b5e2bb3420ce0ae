// Query results as an HTML table. Every value is set through textContent, so a payload name
// scraped from a web page (say "<script>…") shows as the characters it is, never as markup.
import { csvFormat, type DSVRowString } from "d3";
import type { Row } from "./parquet.js";
import { boosterHref } from "./booster-link.js";

/** Columns whose values are booster serials: each links to its booster's history (src/booster.md). */
const BOOSTER_COLUMNS = new Set(["booster_serial"]);

export interface ResultTableOptions {
  /** Columns to show, in order; default: every key of the first row. */
  columns?: string[];
  /** Rows shown before "and N more" (the data stays whole for the caller). */
  limit?: number;
  caption?: string;
  /** File name of the CSV download (without .csv); null: no download. */
  download?: string | null;
  /** Said after the row count, e.g. that DuckDB held more rows than were fetched. */
  note?: string;
}

export function ResultTable(rows: Row[], { columns, limit = 200, caption, download = "result", note: extra }: ResultTableOptions = {}): HTMLElement {
  const names = columns ?? Object.keys(rows[0] ?? {});
  const numeric = new Set(names.filter((name) => rows.some((row) => isNumber(row[name])) && rows.every((row) => row[name] === null || row[name] === undefined || isNumber(row[name]))));
  const wrapper = document.createElement("div");
  // More than three columns do not fit a phone side by side: there each row becomes a card (site.css).
  wrapper.className = names.length > 3 ? "result-table cards" : "result-table";
  const scroller = wrapper.appendChild(document.createElement("div"));
  scroller.className = "result-scroll";
  const table = scroller.appendChild(document.createElement("table"));
  if (caption) table.createCaption().textContent = caption;
  const headRow = table.createTHead().insertRow();
  for (const name of names) {
    const th = document.createElement("th");
    th.textContent = name;
    if (numeric.has(name)) th.className = "number";
    headRow.appendChild(th);
  }
  const body = table.createTBody();
  for (const row of rows.slice(0, limit)) {
    const tr = body.insertRow();
    for (const name of names) {
      const td = tr.insertCell();
      const value = row[name];
      // One element per value, so a phone's card keeps the value's words together on its right.
      const text = td.appendChild(document.createElement("span"));
      text.className = "value";
      const serial = BOOSTER_COLUMNS.has(name) && typeof value === "string" && value !== "" ? value : null;
      const target = serial ? text.appendChild(Object.assign(document.createElement("a"), { href: boosterHref(serial) })) : text;
      target.textContent = formatValue(value, name);
      keepWordsWhole(text);
      td.dataset.label = name;
      if (numeric.has(name)) td.className = "number";
      if (value === null || value === undefined) td.className = numeric.has(name) ? "number null" : "null";
    }
  }
  const footer = wrapper.appendChild(document.createElement("p"));
  footer.className = "result-note";
  footer.textContent =
    (rows.length === 0
      ? "The query returned no rows."
      : rows.length > limit
        ? `Showing ${limit.toLocaleString("en-US")} of ${rows.length.toLocaleString("en-US")} rows.`
        : `${rows.length.toLocaleString("en-US")} row${rows.length === 1 ? "" : "s"}.`) + (extra ? ` ${extra}` : "");
  if (download !== null && rows.length > 0) {
    footer.append(" ");
    footer.appendChild(CsvButton(rows, names, download));
  }
  return wrapper;
}

/**
 * A browser may wrap at a hyphen ("spacex-" / "api", "2023-" / "01"); inside a table that reads
 * as two words. Each hyphenated word under `root` goes into a span that does not wrap (site.css
 * `.word`), and the text stays the same characters.
 */
export function keepWordsWhole<E extends Element>(root: E): E {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  // Hyphens and en dashes ("lift-off", "2020–2022") are where a browser would break a word.
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (/\S[-–]\S/.test(node.textContent ?? "")) nodes.push(node as Text);
  for (const node of nodes) {
    const fragment = document.createDocumentFragment();
    for (const part of (node.textContent ?? "").split(/(\S*\S[-–]\S\S*)/)) {
      if (!part) continue;
      // An address has no word boundaries to keep: it may wrap at its slashes.
      if (/\S[-–]\S/.test(part) && !/^\S*https?:\/\//.test(part)) {
        const span = fragment.appendChild(document.createElement("span"));
        span.className = "word";
        span.textContent = part;
      } else fragment.append(part);
    }
    node.replaceWith(fragment);
  }
  return root;
}

/**
 * A wide table built elsewhere (a page's own markup, Inputs.table) reads on a phone as ResultTable's
 * cards do (site.css `table.cards`): each value beside its column's name, its words kept whole.
 * Inputs.table adds rows as its box scrolls and again on a sort, so rows are labelled as they arrive.
 */
export function cardsOnPhone<E extends Element>(root: E): E {
  const table = root instanceof HTMLTableElement ? root : root.querySelector("table");
  if (!table) return root;
  table.classList.add("cards");
  const label = () => {
    const heads = table.tHead?.rows[table.tHead.rows.length - 1];
    const names: string[] = [];
    for (const th of heads?.cells ?? []) for (let i = 0; i < th.colSpan; ++i) names.push(columnName(th));
    for (const body of table.tBodies) {
      for (const tr of body.rows) {
        let column = 0;
        for (const td of tr.cells) {
          if (td.dataset.label === undefined) {
            // A value that spans columns belongs to none of them.
            td.dataset.label = td.colSpan === 1 ? (names[column] ?? "") : "";
            // A form control stays where Inputs.table looks for it (the cell's first child).
            if (!td.querySelector("input, button, select")) {
              const value = document.createElement("span");
              value.className = "value";
              value.append(...td.childNodes);
              td.appendChild(keepWordsWhole(value));
            }
          }
          column += td.colSpan;
        }
      }
    }
  };
  label();
  new MutationObserver(label).observe(table, { childList: true, subtree: true });
  return root;
}

/** A column's name as a card labels its values; `data-label` names a column whose head is empty on a desktop. */
function columnName(th: HTMLTableCellElement): string {
  if (th.dataset.label !== undefined) return th.dataset.label;
  const head = th.cloneNode(true) as HTMLElement;
  // Inputs.table keeps its sort arrow in a <span> before the name.
  if (head.firstChild instanceof HTMLSpanElement && head.childNodes.length > 1) head.firstChild.remove();
  return (head.textContent ?? "").trim();
}

/** A button that saves rows as CSV (d3-dsv: ISO 8601 dates, plain numbers), for spreadsheets that cannot open Parquet. */
export function CsvButton(rows: Row[], columns: string[], name: string): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "csv-download";
  button.textContent = `Download CSV (${rows.length.toLocaleString("en-US")} row${rows.length === 1 ? "" : "s"})`;
  button.addEventListener("click", () => {
    const csv = csvFormat(rows as DSVRowString[], columns);
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `${name}.csv`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  return button;
}

function isNumber(value: unknown): boolean {
  return typeof value === "number" || typeof value === "bigint";
}

/** Years, ids and flight numbers read as labels, not quantities: no thousands separator. */
const LABEL_NUMBER = /(^|_)(year|yr|yyyy|id|number|no|flight|rank|serial)s?$|^(year|yr)(_|$)/i;

export function formatValue(value: unknown, column = ""): string {
  if (value === null || value === undefined) return "—";
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 16).replace("T", " ")} UTC`;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return String(value);
    if (Number.isInteger(value) && LABEL_NUMBER.test(column)) return String(value);
    return value.toLocaleString("en-US", { maximumFractionDigits: 2 });
  }
  if (typeof value === "string") return value;
  if (typeof value === "bigint") return LABEL_NUMBER.test(column) ? String(value) : value.toLocaleString("en-US");
  if (typeof value === "boolean") return String(value);
  return JSON.stringify(value, (_, v) => (typeof v === "bigint" ? Number(v) : v));
}
