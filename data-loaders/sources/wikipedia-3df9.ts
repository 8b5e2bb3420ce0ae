// szabolcsjaray/3df9's scrape of every Wikipedia launch-list page, 2010-06 → 2024-08 (PROVENANCE §9):
// semicolon-separated, no header, 12 fields and more. Fields by position: row id; flight number;
// date text; version and booster(s) (a Heavy's cores joined with " | "); site; payload; mass;
// orbit; customer; launch outcome; booster landing (" | " per Heavy core); then further payloads'
// fields and the description. A recorded third-party extract: read only where recorded.
import type { Http, HttpRequest } from "../http.ts";
import type { CoreRole, Rocket, SourceCore, SourceLaunch } from "../normalize.ts";
import { orbitCode, parseLandingText, siteCode } from "../normalize.ts";
import type { Problems } from "../problems.ts";
import type { CatalogEntry } from "../snapshot-catalog.ts";
import { SourceShapeError } from "../validate.ts";
import { parseDelimited, plainText, readRecordedExtract } from "./recorded-extract.ts";
import { parseWikiDate } from "./wikipedia.ts";

const SOURCE = "wikipedia-3df9";
export const FILE_3DF9 = "wikipedia-derived/3df9_f9launches_2010-06_to_2024-08.csv";

export const request3df9: HttpRequest = {
  source: SOURCE,
  url: "https://raw.githubusercontent.com/szabolcsjaray/3df9/d1d92e244263fd6a801f49cdd4a925bfc39fc9fb/web/cgi-bin/f9launches_2024-08-20.csv"
};

export const catalog3df9: CatalogEntry[] = [{ request: request3df9, file: FILE_3DF9, contentType: "text/csv" }];

/** The fields read, by position (the file has no header). */
export const FIELDS_3DF9 = ["row id", "flight number", "date", "version, booster", "launch site", "payload", "payload mass", "orbit", "customer", "launch outcome", "booster landing"] as const;

export interface Parsed {
  launches: SourceLaunch[];
  rows: number;
  skipped: { reason: string; example: string }[];
}

export async function fetch3df9(http: Http, problems: Problems): Promise<Parsed> {
  const response = await readRecordedExtract(http, request3df9, problems);
  if (!response) return { launches: [], rows: 0, skipped: [] };
  const parsed = parse3df9(response.body);
  for (const s of parsed.skipped) problems.count(SOURCE, s.reason, s.example);
  return parsed;
}

const CORE = /(B\d{4})(?:\s*\.\s*(\d+))?\s*\((core|side|center|centre)\)/i;

export function parse3df9(text: string, file = FILE_3DF9): Parsed {
  const rows = parseDelimited(text, SOURCE, file, ";");
  const launches: SourceLaunch[] = [];
  const skipped: Parsed["skipped"] = [];
  rows.forEach((fields, i) => {
    const line = i + 1;
    const record = `${file}, line ${line}`;
    const fail = (field: number, detail: string) => new SourceShapeError(SOURCE, `${record} (${fields[0] ?? "?"})`, FIELDS_3DF9[field]!, `${detail}, got ${JSON.stringify((fields[field] ?? "").slice(0, 60))}`);
    if (fields.length < FIELDS_3DF9.length + 1) {
      throw new SourceShapeError(SOURCE, record, "(row)", `expected at least ${FIELDS_3DF9.length + 1} fields separated by ";", got ${fields.length}; the file's layout changed or it is cut short`);
    }
    const [id, flightText, dateText, boosterText, siteText, payload, massText, orbitText, customer, outcomeText, landingText] = fields.map((f) => f.trim()) as string[] as [string, string, string, string, string, string, string, string, string, string, string];
    if (!/^[A-Z0-9]+-\d+$/.test(id)) throw fail(0, 'expected a row id such as "F9-001" or "FH-004"');
    const flight = plainText(flightText);
    if (flight === "N/A") {
      // Amos-6 was lost on the pad before its static fire: not a flight.
      skipped.push({ reason: "row skipped: no flight number (pre-flight loss)", example: id });
      return;
    }
    if (!/^(FH )?\d+$/.test(flight)) throw fail(1, 'expected a flight number ("123" or "FH 4")');
    const date = parseWikiDate(dateText);
    if (!date) throw fail(2, 'expected a date such as "5 October 2022 23:10"');
    const rocket: Rocket = flight.startsWith("FH") ? "Falcon Heavy" : "Falcon 9";
    const booster = plainText(boosterText);
    const landings = landingText.split("|").map((t) => t.trim());
    const parse = (t: string) => {
      const landing = parseLandingText(t);
      if (!landing) throw fail(10, "unrecognised landing outcome");
      return landing;
    };
    let cores: SourceCore[];
    if (rocket === "Falcon Heavy") {
      // Cores are in the booster field, joined with " | "; a row with several payloads can push the
      // side boosters into later fields ("B1052.8  (side)"), which then hold nothing else.
      const texts = [booster, ...fields.slice(11).map(plainText).filter((f) => new RegExp(`^${CORE.source}$`, "i").test(f))];
      const found = texts.flatMap((t) => [...t.matchAll(new RegExp(CORE.source, "gi"))]);
      if (found.length !== 3) throw fail(3, `expected three Falcon Heavy cores marked (core)/(side), found ${found.length}`);
      if (landings.length !== 3) throw fail(10, `expected three landings joined with " | ", found ${landings.length}`);
      cores = found.map((m, k) => core(/side/i.test(m[3]!) ? "side" : "center", m[1]!, m[2], parse(landings[k]!), 5));
    } else {
      const m = /(B\d{4})(?:\s*\.\s*(\d+))?/.exec(booster);
      cores = [core("single", m?.[1] ?? null, m?.[2], parse(landingText), blockOf(booster))];
    }
    const mass = /([\d,]+(?:\.\d+)?)\s*kg/.exec(plainText(massText));
    launches.push({
      source: SOURCE,
      sourceId: flight,
      flightNumber: null,
      wikiFlight: flight,
      name: plainText(payload),
      dateUtc: date.iso,
      datePrecision: date.precision,
      rocket,
      version: versionOf(booster, rocket),
      site: siteCode(siteText),
      padLatitude: null,
      padLongitude: null,
      payloadName: plainText(payload) || null,
      payloadMassKg: mass ? Number(mass[1]!.replace(/,/g, "")) : null,
      orbit: orbitCode(plainText(orbitText)),
      customer: plainText(customer) || null,
      missionOutcome: missionOutcome(outcomeText),
      cores,
      spacexId: null,
      ll2Id: null
    });
  });
  return { launches, rows: rows.length, skipped };
}

function core(role: CoreRole, serial: string | null, flight: string | undefined, landing: NonNullable<ReturnType<typeof parseLandingText>>, block: number | null): SourceCore {
  return {
    role,
    serial,
    block,
    flight: flight ? Number(flight) : null,
    gridfins: null,
    legs: null,
    reused: flight ? Number(flight) > 1 : null,
    landingAttempted: landing.attempted,
    landingType: landing.type,
    landingLocation: landing.location,
    outcome: landing.outcome,
    afterLanding: landing.afterLanding
  };
}

export function versionOf(booster: string, rocket: Rocket): string | null {
  if (rocket === "Falcon Heavy") return /\bB5\b|Block 5/.test(booster) ? "FH B5" : "FH";
  const m = /F9\s*(v1\.0|v1\.1|FT|B4|B5)/i.exec(booster);
  return m ? `F9 ${m[1]}` : null;
}

const blockOf = (booster: string): number | null => {
  const m = /\bB([45])\b/.exec(booster);
  return m ? Number(m[1]) : null;
};

export function missionOutcome(text: string): string | null {
  const t = plainText(text);
  if (!t) return null;
  if (/^success/i.test(t)) return "Success";
  if (/^partial/i.test(t)) return "Partial Failure";
  if (/^failure/i.test(t)) return "Failure";
  return t;
}
