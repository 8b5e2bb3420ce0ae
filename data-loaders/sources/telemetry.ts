// Ascent telemetry read off SpaceX webcasts by shahar603/Telemetry-Data: per mission, a 1 Hz series
// (analysed.json) and event times (events.json), plus the repository's index (Laucnhes.json, sic).
// The repository is frozen (its data moved to a database), so we read it at one pinned commit.
import type { Http, HttpRequest } from "../http.ts";
import type { CatalogEntry } from "../snapshot-catalog.ts";
import { RecordReader, SourceShapeError } from "../validate.ts";

export const TELEMETRY_SOURCE = "telemetry";
export const TELEMETRY_COMMIT = "b245d3b81aa36b7941ec10f3f4b508999d106a6d";
const BASE = `https://raw.githubusercontent.com/shahar603/Telemetry-Data/${TELEMETRY_COMMIT}`;
const SNAPSHOT_DIR = "telemetry/shahar603-Telemetry-Data";

/**
 * Every mission folder at the pinned commit. The index lists the first 35 with their r/SpaceX flight
 * numbers; the other 11 are not indexed and are matched to a launch by its SpaceX API name.
 */
export const TELEMETRY_MISSIONS: { folder: string; launchName?: string }[] = [
  ...[
    "ABS-2A", "Bangabandhu-1", "BulgariaSat-1", "EchoStar 23", "Falcon Heavy Demo 1", "FormoSat-5", "GovSat-1",
    "Hispasat 30W-6", "Inmarsat-5 F4", "Intelsat 35e", "Iridium NEXT 1", "Iridium NEXT 3", "Iridium NEXT 4",
    "Iridium NEXT 5", "JCSAT-16", "JCSAT-2B", "Jason-3", "KoreaSat 5A", "NROL-76", "Orbcomm OG2", "Paz", "SES-10",
    "SES-11", "SES-9", "SpaceX CRS-10", "SpaceX CRS-11", "SpaceX CRS-12", "SpaceX CRS-13", "SpaceX CRS-14",
    "SpaceX CRS-8", "SpaceX CRS-9", "TESS", "Thaicom 8", "X-37B OTV-5", "ZUMA"
  ].map((folder) => ({ folder })),
  { folder: "Iridium NEXT 6", launchName: "Iridium NEXT Mission 6" },
  { folder: "SES-12", launchName: "SES-12" },
  { folder: "TelStar v19", launchName: "Telstar 19V" },
  { folder: "Iridium NEXT 7", launchName: "Iridium NEXT Mission 7" },
  { folder: "SAOCOM 1A", launchName: "SAOCOM 1A" },
  { folder: "Eshail 2", launchName: "Es’hail 2" },
  { folder: "SSO-A", launchName: "SSO-A" },
  { folder: "SpaceX CRS-16", launchName: "CRS-16" },
  { folder: "GPS III SV01", launchName: "GPS III SV01" },
  { folder: "Iridium NEXT 8", launchName: "Iridium NEXT Mission 8" },
  { folder: "DM-1", launchName: "CCtCap Demo Mission 1" }
];

const fileUrl = (path: string) => `${BASE}/${path.split("/").map(encodeURIComponent).join("/")}`;

export const telemetryRequests = {
  index: { source: TELEMETRY_SOURCE, url: fileUrl("Laucnhes.json") } as HttpRequest,
  file: (folder: string, file: "analysed" | "events" | "stages"): HttpRequest => ({
    source: TELEMETRY_SOURCE,
    url: fileUrl(`${folder}/JSON/${file}.json`)
  })
};

/** The snapshot replaced spaces with "_" in folder names; each file answers its original URL. */
export const telemetryCatalog: CatalogEntry[] = [
  { request: telemetryRequests.index, file: `${SNAPSHOT_DIR}/Laucnhes.json` },
  ...TELEMETRY_MISSIONS.flatMap(({ folder }) =>
    (["analysed", "events", "stages"] as const).map((file) => ({
      request: telemetryRequests.file(folder, file),
      file: `${SNAPSHOT_DIR}/${folder.replaceAll(" ", "_")}/${file}.json`
    }))
  )
];

export interface TelemetryIndexEntry {
  missionName: string;
  flightNumber: number;
  /** The stage the webcast's numbers followed after separation: 1 (booster) or 2 (upper stage). */
  analysedStage: 1 | 2;
}

/** Seconds after lift-off; null when the webcast did not show the event. */
export interface TelemetryEvents {
  maxq: number | null;
  meco: number | null;
  boostbackStart: number | null;
  entryStart: number | null;
  landingStart: number | null;
}

export interface TelemetrySeries {
  timeS: number[];
  /** m/s: the webcast's km/h, converted by the author. */
  velocityMs: number[];
  altitudeKm: number[];
  /** m/s, vertical component; kept to check the units of the others. */
  velocityYMs: number[];
}

export interface TelemetryMission {
  folder: string;
  events: TelemetryEvents;
  series: TelemetrySeries;
}

export async function fetchTelemetryIndex(http: Http): Promise<TelemetryIndexEntry[]> {
  const { data } = await http.json(telemetryRequests.index);
  return parseTelemetryIndex(data);
}

export async function fetchTelemetryMission(http: Http, folder: string): Promise<TelemetryMission> {
  const analysed = telemetryRequests.file(folder, "analysed");
  const events = telemetryRequests.file(folder, "events");
  return {
    folder,
    series: parseAnalysed((await http.json(analysed)).data, `${folder}/JSON/analysed.json`),
    events: parseEvents((await http.json(events)).data, `${folder}/JSON/events.json`)
  };
}

export function parseTelemetryIndex(body: unknown): TelemetryIndexEntry[] {
  if (!Array.isArray(body)) throw new SourceShapeError(TELEMETRY_SOURCE, "Laucnhes.json", "(body)", "expected an array of missions");
  return body.map((item, i) => {
    const r = new RecordReader(TELEMETRY_SOURCE, `Laucnhes.json[${i}]`, item);
    const stage = r.required("analysed_stage", "number");
    if (stage !== 1 && stage !== 2) throw new SourceShapeError(TELEMETRY_SOURCE, `Laucnhes.json[${i}]`, "analysed_stage", `expected 1 or 2, got ${stage}`);
    return { missionName: r.required("mission_name", "string"), flightNumber: r.required("flight_number", "number"), analysedStage: stage };
  });
}

export function parseEvents(body: unknown, record: string): TelemetryEvents {
  const r = new RecordReader(TELEMETRY_SOURCE, record, body);
  return {
    maxq: r.optional("maxq", "number"),
    meco: r.optional("meco", "number"),
    boostbackStart: r.optional("boostback_start", "number"),
    entryStart: r.optional("entry_start", "number"),
    landingStart: r.optional("landing_start", "number")
  };
}

/** analysed.json: parallel arrays, one value per second; every value must be a finite number. */
export function parseAnalysed(body: unknown, record: string): TelemetrySeries {
  const r = new RecordReader(TELEMETRY_SOURCE, record, body);
  const numbers = (field: string): number[] => {
    const values = r.required(field, "array");
    values.forEach((v, i) => {
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new SourceShapeError(TELEMETRY_SOURCE, record, `${field}[${i}]`, `expected a number, got ${JSON.stringify(v)}`);
      }
    });
    return values as number[];
  };
  const series = { timeS: numbers("time"), velocityMs: numbers("velocity"), altitudeKm: numbers("altitude"), velocityYMs: numbers("velocity_y") };
  for (const [field, values] of Object.entries(series)) {
    if (values.length !== series.timeS.length) {
      throw new SourceShapeError(TELEMETRY_SOURCE, record, field, `has ${values.length} values for ${series.timeS.length} times`);
    }
  }
  for (let i = 1; i < series.timeS.length; i++) {
    if (!(series.timeS[i]! > series.timeS[i - 1]!)) throw new SourceShapeError(TELEMETRY_SOURCE, record, `time[${i}]`, "times do not increase");
  }
  return series;
}
