// AnushPatel/booster-tracker's ChronologicalOrder.csv (PROVENANCE §9): a hand-curated list of
// SpaceX launches to 2024-04-06 with each landing's place, outcome and the drone ship's position.
// Falcon 1 and Starship rows are passed over (counted). A recorded third-party extract.
import type { Http, HttpRequest } from "../http.ts";
import type { Rocket, SourceCore, SourceLaunch } from "../normalize.ts";
import { landingPlace, orbitCode, parseLandingText, siteCode, typeOfPlace } from "../normalize.ts";
import type { Problems } from "../problems.ts";
import type { CatalogEntry } from "../snapshot-catalog.ts";
import { SourceShapeError } from "../validate.ts";
import { headerIndex, parseDelimited, plainText, readRecordedExtract } from "./recorded-extract.ts";
import { missionOutcome, type Parsed } from "./wikipedia-3df9.ts";

const SOURCE = "booster-tracker";
export const FILE_TRACKER = "booster-tracker/ChronologicalOrder.csv";

export const requestTracker: HttpRequest = {
  source: SOURCE,
  url: "https://raw.githubusercontent.com/AnushPatel/booster-tracker/a21594eaeacec02096fcf3b5690cbe63b2068a07/ChronologicalOrder.csv"
};

export const catalogTracker: CatalogEntry[] = [{ request: requestTracker, file: FILE_TRACKER, contentType: "text/csv" }];

export const TRACKER_COLUMNS = [
  "Date and time (UTC)",
  "Rocket, Booster Version",
  "Boosters",
  "Launch site",
  "Payload",
  "Payload mass",
  "Orbit",
  "Customer",
  "Launchoutcome",
  "Landing Location",
  "Booster landing / Ship landing",
  "Latitude",
  "Longitude"
] as const;
type Column = (typeof TRACKER_COLUMNS)[number];

export async function fetchTracker(http: Http, problems: Problems): Promise<Parsed> {
  const response = await readRecordedExtract(http, requestTracker, problems);
  if (!response) return { launches: [], rows: 0, skipped: [] };
  const parsed = parseTracker(response.body);
  for (const s of parsed.skipped) problems.count(SOURCE, s.reason, s.example);
  return parsed;
}

/** "m/d/yy H:MM" (a few rows write the year in full). */
function parseDate(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4}) (\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  return new Date(Date.UTC(year, +m[1]! - 1, +m[2]!, +m[4]!, +m[5]!)).toISOString();
}

const coordinate = (text: string): number | null => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : null);

export function parseTracker(text: string, file = FILE_TRACKER): Parsed {
  const [header, ...rows] = parseDelimited(text, SOURCE, file, ",");
  const col = headerIndex(header, TRACKER_COLUMNS, SOURCE, file, "ChronologicalOrder");
  const skipped: Parsed["skipped"] = [];
  const launches: SourceLaunch[] = [];
  rows.forEach((cells, i) => {
    const line = i + 2;
    if (cells.length !== header!.length) throw new SourceShapeError(SOURCE, `${file}, line ${line}`, "(row)", `expected ${header!.length} fields, got ${cells.length}; the file's layout changed or it is cut short`);
    const get = (name: Column) => cells[col[name]]!.trim();
    const fail = (name: Column, detail: string) => new SourceShapeError(SOURCE, `${file}, line ${line} (${get("Payload").slice(0, 30)})`, name, `${detail}, got ${JSON.stringify(get(name).slice(0, 60))}`);
    const vehicle = get("Rocket, Booster Version");
    if (!/^(F9|FH)\b/.test(vehicle)) {
      skipped.push({ reason: "row skipped: not a Falcon 9 or Falcon Heavy launch", example: `line ${line}: ${vehicle}` });
      return;
    }
    const dateUtc = parseDate(get("Date and time (UTC)"));
    if (!dateUtc) {
      if (/planned/i.test(get("Date and time (UTC)"))) {
        skipped.push({ reason: "row skipped: not flown (planned date only)", example: `line ${line}: ${get("Payload")}` });
        return;
      }
      throw fail("Date and time (UTC)", 'expected "m/d/yy H:MM"');
    }
    const rocket: Rocket = vehicle.startsWith("FH") ? "Falcon Heavy" : "Falcon 9";
    const boosters = get("Boosters").split(",").map((b) => b.trim());
    const places = get("Landing Location").split("/").map((p) => p.trim());
    const outcomes = get("Booster landing / Ship landing").split("/").map((p) => p.trim());
    const n = rocket === "Falcon Heavy" ? 3 : 1;
    if (boosters.length !== n) throw fail("Boosters", `expected ${n} booster${n > 1 ? "s joined with \", \"" : ""}`);
    if (places.length !== n) throw fail("Landing Location", `expected ${n} place${n > 1 ? "s joined with \" / \"" : ""}`);
    if (outcomes.length !== n) throw fail("Booster landing / Ship landing", `expected ${n} outcome${n > 1 ? "s joined with \" / \"" : ""}`);
    const latitude = coordinate(get("Latitude"));
    const longitude = coordinate(get("Longitude"));
    const cores: SourceCore[] = boosters.map((b, k) => {
      const m = /^(B\d{4})-(\d+)$/.exec(b);
      const landing = parseLandingText(outcomes[k]!);
      if (!landing) throw fail("Booster landing / Ship landing", "unrecognised landing outcome");
      const place = landingPlace(places[k]!);
      const type = landing.attempted ? (landing.type ?? typeOfPlace(place)) : null;
      const onShip = landing.attempted === true && type === "ASDS";
      return {
        role: rocket === "Falcon 9" ? "single" : k === 0 ? "center" : "side",
        serial: m?.[1] ?? null,
        block: /B5/.test(vehicle.split(",")[k] ?? vehicle) ? 5 : /B4/.test(vehicle.split(",")[k] ?? vehicle) ? 4 : null,
        flight: m ? Number(m[2]) : null,
        gridfins: null,
        legs: null,
        reused: m ? Number(m[2]) > 1 : null,
        landingAttempted: landing.attempted,
        landingType: type,
        landingLocation: landing.attempted ? (landing.location ?? place) : null,
        outcome: landing.outcome,
        afterLanding: landing.afterLanding,
        // The tracker's position is the drone ship's; a launch has one.
        landingLatitude: onShip ? latitude : null,
        landingLongitude: onShip ? longitude : null
      };
    });
    const payload = plainText(get("Payload"));
    const mass = /([\d,]+(?:\.\d+)?)\s*kg/.exec(plainText(get("Payload mass")));
    launches.push({
      source: SOURCE,
      sourceId: `line ${line}`,
      flightNumber: null,
      wikiFlight: null,
      name: payload,
      dateUtc,
      datePrecision: "hour",
      rocket,
      version: null,
      site: siteCode(get("Launch site")),
      padLatitude: null,
      padLongitude: null,
      payloadName: payload || null,
      payloadMassKg: mass ? Number(mass[1]!.replace(/,/g, "")) : null,
      orbit: orbitCode(get("Orbit")),
      customer: get("Customer") || null,
      missionOutcome: missionOutcome(get("Launchoutcome")),
      cores,
      spacexId: null,
      ll2Id: null
    });
  });
  return { launches, rows: rows.length, skipped };
}
