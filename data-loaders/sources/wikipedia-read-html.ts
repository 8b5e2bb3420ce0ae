// Arvindhbabu's `pandas.read_html` of the live main Wikipedia list, about 2025-07-15 (PROVENANCE §9):
// flights 195 → 501 (2023-01-03 → 2025-07-08), naming each landing's drone ship or zone. read_html's
// shape: a launch row, then a row whose every cell holds the description; a Heavy has one row per
// core; planned launches (no flight number) follow. A recorded third-party extract.
import type { Http, HttpRequest } from "../http.ts";
import type { Rocket, SourceCore, SourceLaunch } from "../normalize.ts";
import { orbitCode, parseLandingText, siteCode } from "../normalize.ts";
import type { Problems } from "../problems.ts";
import type { CatalogEntry } from "../snapshot-catalog.ts";
import { SourceShapeError } from "../validate.ts";
import { headerIndex, parseDelimited, plainText, readRecordedExtract } from "./recorded-extract.ts";
import { parseWikiDate } from "./wikipedia.ts";
import { missionOutcome, versionOf, type Parsed } from "./wikipedia-3df9.ts";

const SOURCE = "wikipedia-read-html";
export const FILE_READ_HTML = "wikipedia-derived/arvindhbabu_read_html_main-list_2023-01_to_2025-07.csv";

export const requestReadHtml: HttpRequest = {
  source: SOURCE,
  url: "https://raw.githubusercontent.com/Arvindhbabu/Data-Science-Capstone-Project/1a077ba21192ec017d0b1fd2c70150e101e279c6/data/raw_spacex_launches.csv"
};

export const catalogReadHtml: CatalogEntry[] = [{ request: requestReadHtml, file: FILE_READ_HTML, contentType: "text/csv" }];

/** Header names as read_html writes them, footnote marks ("[h]") dropped. */
export const READ_HTML_COLUMNS = ["Flight No.", "Date and time (UTC)", "Version, booster", "Launch site", "Payload", "Payload mass", "Orbit", "Customer", "Launch outcome", "Booster landing"] as const;

export async function fetchReadHtml(http: Http, problems: Problems): Promise<Parsed> {
  const response = await readRecordedExtract(http, requestReadHtml, problems);
  if (!response) return { launches: [], rows: 0, skipped: [] };
  const parsed = parseReadHtml(response.body);
  for (const s of parsed.skipped) problems.count(SOURCE, s.reason, s.example);
  return parsed;
}

export function parseReadHtml(text: string, file = FILE_READ_HTML): Parsed {
  const [header, ...rows] = parseDelimited(text, SOURCE, file, ",");
  const col = headerIndex(header?.map((h) => h.replace(/\[[^\]]*\]/g, "").trim()), READ_HTML_COLUMNS, SOURCE, file, "main list");
  const skipped: Parsed["skipped"] = [];
  // Consecutive rows with one flight number are one launch (a Heavy's three cores).
  const groups: { line: number; cells: string[] }[][] = [];
  rows.forEach((cells, i) => {
    const line = i + 2;
    if (cells.length !== header!.length) throw new SourceShapeError(SOURCE, `${file}, line ${line}`, "(row)", `expected ${header!.length} fields, got ${cells.length}; the file's layout changed or it is cut short`);
    const get = (name: (typeof READ_HTML_COLUMNS)[number]) => cells[col[name]]!;
    const flight = plainText(get("Flight No."));
    const rest = cells.filter((_, k) => k !== col["Flight No."]);
    if ((rest.length > 2 && rest.every((c) => c === rest[0])) || get("Date and time (UTC)") === get("Version, booster")) {
      skipped.push({ reason: "row skipped: description row", example: `line ${line} (${flight || "planned"})` });
      return;
    }
    if (!flight) {
      skipped.push({ reason: "row skipped: planned launch (no flight number)", example: `line ${line}: ${plainText(get("Date and time (UTC)")).slice(0, 30)}` });
      return;
    }
    if (!/^(FH )?\d+$/.test(flight)) throw new SourceShapeError(SOURCE, `${file}, line ${line}`, "Flight No.", `expected a flight number ("195" or "FH 5"), got ${JSON.stringify(flight)}`);
    const last = groups.at(-1);
    if (last && plainText(last[0]!.cells[col["Flight No."]]!) === flight) last.push({ line, cells });
    else groups.push([{ line, cells }]);
  });
  const launches = groups.map((group) => {
    const first = group[0]!;
    const get = (cells: string[], name: (typeof READ_HTML_COLUMNS)[number]) => cells[col[name]]!;
    const flight = plainText(get(first.cells, "Flight No."));
    const fail = (line: number, name: (typeof READ_HTML_COLUMNS)[number], detail: string, cells: string[]) =>
      new SourceShapeError(SOURCE, `${file}, line ${line} (flight ${flight})`, name, `${detail}, got ${JSON.stringify(get(cells, name).slice(0, 60))}`);
    const date = parseWikiDate(get(first.cells, "Date and time (UTC)"));
    if (!date) throw fail(first.line, "Date and time (UTC)", 'expected a date such as "January 3, 2023 14:56"', first.cells);
    const rocket: Rocket = flight.startsWith("FH") ? "Falcon Heavy" : "Falcon 9";
    // A launch with two payloads has a row for each, with the same booster: one core.
    const coreRows = group.filter(({ cells }, k) => group.findIndex((o) => get(o.cells, "Version, booster") === get(cells, "Version, booster")) === k);
    const cores: SourceCore[] = coreRows.map(({ line, cells }) => {
      const booster = plainText(get(cells, "Version, booster"));
      const m = /(B\d{4})(?:-(\d+))?/.exec(booster);
      const landing = parseLandingText(get(cells, "Booster landing"));
      if (!landing) throw fail(line, "Booster landing", "unrecognised landing outcome", cells);
      return {
        role: rocket === "Falcon 9" ? "single" : /\bside\b/i.test(booster) ? "side" : "center",
        serial: m?.[1] ?? null,
        block: rocket === "Falcon Heavy" || /\bB5\b/.test(booster) ? 5 : null,
        flight: m?.[2] ? Number(m[2]) : null,
        gridfins: null,
        legs: null,
        reused: m?.[2] ? Number(m[2]) > 1 : null,
        landingAttempted: landing.attempted,
        landingType: landing.type,
        landingLocation: landing.location,
        outcome: landing.outcome,
        afterLanding: landing.afterLanding
      };
    });
    if (rocket === "Falcon Heavy" && cores.length !== 3) throw fail(first.line, "Version, booster", `expected three Falcon Heavy core rows, found ${cores.length}`, first.cells);
    const payloads = [...new Set(group.map(({ cells }) => plainText(get(cells, "Payload"))).filter(Boolean))];
    const payload = payloads[0] ?? "";
    const mass = /([\d,]+(?:\.\d+)?)\s*kg/.exec(plainText(get(first.cells, "Payload mass")));
    return {
      source: SOURCE,
      sourceId: flight,
      flightNumber: null,
      wikiFlight: flight,
      name: payload,
      dateUtc: date.iso,
      datePrecision: date.precision,
      rocket,
      version: versionOf(plainText(get(first.cells, "Version, booster")), rocket),
      site: siteCode(get(first.cells, "Launch site")),
      padLatitude: null,
      padLongitude: null,
      payloadName: payloads.join(" / ") || null,
      payloadMassKg: mass ? Number(mass[1]!.replace(/,/g, "")) : null,
      orbit: orbitCode(plainText(get(first.cells, "Orbit"))),
      customer: plainText(get(first.cells, "Customer")) || null,
      missionOutcome: missionOutcome(get(first.cells, "Launch outcome")),
      cores: rocket === "Falcon Heavy" ? [...cores.filter((c) => c.role === "center"), ...cores.filter((c) => c.role === "side")] : cores,
      spacexId: null,
      ll2Id: null
    } satisfies SourceLaunch;
  });
  return { launches, rows: rows.length, skipped };
}
