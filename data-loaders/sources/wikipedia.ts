// Wikipedia, "List of Falcon 9 and Falcon Heavy launches": the launch tables, read with a real HTML
// parser. Rows span several table rows (a Heavy has one row per booster; a launch with two
// payloads has two), cells carry footnote markers, and the layout differs between revisions, so
// columns are found by their header text and a header that is not where it should be is an error.
import { parse } from "parse5";
import type { DefaultTreeAdapterMap } from "parse5";
import type { Http, HttpRequest, RawResponse } from "../http.ts";
import { HttpError, ReplayMissError } from "../http.ts";
import type { CoreRole, ParsedLanding, Rocket, SourceCore, SourceLaunch } from "../normalize.ts";
import { orbitCode, parseLandingText, siteCode } from "../normalize.ts";
import type { CatalogEntry } from "../snapshot-catalog.ts";
import type { Problems } from "../problems.ts";
import { SourceShapeError } from "../validate.ts";

type Element = DefaultTreeAdapterMap["element"];
type Node = DefaultTreeAdapterMap["node"];

const SOURCE = "wikipedia";
const TITLE = "List_of_Falcon_9_and_Falcon_Heavy_launches";
const page = (oldid: string): HttpRequest => ({ source: SOURCE, url: `https://en.wikipedia.org/w/index.php?title=${TITLE}&oldid=${oldid}` });

/** The two recorded revisions (both 2021), oldest first. */
export const wikipediaRevisions = {
  june2021: page("1027686922"),
  september2021: page("1042328326")
} satisfies Record<string, HttpRequest>;

const current = (suffix: string): HttpRequest => ({ source: SOURCE, url: `https://en.wikipedia.org/wiki/${encodeURIComponent(TITLE + suffix.replace(/ /g, "_"))}` });

/** The year page whose 2022 table is recorded (as a `<tbody>` fragment). */
export const wikipedia2020to2022 = current(" (2020–2022)");

/**
 * What a live build asks: the current page and its year sub-pages. Only the 2022 table of
 * "(2020–2022)" is recorded, so a replayed build lists the others as missing (counted in the
 * manifest and visible as coverage), never silently.
 */
export const wikipediaCurrentPages: HttpRequest[] = [current(""), current(" (2010–2019)"), wikipedia2020to2022, current(" (2023)"), current(" (2024)"), current(" (2025)"), current(" (2026)")];

export const wikipediaCatalog: CatalogEntry[] = [
  {
    request: wikipediaRevisions.june2021,
    file: "wikipedia/List_of_Falcon_9_and_Falcon_Heavy_launches_oldid_1027686922_2021-06-09.html",
    contentType: "text/html"
  },
  {
    request: wikipediaRevisions.september2021,
    file: "wikipedia/List_of_Falcon_9_and_Falcon_Heavy_launches_oldid_1042328326_2021-09-04.html",
    contentType: "text/html"
  },
  {
    // The 2022 table's <tbody>, copied from the rendered "(2020–2022)" page (PROVENANCE §9): the
    // same parser reads it and, in a live build, the whole page.
    request: wikipedia2020to2022,
    file: "wikipedia/List_of_Falcon_9_and_Falcon_Heavy_launches_2020-2022_table-2022_fragment.html",
    contentType: "text/html"
  }
];

/** The launch-table columns this parser reads, by the start of their header text. */
const COLUMNS = {
  flight: "flight no.",
  date: "date and time",
  booster: "version, booster",
  site: "launch site",
  payload: "payload",
  mass: "payload mass",
  orbit: "orbit",
  customer: "customer",
  outcome: "launch outcome",
  landing: "booster landing"
} as const;
type ColumnKey = keyof typeof COLUMNS;

export interface WikipediaPage {
  url: string;
  launches: SourceLaunch[];
  /** Table sections read, e.g. "2010 to 2013", "2016". */
  tables: string[];
  /** Tables and rows passed over, each with the reason (counted in the manifest). */
  skipped: { reason: string; example: string }[];
}

/** A year page that did not answer: whether its years are lost depends on what else covers them (release.ts). */
export interface YearPageMissing {
  page: string;
  url: string;
  years: number[];
  /** "answered HTTP 404" or "is not among the recordings". */
  reason: string;
}

export const YEAR_PAGE_MISSING = "year page missing (its years checked against the other pages and extracts)";

export interface WikipediaData {
  /** Recorded revisions and, in live builds, the current pages; oldest first. */
  pages: WikipediaPage[];
  /** Flown launches, one per flight, each from the newest page that lists it. */
  launches: SourceLaunch[];
  responses: RawResponse[];
  yearPagesMissing: YearPageMissing[];
}

/**
 * Both recorded revisions, then the current pages. A missing main page is counted; a missing year
 * page is counted and returned, and the release fails if nothing else covers its years.
 */
export async function fetchWikipedia(http: Http, problems: Problems, log: (line: string) => void = () => {}): Promise<WikipediaData> {
  const before = http.responses.length;
  const pages: WikipediaPage[] = [];
  const yearPagesMissing: YearPageMissing[] = [];
  for (const request of Object.values(wikipediaRevisions)) {
    const response = await http.text(request);
    const parsed = parseWikipediaPage(response.body, request.url);
    if (!parsed.launches.length) {
      throw new SourceShapeError(SOURCE, describePage(request.url), "(launch tables)", "no launch table found: the page layout changed, update data-loaders/sources/wikipedia.ts");
    }
    countSkipped(parsed, problems);
    pages.push(parsed);
    log(`  ${SOURCE}: ${describePage(request.url)}, ${parsed.tables.length} tables, ${parsed.launches.length} launches`);
  }
  for (const request of wikipediaCurrentPages) {
    let response: RawResponse;
    try {
      response = await http.text(request);
    } catch (error) {
      if (error instanceof ReplayMissError || (error instanceof HttpError && error.status === 404)) {
        const years = pageYears(request.url);
        if (years) {
          problems.count(SOURCE, YEAR_PAGE_MISSING, request.url);
          yearPagesMissing.push({ page: describePage(request.url), url: request.url, years, reason: error instanceof HttpError ? "answered HTTP 404" : "is not among the recordings" });
        } else problems.count(SOURCE, "optional page missing", request.url);
        continue;
      }
      throw error;
    }
    const parsed = parseWikipediaPage(response.body, request.url);
    const years = pageYears(request.url);
    // A year page without flown launches has lost its tables; the main page may list only launches to come.
    if (years && !parsed.launches.length) {
      throw new SourceShapeError(SOURCE, describePage(request.url), "(launch tables)", `no flown-launch table for ${years.join(", ")}: the page is cut short or its layout changed, update data-loaders/sources/wikipedia.ts`);
    }
    if (!parsed.launches.length) problems.count(SOURCE, "page without flown-launch tables", request.url);
    for (const year of years ?? []) {
      if (!parsed.launches.some((l) => l.dateUtc.startsWith(String(year)))) problems.count(SOURCE, "year of a year page without launches (not in this copy of the page)", `${describePage(request.url)}: ${year}`);
    }
    countSkipped(parsed, problems);
    pages.push(parsed);
    log(`  ${SOURCE}: ${describePage(request.url)}, ${parsed.tables.length} tables, ${parsed.launches.length} launches`);
  }
  const byFlight = new Map<string, SourceLaunch>();
  for (const p of pages) for (const launch of p.launches) byFlight.set(launch.sourceId, launch);
  return { pages, launches: [...byFlight.values()], responses: http.responses.slice(before), yearPagesMissing };
}

function countSkipped(page: WikipediaPage, problems: Problems): void {
  for (const { reason, example } of page.skipped) problems.count(SOURCE, reason, example);
}

/** The years a year page covers, from its title: "(2020–2022)" → 2020, 2021, 2022; null for other pages. */
export function pageYears(url: string): number[] | null {
  const m = /\((\d{4})(?:[–-](\d{4}))?\)$/.exec(decodeURIComponent(new URL(url).pathname).replace(/_/g, " "));
  if (!m) return null;
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * Every flown launch in the page's launch tables. A whole page must end with </html> and a table
 * fragment (a launch table's <tbody>, as recorded for 2022) with </tbody>: anything else is a
 * truncated download and an error, not a shorter list.
 */
export function parseWikipediaPage(html: string, url: string): WikipediaPage {
  const pageName = describePage(url);
  const trimmed = html.trim();
  const fragment = /^<tbody[\s>]/i.test(trimmed);
  if (fragment ? !/<\/tbody>$/i.test(trimmed) : !/<\/html>$/i.test(trimmed)) {
    throw new SourceShapeError(SOURCE, pageName, "(page)", `the HTML does not end with ${fragment ? "</tbody>" : "</html>"} (${html.length} characters, ending ${JSON.stringify(trimmed.slice(-40))}): the download was cut short; fetch it again`);
  }
  // A bare <tbody> parses to nothing outside a table: give it the launch table it came from.
  const document = parse(fragment ? `<table class="wikitable plainrowheaders">${trimmed}</table>` : html);
  const launches: SourceLaunch[] = [];
  const tables: string[] = [];
  const skipped: WikipediaPage["skipped"] = [];
  let heading = "(top)";
  const visit = (node: Node) => {
    if (!("tagName" in node)) return;
    if (/^h[2-4]$/.test(node.tagName)) heading = textOf(node).replace(/\[edit\]/g, "").trim();
    if (node.tagName === "table" && hasClass(node, "wikitable") && hasClass(node, "plainrowheaders")) {
      const found = parseLaunchTable(node, pageName, heading, skipped);
      if (found) {
        tables.push(heading);
        launches.push(...found);
      }
      return;
    }
    for (const child of node.childNodes) visit(child as Node);
  };
  for (const child of document.childNodes) visit(child as Node);
  return { url, launches, tables, skipped };
}

function describePage(url: string): string {
  const oldid = new URL(url).searchParams.get("oldid");
  return oldid ? `oldid ${oldid}` : decodeURIComponent(new URL(url).pathname.replace(/^\/wiki\//, ""));
}

interface GridCell {
  element: Element;
  /** Row where the cell starts (rowspan carries it down). */
  row: number;
}

/** The launches of one table; null when the table is not a launch table at all (counted in `skipped`). */
function parseLaunchTable(table: Element, pageName: string, heading: string, skipped: WikipediaPage["skipped"]): SourceLaunch[] | null {
  const rows = tableRows(table);
  const grid = layout(rows);
  const headerRow = rows.findIndex((tr) => cells(tr).some((c) => c.tagName === "th" && attr(c, "scope") === "col"));
  const where = `${pageName}, table "${heading}"`;
  if (headerRow < 0) {
    skipped.push({ reason: "table skipped: no column headers (not a launch table)", example: where });
    return null;
  }
  const headers = (grid[headerRow] ?? []).map((cell) => (cell ? normalizeHeader(textOf(cell.element)) : ""));
  const known = Object.values(COLUMNS).filter((h) => headers.some((text) => text.startsWith(h)));
  // A table with few of our headers is some other table (a statistics box); one without flight
  // numbers lists launches that have not flown yet.
  if (known.length < 3) {
    skipped.push({ reason: "table skipped: not a launch table (too few launch-table headers)", example: where });
    return null;
  }
  if (!known.includes(COLUMNS.flight)) {
    skipped.push({ reason: "table skipped: launches to come (no flight-number column)", example: where });
    return null;
  }
  const record = `${pageName}, table "${heading}"`;
  const index = {} as Record<ColumnKey, number>;
  for (const [key, prefix] of Object.entries(COLUMNS) as [ColumnKey, string][]) {
    // "payload" is a prefix of "payload mass": take the exact "payload" first.
    const at = key === "payload" ? headers.findIndex((h) => h === prefix || (h.startsWith(prefix) && !h.startsWith(COLUMNS.mass))) : headers.findIndex((h) => h.startsWith(prefix));
    if (at < 0) {
      throw new SourceShapeError(
        SOURCE,
        record,
        prefix,
        `column not found in the header row (found: ${headers.map((h) => JSON.stringify(h)).join(", ")}); the table layout changed, update COLUMNS in data-loaders/sources/wikipedia.ts`
      );
    }
    index[key] = at;
  }
  if (index.flight !== 0) {
    throw new SourceShapeError(SOURCE, record, COLUMNS.flight, `expected as the first column, found at position ${index.flight + 1}; the table layout changed`);
  }

  const launches: SourceLaunch[] = [];
  for (let r = headerRow + 1; r < grid.length; r++) {
    const first = grid[r]?.[0];
    if (!first || first.row !== r || first.element.tagName !== "th") continue;
    const span = Math.max(1, Number(attr(first.element, "rowspan") ?? 1));
    const launchRows: number[] = [];
    for (let k = r; k < Math.min(r + span, grid.length); k++) {
      if (grid[k]?.[0]?.element !== first.element || isDescriptionRow(rows[k]!)) continue;
      launchRows.push(k);
    }
    const launch = parseLaunchRows(grid, launchRows, index, `${record}, flight ${textOf(first.element).trim()}`, skipped);
    if (launch) launches.push(launch);
  }
  return launches;
}

function parseLaunchRows(grid: (GridCell | undefined)[][], launchRows: number[], index: Record<ColumnKey, number>, record: string, skipped: WikipediaPage["skipped"]): SourceLaunch | null {
  const at = (k: number, key: ColumnKey) => grid[k]?.[index[key]]?.element ?? null;
  const text = (k: number, key: ColumnKey) => {
    const cell = at(k, key);
    return cell ? textOf(cell).trim() : "";
  };
  const first = launchRows[0];
  if (first === undefined) return null;
  const flight = text(first, "flight").replace(/\s+/g, " ");
  if (!/^(FH )?\d+$/.test(flight)) {
    skipped.push({ reason: "row skipped: no flight number (not a flown launch)", example: `${record}: ${JSON.stringify(flight.slice(0, 30))}` });
    return null;
  }
  const date = parseWikiDate(text(first, "date"));
  // Future-launch tables carry dates such as "Q3 2022": only launches with a day have flown.
  if (!date) {
    skipped.push({ reason: "row skipped: date without a day (launch to come)", example: record });
    return null;
  }

  const unique = <T>(items: T[]) => [...new Set(items)];
  const boosterCells = unique(launchRows.map((k) => at(k, "booster")).filter((c): c is Element => c !== null));
  const rocket: Rocket = /^FH/.test(flight) || boosterCells.some((c) => /falcon heavy/i.test(textOf(c))) ? "Falcon Heavy" : "Falcon 9";
  const version = parseVersion(boosterCells.map(textOf).join("\n"));
  const cores: SourceCore[] = [];
  for (const cell of boosterCells) {
    const row = launchRows.find((k) => at(k, "booster") === cell)!;
    const landingText = text(row, "landing");
    const boosterText = textOf(cell);
    const serials = [...boosterText.matchAll(/\b(B\d{4})(?:\.(\d+))?/g)];
    const landings = landingText.split(/\n(?=Success|Failure|Partial failure|No attempt|Controlled|Uncontrolled|Precluded|Expended)/i);
    const entries = serials.length ? serials : [null];
    entries.forEach((match, i) => {
      const role: CoreRole = rocket === "Falcon 9" ? "single" : /\bside\b/i.test(boosterText) ? "side" : /\b(core|center|centre)\b/i.test(boosterText) ? "center" : "side";
      const landing = parseLanding(landings.length === entries.length ? landings[i]! : landingText, record);
      cores.push({
        role,
        serial: match?.[1] ?? null,
        block: blockOf(version),
        flight: match?.[2] ? Number(match[2]) : null,
        gridfins: null,
        legs: null,
        reused: match?.[2] ? Number(match[2]) > 1 : /♺/.test(boosterText) ? true : null,
        landingAttempted: landing.attempted,
        landingType: landing.type,
        landingLocation: landing.location,
        outcome: landing.outcome,
        afterLanding: landing.afterLanding,
        landingText: (landings.length === entries.length ? landings[i]! : landingText).replace(/\s+/g, " ").trim() || null
      });
    });
  }
  if (rocket === "Falcon Heavy") cores.sort((a, b) => (a.role === b.role ? 0 : a.role === "center" ? -1 : 1));

  // ♺ marks a reused Dragon or booster; it is not part of the name.
  const payloads = unique(launchRows.map((k) => text(k, "payload").replace(/\s*♺/g, "").replace(/\s*\n\s*/g, " ").trim()).filter(Boolean));
  const masses = unique(launchRows.map((k) => at(k, "mass")).filter((c): c is Element => c !== null)).map((c) => parseMassKg(textOf(c)));
  const knownMasses = masses.filter((m): m is number => m !== null);
  const outcome = text(first, "outcome").split("\n")[0]!.trim();
  return {
    source: SOURCE,
    sourceId: flight,
    flightNumber: null,
    wikiFlight: flight,
    name: payloads[0] ?? flight,
    dateUtc: date.iso,
    datePrecision: date.precision,
    rocket,
    version,
    site: siteCode(text(first, "site")),
    padLatitude: null,
    padLongitude: null,
    payloadName: payloads.join(" / ") || null,
    payloadMassKg: knownMasses.length ? knownMasses.reduce((a, b) => a + b, 0) : null,
    orbit: orbitCode(text(first, "orbit").split("\n")[0]!),
    customer: text(first, "customer").split("\n")[0]!.trim() || null,
    missionOutcome: normalizeMissionOutcome(outcome),
    cores,
    spacexId: null,
    ll2Id: null
  };
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** "4 June 2010 18:45" (Wikipedia's tables) or "January 3, 2023 14:56" (the main page as read_html gives it). */
export function parseWikiDate(text: string): { iso: string; precision: "hour" | "day" } | null {
  const t = text.replace(/\u00a0/g, " ").replace(/\[[^\]]*\]/g, " ");
  const dmy = /(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})(?:[,\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(t);
  const mdy = dmy ? null : /([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})(?:[,\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(t);
  const m = dmy ?? mdy;
  if (!m) return null;
  const [day, monthName] = dmy ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
  const month = MONTHS.indexOf(monthName.toLowerCase());
  if (month < 0) return null;
  const time = m[4] !== undefined ? [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)] : [0, 0, 0];
  const iso = new Date(Date.UTC(Number(m[3]), month, Number(day), time[0], time[1], time[2])).toISOString();
  return { iso, precision: m[4] !== undefined ? "hour" : "day" };
}

function parseVersion(text: string): string | null {
  const t = text.replace(/\u00a0/g, " ");
  const m = /F9\s*(v1\.0|v1\.1|FT|B4|B5|Block\s*[45])/i.exec(t);
  if (m) return `F9 ${m[1]!.replace(/Block\s*/i, "B")}`;
  if (/falcon heavy/i.test(t)) return /B5|Block 5|B10[5-9]\d/.test(t) ? "FH B5" : "FH";
  return null;
}

function blockOf(version: string | null): number | null {
  const m = version ? /B([45])$/.exec(version) : null;
  return m ? Number(m[1]) : null;
}

function parseMassKg(text: string): number | null {
  const m = /([\d,]+(?:\.\d+)?)\s*kg/.exec(text.replace(/\u00a0/g, " "));
  return m ? Number(m[1]!.replace(/,/g, "")) : null;
}

function normalizeMissionOutcome(text: string): string | null {
  if (!text) return null;
  if (/^success/i.test(text)) return "Success";
  if (/^partial/i.test(text)) return "Partial Failure";
  if (/^failure/i.test(text)) return "Failure";
  return text;
}

/** The booster-landing cell, read by the rule every Wikipedia-derived source shares (normalize.ts). */
export function parseLanding(text: string, record: string): ParsedLanding {
  const landing = parseLandingText(text);
  if (!landing) throw new SourceShapeError(SOURCE, record, COLUMNS.landing, `unrecognised landing outcome ${JSON.stringify(text.replace(/\s+/g, " ").trim())}; teach parseLandingText in data-loaders/normalize.ts`);
  return landing;
}

function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.childNodes) {
    if (!("tagName" in child)) continue;
    if (child.tagName === "tr") rows.push(child);
    if (child.tagName === "tbody" || child.tagName === "thead" || child.tagName === "tfoot") {
      for (const tr of child.childNodes) if ("tagName" in tr && tr.tagName === "tr") rows.push(tr);
    }
  }
  return rows;
}

const cells = (tr: Element): Element[] => tr.childNodes.filter((c): c is Element => "tagName" in c && (c.tagName === "td" || c.tagName === "th"));

/** The table as a grid, rowspans and colspans expanded. */
function layout(rows: Element[]): (GridCell | undefined)[][] {
  const grid: (GridCell | undefined)[][] = rows.map(() => []);
  rows.forEach((tr, r) => {
    let c = 0;
    for (const cell of cells(tr)) {
      while (grid[r]![c]) c++;
      const rowspan = Math.max(1, Number(attr(cell, "rowspan") ?? 1) || 1);
      const colspan = Math.max(1, Number(attr(cell, "colspan") ?? 1) || 1);
      for (let dr = 0; dr < rowspan && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < colspan; dc++) grid[r + dr]![c + dc] = { element: cell, row: r };
      }
      c += colspan;
    }
  });
  return grid;
}

/** A launch's free-text notes: one cell spanning most of the row. */
const isDescriptionRow = (tr: Element): boolean => cells(tr).some((c) => Number(attr(c, "colspan") ?? 1) >= 5);

const attr = (el: Element, name: string): string | undefined => el.attrs.find((a) => a.name === name)?.value;
const hasClass = (el: Element, name: string): boolean => (attr(el, "class") ?? "").split(/\s+/).includes(name);

function normalizeHeader(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}

/** Visible text: footnote markers, styles and scripts dropped; <br> and list items become line breaks. */
export function textOf(node: Node): string {
  if (node.nodeName === "#text") return (node as DefaultTreeAdapterMap["textNode"]).value;
  if (!("tagName" in node)) return "";
  const el = node as Element;
  // The rendered page's "hide" toggle sits inside the first header cell.
  if (el.tagName === "style" || el.tagName === "script" || el.tagName === "button") return "";
  if (el.tagName === "sup" && (hasClass(el, "reference") || hasClass(el, "noprint"))) return "";
  if (el.tagName === "span" && hasClass(el, "sortkey")) return "";
  if (el.tagName === "br") return "\n";
  const inner = el.childNodes.map((c) => textOf(c as Node)).join("");
  const text = el.tagName === "li" ? `\n${inner}\n` : inner;
  return text
    .replace(/\u00a0/g, " ")
    .replace(/\[\d+\]|\[[a-z]\]/g, "")
    .replace(/[ \t\r\f]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{2,}/g, "\n");
}
