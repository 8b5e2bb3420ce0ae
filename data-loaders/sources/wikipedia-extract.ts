// A third party's extract of the Wikipedia launch tables for 2023-01 to 2025-05 (Manikiran09/coursera,
// `final_with_coordinates.csv`): the only recorded coverage of those years. Only its table columns
// are read (flight, date, booster, site, payload, mass, orbit, customer, outcomes); its engineered
// columns (rolling rates, encodings, fixed coordinates) are ignored. Unverified: it is reconciled,
// not trusted.
import type { Http, HttpRequest, RawResponse } from "../http.ts";
import type { LandingOutcome, Rocket, SourceCore, SourceLaunch } from "../normalize.ts";
import { orbitCode, siteCode } from "../normalize.ts";
import type { Problems } from "../problems.ts";
import type { CatalogEntry } from "../snapshot-catalog.ts";
import { SourceShapeError } from "../validate.ts";
import { readRecordedExtract } from "./recorded-extract.ts";

const SOURCE = "wikipedia-extract";

export const extractRequest: HttpRequest = {
  source: SOURCE,
  url: "https://raw.githubusercontent.com/Manikiran09/coursera/847da7becc5650f3b89b17d3e1627a091f00705f/final_with_coordinates.csv"
};

export const extractCatalog: CatalogEntry[] = [
  { request: extractRequest, file: "reference/derived/falcon9_wikipedia_scrape_2023-01_to_2025-05_engineered.csv", contentType: "text/csv" }
];

/** The table columns read; every other column is engineered and ignored. */
export const EXTRACT_COLUMNS = [
  "flight_no",
  "date_and_time_utc",
  "version_booster",
  "launch_site",
  "payload",
  "payload_mass",
  "orbit",
  "customer",
  "launch_outcome",
  "booster_landing"
] as const;
type ExtractColumn = (typeof EXTRACT_COLUMNS)[number];
export type ExtractRow = Record<ExtractColumn, string>;

export interface ExtractData {
  rows: ExtractRow[];
  launches: SourceLaunch[];
  responses: RawResponse[];
}

export async function fetchExtract(http: Http, problems: Problems): Promise<ExtractData> {
  const before = http.responses.length;
  const response = await readRecordedExtract(http, extractRequest, problems);
  if (!response) return { rows: [], launches: [], responses: [] };
  const rows = parseExtractCsv(response.body);
  return { rows, launches: rows.map(launchFromExtract), responses: http.responses.slice(before) };
}

export function parseExtractCsv(text: string): ExtractRow[] {
  const [header, ...records] = parseCsv(text);
  if (!header) throw new SourceShapeError(SOURCE, "(file)", "(header)", "the file is empty");
  const index = new Map(header.map((name, i) => [name.trim(), i]));
  for (const name of EXTRACT_COLUMNS) {
    if (!index.has(name)) throw new SourceShapeError(SOURCE, "(header)", name, `column missing (found: ${header.join(", ")})`);
  }
  return records
    .filter((r) => r.some((cell) => cell.trim() !== ""))
    .map((cells, i) => {
      if (cells.length !== header.length) {
        throw new SourceShapeError(SOURCE, `line ${i + 2}`, "(row)", `expected ${header.length} fields, got ${cells.length}; the file may be truncated`);
      }
      return Object.fromEntries(EXTRACT_COLUMNS.map((name) => [name, cells[index.get(name)!]!.trim()])) as ExtractRow;
    });
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field), rows.push(row), (row = []), (field = "");
    } else field += ch;
  }
  if (quoted) throw new SourceShapeError(SOURCE, `line ${rows.length + 1}`, "(row)", "a quoted field never ends; the file is truncated");
  if (field !== "" || row.length) row.push(field), rows.push(row);
  return rows;
}

/** Non-ASCII hyphens ("F9B5B1060‑15" uses U+2011) read as ASCII ones. */
const asciiHyphens = (s: string) => s.replace(/[\u2010-\u2015\u2212]/g, "-");

export function launchFromExtract(row: ExtractRow, i: number): SourceLaunch {
  const record = `flight ${row.flight_no || `row ${i + 1}`}`;
  const fail = (field: ExtractColumn, detail: string) => new SourceShapeError(SOURCE, record, field, `${detail}, got ${JSON.stringify(row[field])}`);
  const date = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})$/.exec(row.date_and_time_utc);
  if (!date) throw fail("date_and_time_utc", "expected M/D/YYYY H:MM");
  const dateUtc = new Date(Date.UTC(+date[3]!, +date[1]! - 1, +date[2]!, +date[4]!, +date[5]!)).toISOString();
  const booster = asciiHyphens(row.version_booster);
  const rocket: Rocket = /falcon heavy/i.test(booster) ? "Falcon Heavy" : "Falcon 9";
  const serial = /B(1\d{3})/.exec(booster);
  const flight = /B1\d{3}-(\d+)/.exec(booster);
  const block = /B5|b5/.test(booster) ? 5 : null;
  const landing = parseExtractLanding(row.booster_landing, () => fail("booster_landing", "expected Success, Failure or No Attempt"));
  const main: SourceCore = {
    role: rocket === "Falcon 9" ? "single" : "center",
    serial: serial ? `B${serial[1]}` : null,
    block,
    flight: flight ? Number(flight[1]) : null,
    gridfins: null,
    legs: null,
    reused: flight ? Number(flight[1]) > 1 : null,
    landingAttempted: landing === "unknown" ? null : landing !== "no attempt",
    landingType: null,
    landingLocation: null,
    outcome: landing
  };
  // The extract names only a Heavy's center core; the side boosters are there but unnamed here.
  const side = (): SourceCore => ({ ...main, role: "side", serial: null, flight: null, reused: null, landingAttempted: null, outcome: "unknown" });
  const mass = row.payload_mass === "" ? null : Number(row.payload_mass.replace(/,/g, ""));
  if (mass !== null && !Number.isFinite(mass)) throw fail("payload_mass", "expected a number of kg");
  return {
    source: SOURCE,
    sourceId: row.flight_no,
    flightNumber: null,
    // Its flight_no counts rows, Falcon Heavy included (USSF-67 is "197"): not Wikipedia's number.
    wikiFlight: null,
    name: row.payload,
    dateUtc,
    datePrecision: "hour",
    rocket,
    version: rocket === "Falcon 9" ? (block ? "F9 B5" : null) : "FH B5",
    site: siteCode(asciiHyphens(row.launch_site)),
    padLatitude: null,
    padLongitude: null,
    payloadName: row.payload,
    payloadMassKg: mass,
    orbit: extractOrbit(row.orbit),
    customer: row.customer || null,
    missionOutcome: /^success/i.test(row.launch_outcome) ? "Success" : /^partial/i.test(row.launch_outcome) ? "Partial Failure" : /^failure/i.test(row.launch_outcome) ? "Failure" : row.launch_outcome || null,
    cores: rocket === "Falcon 9" ? [main] : [main, side(), side()],
    spacexId: null,
    ll2Id: null
  };
}

function parseExtractLanding(text: string, fail: () => Error): LandingOutcome {
  if (/^success$/i.test(text)) return "landed";
  if (/^failure$/i.test(text)) return "failed";
  if (/^no attempt$/i.test(text)) return "no attempt";
  if (text === "") return "unknown";
  throw fail();
}

/** The extract title-cases orbits ("Leo(Iss)", "Polarleo"). */
function extractOrbit(text: string): string | null {
  const t = asciiHyphens(text).toUpperCase();
  if (t === "POLARLEO" || t.startsWith("POLAR")) return "PO";
  if (t.includes("L2")) return "ES-L2";
  return orbitCode(t);
}
