// Launch Library 2 (The Space Devs), API 2.2.0: the only live source after the SpaceX API froze in
// 2022. The free tier allows few requests an hour, so every page is recorded and a build never asks
// twice (Http reuses recordings younger than F9_MAX_AGE_HOURS). Live builds ask `mode=detailed`,
// whose `rocket.launcher_stage[]` carries boosters and landings; the recorded dump is list mode.
import type { Http, HttpRequest, RawResponse } from "../http.ts";
import { ReplayMissError } from "../http.ts";
import type { LandingOutcome, LandingType, Rocket, SourceCore, SourceLaunch } from "../normalize.ts";
import { orbitCode, siteCode } from "../normalize.ts";
import type { Problems } from "../problems.ts";
import type { CatalogEntry } from "../snapshot-catalog.ts";
import { RecordReader, SourceShapeError } from "../validate.ts";

const SOURCE = "ll2";
const BASE = "https://ll.thespacedevs.com/2.2.0";
/** A list never has this many pages; more means `next` is going round in circles. */
const MAX_PAGES = 40;

export const ll2Requests = {
  /** The recorded list-mode dump (several pages concatenated by its copier). */
  launchesList: { source: SOURCE, url: `${BASE}/launch/?format=json&limit=100&search=SpaceX` },
  /** What a live build asks: every SpaceX launch with boosters and landings. */
  launchesDetailed: { source: SOURCE, url: `${BASE}/launch/?format=json&limit=100&mode=detailed&ordering=net&search=SpaceX` },
  launchers: { source: SOURCE, url: `${BASE}/launcher/?format=json&limit=100` },
  /** The next Florida launches, with boosters and landing plans (what the space-coast archive recorded). */
  upcomingFlorida: { source: SOURCE, url: `${BASE}/launch/upcoming/?location__ids=12,27&limit=10&mode=detailed&ordering=net` }
} satisfies Record<string, HttpRequest>;

export const ll2Catalog: CatalogEntry[] = [
  { request: ll2Requests.launchesList, file: "launch-library-2/ll2-2.2.0_launch_search-SpaceX_concatenated-pages.json", envelope: "all-pages" },
  { request: ll2Requests.launchers, file: "launch-library-2/ll2-2.2.0_launcher_list.json" }
];

/** One launcher (first-stage booster) from the launcher list. */
export interface Ll2Launcher {
  id: number;
  serial: string;
  config: string;
  flights: number | null;
  firstLaunchDate: string | null;
  lastLaunchDate: string | null;
  status: string | null;
}

/** A launch in LL2's own terms, list or detailed mode. */
export interface Ll2Launch {
  id: string;
  name: string;
  net: string;
  status: string;
  statusName: string;
  rocket: string;
  variant: string | null;
  missionName: string | null;
  orbit: string | null;
  padName: string | null;
  location: string | null;
  padLatitude: number | null;
  padLongitude: number | null;
  /** Percent chance of favourable weather; LL2 writes -1 (read as null) where none was published. */
  probability: number | null;
  weatherConcerns: string | null;
  /** Detailed mode only; null in list mode. */
  stages: Ll2Stage[] | null;
}

export interface Ll2Stage {
  type: string | null;
  serial: string | null;
  /** The launcher's flight count when the record was taken (LL2 `launcher.flights`). */
  launcherFlights: number | null;
  /** This flight's number for the booster (detailed `launcher_flight_number`). */
  flightNumber: number | null;
  reused: boolean | null;
  landingAttempt: boolean | null;
  landingSuccess: boolean | null;
  landingType: string | null;
  landingLocation: string | null;
  landingLocationAbbrev: string | null;
  landingDescription: string | null;
}

export interface Ll2Data {
  mode: "detailed" | "list";
  launches: Ll2Launch[];
  launchers: Ll2Launcher[];
  responses: RawResponse[];
}

export async function fetchLl2(http: Http, problems: Problems, log: (line: string) => void = () => {}): Promise<Ll2Data> {
  const before = http.responses.length;
  let mode: Ll2Data["mode"] = "detailed";
  let items: PagedRecord[];
  try {
    items = await fetchPages(http, ll2Requests.launchesDetailed, problems, log, false);
  } catch (error) {
    // Only replay can miss the detailed dump: no public recording of it exists. Say so and use list mode.
    if (!(error instanceof ReplayMissError)) throw error;
    problems.count(SOURCE, "detailed mode not recorded: list mode used, no boosters or landings", ll2Requests.launchesDetailed.url);
    mode = "list";
    items = await fetchPages(http, ll2Requests.launchesList, problems, log, false);
  }
  const launches = dedupe(items.map(({ item, file }, i) => parseLl2Launch(item, `results[${i}]`, file)), problems);
  const launcherItems = await fetchPages(http, ll2Requests.launchers, problems, log, true);
  const launchers = launcherItems.map(({ item }, i) => parseLauncher(item, i));
  return { mode, launches, launchers, responses: http.responses.slice(before) };
}

/**
 * Every page of a list, following `next`. A later page missing from the recordings is fatal unless
 * `optionalPages`, in which case it is counted as a gap.
 */
/** A record of a paged list, with the recording (or, live and unrecorded, the URL) of its page, for errors. */
interface PagedRecord {
  item: unknown;
  file: string;
}

async function fetchPages(http: Http, first: HttpRequest, problems: Problems, log: (line: string) => void, optionalPages: boolean): Promise<PagedRecord[]> {
  const results: PagedRecord[] = [];
  const seen = new Set<string>();
  let request: HttpRequest | null = first;
  let expected: number | null = null;
  for (let page = 1; request; page++) {
    if (page > MAX_PAGES || seen.has(request.url)) {
      throw new SourceShapeError(SOURCE, request.url, "next", `paging did not end after ${page - 1} pages (a "next" link repeats); the API's paging changed`);
    }
    seen.add(request.url);
    let body: unknown;
    let file: string;
    try {
      const { data, response } = await http.json(request);
      body = data;
      file = response.recording ?? response.url;
    } catch (error) {
      if (page > 1 && optionalPages && error instanceof ReplayMissError) {
        problems.count(SOURCE, "optional page missing", request.url);
        break;
      }
      throw error;
    }
    const envelope: RecordReader = new RecordReader(SOURCE, request.url, body);
    const pageResults = envelope.required("results", "array");
    expected ??= envelope.optional("count", "number");
    results.push(...pageResults.map((item) => ({ item, file })));
    log(`  ${SOURCE}: page ${page}, ${pageResults.length} records (${results.length} so far)`);
    const next: string | null = envelope.optional("next", "string");
    request = next ? { source: SOURCE, url: next } : null;
  }
  if (expected !== null && expected !== results.length) {
    problems.count(SOURCE, "envelope count differs from records received", `${first.url}: count ${expected}, received ${results.length}`);
  }
  return results;
}

/** LL2's pages overlap when the list changes while it is paged: keep the first copy of each id. */
function dedupe(launches: Ll2Launch[], problems: Problems): Ll2Launch[] {
  const byId = new Map<string, Ll2Launch>();
  for (const launch of launches) {
    if (byId.has(launch.id)) problems.count(SOURCE, "duplicate launch dropped", launch.id);
    else byId.set(launch.id, launch);
  }
  return [...byId.values()];
}

/** One launch; `file` (the page's recording or URL) is named in errors. A `net` that is not a date is an error: the launch would match nothing. */
export function parseLl2Launch(item: unknown, where: string, file?: string): Ll2Launch {
  const id = new RecordReader(SOURCE, file ? `${where} in ${file}` : where, item).required("id", "string");
  const r = new RecordReader(SOURCE, file ? `launch ${id} in ${file}` : `launch ${id}`, item);
  const net = r.required("net", "string");
  if (!/^\d{4}-\d{2}-\d{2}/.test(net) || Number.isNaN(Date.parse(net))) {
    throw new SourceShapeError(SOURCE, `${r.record} "${r.optional("name", "string") ?? "?"}"`, "net", `${JSON.stringify(net)} is not a date (ISO 8601 expected); nothing was published. Restore the recording, or, if the API really sends this, read it in data-loaders/sources/launch-library-2.ts`);
  }
  const status = r.child("status");
  const rocket = r.child("rocket");
  const config = rocket.child("configuration");
  const mission = r.optionalChild("mission");
  const pad = r.optionalChild("pad");
  const stages = rocket.optional("launcher_stage", "array");
  return {
    id,
    name: r.required("name", "string"),
    net,
    status: status.required("abbrev", "string"),
    statusName: status.required("name", "string"),
    rocket: config.required("name", "string"),
    variant: config.optional("variant", "string"),
    missionName: mission?.optional("name", "string") ?? null,
    orbit: mission?.optionalChild("orbit")?.optional("abbrev", "string") ?? null,
    padName: pad?.optional("name", "string") ?? null,
    location: pad?.optionalChild("location")?.optional("name", "string") ?? null,
    padLatitude: coordinate(pad, "latitude"),
    padLongitude: coordinate(pad, "longitude"),
    probability: probabilityOf(r.optional("probability", "number")),
    weatherConcerns: r.optional("weather_concerns", "string")?.replace(/\s+/g, " ").trim() || null,
    stages: stages ? rocket.children("launcher_stage").map(parseStage) : null
  };
}

function probabilityOf(value: number | null): number | null {
  return value === null || value < 0 ? null : value;
}

/** LL2 sends pad coordinates as strings ("28.56194122"). */
function coordinate(pad: RecordReader | null, field: string): number | null {
  const v = pad?.optional(field, "string") ?? null;
  if (v === null) return null;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new SourceShapeError(SOURCE, pad!.record, field, `expected a number in a string, got ${JSON.stringify(v)}`);
  return n;
}

function parseStage(stage: RecordReader): Ll2Stage {
  const launcher = stage.optionalChild("launcher");
  const landing = stage.optionalChild("landing");
  const location = landing?.optionalChild("location") ?? null;
  return {
    type: stage.optional("type", "string"),
    serial: launcher?.optional("serial_number", "string") ?? null,
    launcherFlights: launcher?.optional("flights", "number") ?? null,
    flightNumber: stage.optional("launcher_flight_number", "number"),
    reused: stage.optional("reused", "boolean"),
    landingAttempt: landing?.optional("attempt", "boolean") ?? null,
    landingSuccess: landing?.optional("success", "boolean") ?? null,
    landingType: landing?.optionalChild("type")?.optional("abbrev", "string") ?? null,
    landingLocation: location?.optional("name", "string") ?? null,
    landingLocationAbbrev: location?.optional("abbrev", "string") ?? null,
    landingDescription: landing?.optional("description", "string") ?? null
  };
}

function parseLauncher(item: unknown, i: number): Ll2Launcher {
  const r = new RecordReader(SOURCE, `launchers[${i}]`, item);
  const config = r.optionalChild("launcher_config");
  return {
    id: r.required("id", "number"),
    serial: r.required("serial_number", "string"),
    config: config?.optional("name", "string") ?? "",
    flights: r.optional("flights", "number"),
    firstLaunchDate: r.optional("first_launch_date", "string"),
    lastLaunchDate: r.optional("last_launch_date", "string"),
    status: r.optional("status", "string")
  };
}

const FLOWN = new Set(["Success", "Failure", "Partial Failure"]);

/** Flown Falcon 9 and Falcon Heavy launches in the shared vocabulary. */
export function launchesFromLl2(data: Ll2Data): SourceLaunch[] {
  return data.launches
    .filter((l) => (l.rocket === "Falcon 9" || l.rocket === "Falcon Heavy") && FLOWN.has(l.status))
    .map((l) => {
      const rocket = l.rocket as Rocket;
      return {
        source: "ll2",
        sourceId: l.id,
        flightNumber: null,
        wikiFlight: null,
        name: l.missionName ?? l.name,
        dateUtc: new Date(l.net).toISOString(),
        datePrecision: "hour",
        rocket,
        version: versionOf(rocket, l.variant),
        site: siteCode(l.padName),
        padLatitude: l.padLatitude,
        padLongitude: l.padLongitude,
        payloadName: l.missionName,
        payloadMassKg: null,
        orbit: orbitCode(l.orbit),
        customer: null,
        missionOutcome: l.status,
        cores: l.stages ? coresFromStages(rocket, l.stages, true) : null,
        spacexId: null,
        ll2Id: l.id,
        weatherForecast: l.probability === null ? null : { probabilityPct: l.probability, concerns: l.weatherConcerns === "None" ? null : l.weatherConcerns }
      } satisfies SourceLaunch;
    });
}

function versionOf(rocket: Rocket, variant: string | null): string | null {
  const m = variant ? /(v1\.0|v1\.1|FT|Block\s*([45]))/i.exec(variant) : null;
  if (!m) return null;
  const v = m[2] ? `B${m[2]}` : m[1]!;
  return rocket === "Falcon 9" ? `F9 ${v}` : `FH ${v}`;
}

/** LL2 landing fields in the shared vocabulary. `flown`: the launch has happened, so counts include it. */
export function coresFromStages(rocket: Rocket, stages: Ll2Stage[], flown: boolean): SourceCore[] {
  const cores = stages.map((s): SourceCore => {
    const type = landingTypeOf(s.landingType);
    const serial = s.serial && /^B\d{4}/.test(s.serial) ? s.serial.slice(0, 5) : null;
    const flight = s.flightNumber ?? (s.launcherFlights !== null ? (flown ? s.launcherFlights : s.launcherFlights + 1) : null);
    return {
      role: rocket === "Falcon 9" ? "single" : /core|center/i.test(s.type ?? "") ? "center" : "side",
      serial,
      block: null,
      flight,
      gridfins: null,
      legs: null,
      reused: s.reused ?? (flight !== null ? flight > 1 : null),
      landingAttempted: s.landingAttempt,
      landingType: s.landingAttempt ? (type === "expended" ? null : type) : null,
      landingLocation: s.landingAttempt ? s.landingLocationAbbrev : null,
      outcome: outcomeOf(s.landingAttempt, s.landingSuccess, type, flown)
    };
  });
  return cores.sort((a, b) => (a.role === b.role ? 0 : a.role === "center" ? -1 : 1));
}

function landingTypeOf(abbrev: string | null): LandingType | "expended" | null {
  if (!abbrev) return null;
  const a = abbrev.toUpperCase();
  if (a === "ASDS") return "ASDS";
  if (a === "RTLS") return "RTLS";
  if (a === "OCEAN") return "Ocean";
  if (a === "EXP" || a === "EXPENDED") return "expended";
  return null;
}

function outcomeOf(attempt: boolean | null, success: boolean | null, type: LandingType | "expended" | null, flown: boolean): LandingOutcome {
  if (type === "expended") return "expended";
  if (attempt === false) return "no attempt";
  if (!flown || attempt === null || success === null) return "unknown";
  if (type === "Ocean") return success ? "ocean touchdown" : "ocean failed";
  return success ? "landed" : "failed";
}
