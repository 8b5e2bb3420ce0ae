// massimo7719/spacex-capstone's cleaned table of the Wikipedia list pages, scraped 2026-07-14
// (PROVENANCE §9): Falcon 9 only, flights 1 → 663 (2010-06-04 → 2026-07-11). Its LandingSuccess is
// 0.0 for "no attempt" rows too, so the outcome is read from LandingType first; the ship is not
// named. A recorded third-party extract: read only where recorded.
import type { Http, HttpRequest } from "../http.ts";
import type { LandingOutcome, LandingType, SourceLaunch } from "../normalize.ts";
import { orbitCode, siteCode } from "../normalize.ts";
import type { Problems } from "../problems.ts";
import type { CatalogEntry } from "../snapshot-catalog.ts";
import { SourceShapeError } from "../validate.ts";
import { headerIndex, parseDelimited, plainText, readRecordedExtract } from "./recorded-extract.ts";
import { missionOutcome, versionOf, type Parsed } from "./wikipedia-3df9.ts";

const SOURCE = "wikipedia-massimo";
export const FILE_MASSIMO = "wikipedia-derived/massimo7719_falcon9_2010-06_to_2026-07.csv";

export const requestMassimo: HttpRequest = {
  source: SOURCE,
  url: "https://raw.githubusercontent.com/massimo7719/spacex-capstone/45210c7bda633c7bff688a235daee7ba55c16554/data/spacex_launches.csv"
};

export const catalogMassimo: CatalogEntry[] = [{ request: requestMassimo, file: FILE_MASSIMO, contentType: "text/csv" }];

export const MASSIMO_COLUMNS = ["FlightNumber", "Date", "BoosterVersion", "LaunchSite", "Payload", "PayloadMass", "Orbit", "Customer", "LaunchOutcome", "LandingSuccess", "LandingType"] as const;
type Column = (typeof MASSIMO_COLUMNS)[number];

export async function fetchMassimo(http: Http, problems: Problems): Promise<Parsed> {
  const response = await readRecordedExtract(http, requestMassimo, problems);
  if (!response) return { launches: [], rows: 0, skipped: [] };
  return parseMassimo(response.body);
}

/**
 * LandingType and LandingSuccess into the shared outcome vocabulary. "Other" is how this table
 * files Wikipedia's "No attempt" variants; "Ocean" with 0.0 does not say whether the touchdown was
 * controlled, so that outcome is unknown here (other sources give it).
 */
function outcomeOf(type: string, success: string): { attempted: boolean | null; type: LandingType | null; outcome: LandingOutcome } | null {
  const ok = success === "1.0" ? true : success === "0.0" ? false : success === "" ? null : undefined;
  if (ok === undefined) return null;
  switch (type) {
    case "Drone ship":
    case "Ground pad": {
      const landingType = type === "Drone ship" ? "ASDS" : "RTLS";
      return { attempted: true, type: landingType, outcome: ok === null ? "unknown" : ok ? "landed" : "failed" };
    }
    case "Ocean":
      return { attempted: true, type: "Ocean", outcome: ok ? "ocean touchdown" : "unknown" };
    case "Parachute":
      return { attempted: true, type: "Ocean", outcome: ok ? "ocean touchdown" : "ocean failed" };
    case "No attempt":
    case "Other":
      return { attempted: false, type: null, outcome: "no attempt" };
    default:
      return null;
  }
}

export function parseMassimo(text: string, file = FILE_MASSIMO): Parsed {
  const [header, ...rows] = parseDelimited(text, SOURCE, file, ",");
  const col = headerIndex(header, MASSIMO_COLUMNS, SOURCE, file, "spacex_launches");
  const launches = rows.map((cells, i): SourceLaunch => {
    const line = i + 2;
    if (cells.length !== header!.length) throw new SourceShapeError(SOURCE, `${file}, line ${line}`, "(row)", `expected ${header!.length} fields, got ${cells.length}; the file's layout changed or it is cut short`);
    const get = (name: Column) => cells[col[name]]!.trim();
    const fail = (name: Column, detail: string) => new SourceShapeError(SOURCE, `${file}, line ${line} (flight ${get("FlightNumber")})`, name, `${detail}, got ${JSON.stringify(get(name).slice(0, 60))}`);
    const flight = get("FlightNumber");
    if (!/^\d+$/.test(flight)) throw fail("FlightNumber", "expected a whole number");
    const date = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(get("Date"));
    if (!date) throw fail("Date", 'expected "YYYY-MM-DD HH:MM:SS"');
    const booster = plainText(get("BoosterVersion"));
    const m = /(B\d{4})(?:-(\d+))?/.exec(booster);
    const landing = outcomeOf(get("LandingType"), get("LandingSuccess"));
    if (!landing) throw fail("LandingType", "unrecognised landing type / success pair (LandingSuccess " + JSON.stringify(get("LandingSuccess")) + ")");
    const mass = get("PayloadMass") === "" ? null : Number(get("PayloadMass"));
    if (mass !== null && !Number.isFinite(mass)) throw fail("PayloadMass", "expected a number of kg");
    const payload = plainText(get("Payload"));
    return {
      source: SOURCE,
      sourceId: flight,
      flightNumber: null,
      wikiFlight: flight,
      name: payload,
      dateUtc: new Date(Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!, +date[4]!, +date[5]!, +(date[6] ?? 0))).toISOString(),
      datePrecision: "hour",
      rocket: "Falcon 9",
      version: versionOf(booster, "Falcon 9"),
      site: siteCode(get("LaunchSite")),
      padLatitude: null,
      padLongitude: null,
      payloadName: payload || null,
      payloadMassKg: mass,
      orbit: orbitCode(plainText(get("Orbit"))),
      customer: plainText(get("Customer")) || null,
      missionOutcome: missionOutcome(get("LaunchOutcome")),
      cores: [
        {
          role: "single",
          serial: m?.[1] ?? null,
          block: /\bB5\b/.test(booster) ? 5 : /\bB4\b/.test(booster) ? 4 : null,
          flight: m?.[2] ? Number(m[2]) : null,
          gridfins: null,
          legs: null,
          reused: m?.[2] ? Number(m[2]) > 1 : null,
          landingAttempted: landing.attempted,
          landingType: landing.type,
          landingLocation: null,
          outcome: landing.outcome
        }
      ],
      spacexId: null,
      ll2Id: null
    };
  });
  return { launches, rows: rows.length, skipped: [] };
}
