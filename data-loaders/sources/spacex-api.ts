// r/SpaceX API v4: the authoritative landing record up to its freeze in October 2022.
import type { Http, HttpRequest, RawResponse } from "../http.ts";
import type { CatalogEntry } from "../snapshot-catalog.ts";
import { expectArray, RecordReader, SourceShapeError } from "../validate.ts";

const SOURCE = "spacex-api";
const BASE = "https://api.spacexdata.com/v4";
export const FALCON_9_ID = "5e9d0d95eda69973a809d1ec";
export const FALCON_HEAVY_ID = "5e9d0d95eda69974db09d1ed";

const everything = { query: {}, options: { pagination: false } };

/** Booster serial and block come only from a populated launch query: /v4/cores is not recorded. */
const falcon9CoresQuery = {
  query: { rocket: FALCON_9_ID, upcoming: false },
  options: {
    pagination: false,
    sort: { flight_number: "asc" },
    select: ["flight_number", "name", "date_utc", "success", "rocket", "payloads", "cores", "launchpad"],
    populate: [
      { path: "rocket", select: { name: 1 } },
      { path: "launchpad", select: { name: 1, region: 1, locality: 1, latitude: 1, longitude: 1 } },
      { path: "payloads", select: { name: 1, mass_kg: 1, orbit: 1, customers: 1, nationalities: 1 } },
      { path: "cores.core", select: { serial: 1, block: 1 } },
      { path: "cores.landpad", select: { name: 1 } }
    ]
  }
};

export const spacexRequests = {
  launches: { source: SOURCE, url: `${BASE}/launches` },
  rockets: { source: SOURCE, url: `${BASE}/rockets` },
  launchpads: { source: SOURCE, url: `${BASE}/launchpads` },
  payloads: { source: SOURCE, url: `${BASE}/payloads` },
  landpads: { source: SOURCE, url: `${BASE}/landpads/query`, method: "POST", body: everything },
  ships: { source: SOURCE, url: `${BASE}/ships/query`, method: "POST", body: everything },
  falcon9Cores: { source: SOURCE, url: `${BASE}/launches/query`, method: "POST", body: falcon9CoresQuery }
} satisfies Record<string, HttpRequest>;

export const spacexCatalog: CatalogEntry[] = [
  { request: spacexRequests.launches, file: "spacex-api-v4/launches.json" },
  { request: spacexRequests.rockets, file: "spacex-api-v4/rockets.json" },
  { request: spacexRequests.launchpads, file: "spacex-api-v4/launchpads.json" },
  { request: spacexRequests.payloads, file: "spacex-api-v4/payloads.json" },
  { request: spacexRequests.landpads, file: "spacex-api-v4/landpads_query_wrapped.json", envelope: "data-docs" },
  { request: spacexRequests.ships, file: "spacex-api-v4/ships_query_wrapped.json", envelope: "data-docs" },
  { request: spacexRequests.falcon9Cores, file: "spacex-api-v4/launches_query_falcon9_populated.json", envelope: "docs" }
];

export interface SpacexCore {
  coreId: string | null;
  /** This core's flight number, counting this one. */
  flight: number | null;
  gridfins: boolean | null;
  legs: boolean | null;
  reused: boolean | null;
  landingAttempt: boolean | null;
  landingSuccess: boolean | null;
  /** ASDS, RTLS or Ocean as the API spells them. */
  landingType: string | null;
  landpadId: string | null;
}

export interface SpacexLaunch {
  id: string;
  flightNumber: number;
  name: string;
  dateUtc: string;
  datePrecision: string;
  upcoming: boolean;
  success: boolean | null;
  rocketId: string;
  launchpadId: string | null;
  payloadIds: string[];
  cores: SpacexCore[];
  launchLibraryId: string | null;
  failureReasons: string[];
  /** Seconds from lift-off of each failure; negative before T-0 (a pre-flight loss). */
  failureTimes: (number | null)[];
}

export interface SpacexRocket {
  id: string;
  name: string;
}

export interface SpacexLaunchpad {
  id: string;
  name: string;
  fullName: string;
  locality: string;
  region: string;
  latitude: number;
  longitude: number;
}

export interface SpacexLandpad {
  id: string;
  name: string;
  fullName: string;
  type: string;
  latitude: number | null;
  longitude: number | null;
}

/** Drone ships and support ships; a launch's `ships` name the recovery fleet. */
export interface SpacexShip {
  id: string;
  name: string;
  legacyId: string | null;
  type: string | null;
  roles: string[];
  active: boolean;
  launchIds: string[];
}

export interface SpacexPayload {
  id: string;
  name: string;
  massKg: number | null;
  orbit: string | null;
  customers: string[];
}

export interface SpacexCoreIdentity {
  launchId: string;
  coreId: string;
  serial: string;
  block: number | null;
}

export interface SpacexData {
  launches: SpacexLaunch[];
  rockets: SpacexRocket[];
  launchpads: SpacexLaunchpad[];
  landpads: SpacexLandpad[];
  ships: SpacexShip[];
  payloads: SpacexPayload[];
  coreIdentities: SpacexCoreIdentity[];
  responses: RawResponse[];
}

const docsOf = async (http: Http, request: HttpRequest) => new RecordReader(SOURCE, request.url, (await http.json(request)).data).required("docs", "array");

/** The landing zones and drone ships' home ports alone, for the map (one request, not the seven of fetchSpacex). */
export async function fetchLandpads(http: Http): Promise<SpacexLandpad[]> {
  return (await docsOf(http, spacexRequests.landpads)).map(parseLandpad);
}

export async function fetchSpacex(http: Http): Promise<SpacexData> {
  const get = async (request: HttpRequest) => (await http.json(request)).data;
  const docs = (request: HttpRequest) => docsOf(http, request);
  const before = http.responses.length;
  const launches = await http.json(spacexRequests.launches);
  const data = {
    launches: parseLaunches(launches.data, launches.response.recording ?? launches.response.url),
    rockets: expectArray(SOURCE, "rockets", await get(spacexRequests.rockets)).map(parseRocket),
    launchpads: expectArray(SOURCE, "launchpads", await get(spacexRequests.launchpads)).map(parseLaunchpad),
    payloads: expectArray(SOURCE, "payloads", await get(spacexRequests.payloads)).map(parsePayload),
    landpads: (await docs(spacexRequests.landpads)).map(parseLandpad),
    ships: (await docs(spacexRequests.ships)).map(parseShip),
    coreIdentities: parseCoreIdentities(await docs(spacexRequests.falcon9Cores))
  };
  return { ...data, responses: http.responses.slice(before) };
}

/**
 * Every launch record. A flown launch whose date_utc is not a date ("TBD") is an error naming the
 * file, record and field: without a date it matches no other source's launch and its payload mass
 * and Launch Library id would vanish from the release (docs/data.md, "Records a source gets wrong").
 */
export function parseLaunches(body: unknown, file = "launches"): SpacexLaunch[] {
  return expectArray(SOURCE, file, body).map((item, i) => {
    const r = new RecordReader(SOURCE, `launches[${i}] in ${file}`, item);
    const id = r.required("id", "string");
    const launch = new RecordReader(SOURCE, `launch ${id} in ${file}`, item);
    const flightNumber = launch.required("flight_number", "number");
    const name = launch.required("name", "string");
    const dateUtc = launch.required("date_utc", "string");
    const upcoming = launch.required("upcoming", "boolean");
    if (!upcoming && !isIsoDate(dateUtc)) {
      throw new SourceShapeError(
        SOURCE,
        `launch ${id} "${name}" in ${file}`,
        "date_utc",
        `${JSON.stringify(dateUtc)} is not a date (ISO 8601 expected) on a flown launch; nothing was published. Restore the recording, or, if the API really sends this, read it in data-loaders/sources/spacex-api.ts`
      );
    }
    return {
      id,
      flightNumber,
      name,
      dateUtc,
      datePrecision: launch.required("date_precision", "string"),
      upcoming,
      success: launch.optional("success", "boolean"),
      rocketId: launch.required("rocket", "string"),
      launchpadId: launch.optional("launchpad", "string"),
      payloadIds: launch.required("payloads", "array").map(String),
      cores: launch.children("cores").map(parseCore),
      launchLibraryId: launch.optional("launch_library_id", "string"),
      failureReasons: launch.children("failures").map((f) => f.optional("reason", "string") ?? ""),
      failureTimes: launch.children("failures").map((f) => f.optional("time", "number"))
    };
  });
}

const isIsoDate = (text: string) => /^\d{4}-\d{2}-\d{2}(T|$)/.test(text) && !Number.isNaN(Date.parse(text));

function parseCore(core: RecordReader): SpacexCore {
  return {
    coreId: core.optional("core", "string"),
    flight: core.optional("flight", "number"),
    gridfins: core.optional("gridfins", "boolean"),
    legs: core.optional("legs", "boolean"),
    reused: core.optional("reused", "boolean"),
    landingAttempt: core.optional("landing_attempt", "boolean"),
    landingSuccess: core.optional("landing_success", "boolean"),
    landingType: core.optional("landing_type", "string"),
    landpadId: core.optional("landpad", "string")
  };
}

function parseRocket(item: unknown, i: number): SpacexRocket {
  const r = new RecordReader(SOURCE, `rockets[${i}]`, item);
  return { id: r.required("id", "string"), name: r.required("name", "string") };
}

function parseLaunchpad(item: unknown, i: number): SpacexLaunchpad {
  const r = new RecordReader(SOURCE, `launchpads[${i}]`, item);
  return {
    id: r.required("id", "string"),
    name: r.required("name", "string"),
    fullName: r.required("full_name", "string"),
    locality: r.required("locality", "string"),
    region: r.required("region", "string"),
    latitude: r.required("latitude", "number"),
    longitude: r.required("longitude", "number")
  };
}

function parseLandpad(item: unknown, i: number): SpacexLandpad {
  const r = new RecordReader(SOURCE, `landpads[${i}]`, item);
  return {
    id: r.required("id", "string"),
    name: r.required("name", "string"),
    fullName: r.required("full_name", "string"),
    type: r.required("type", "string"),
    latitude: r.optional("latitude", "number"),
    longitude: r.optional("longitude", "number")
  };
}

function parseShip(item: unknown, i: number): SpacexShip {
  const r = new RecordReader(SOURCE, `ships[${i}]`, item);
  return {
    id: r.required("id", "string"),
    name: r.required("name", "string"),
    legacyId: r.optional("legacy_id", "string"),
    type: r.optional("type", "string"),
    roles: r.required("roles", "array").map(String),
    active: r.required("active", "boolean"),
    launchIds: r.required("launches", "array").map(String)
  };
}

function parsePayload(item: unknown, i: number): SpacexPayload {
  const r = new RecordReader(SOURCE, `payloads[${i}]`, item);
  return {
    id: r.required("id", "string"),
    name: r.required("name", "string"),
    massKg: r.optional("mass_kg", "number"),
    orbit: r.optional("orbit", "string"),
    customers: r.required("customers", "array").map(String)
  };
}

function parseCoreIdentities(docs: unknown[]): SpacexCoreIdentity[] {
  return docs.flatMap((item, i) => {
    const launch = new RecordReader(SOURCE, `falcon9Cores[${i}]`, item);
    const launchId = launch.required("id", "string");
    return launch.children("cores").flatMap((core) => {
      const identity = core.optionalChild("core");
      if (!identity) return [];
      return [
        {
          launchId,
          coreId: identity.required("id", "string"),
          serial: identity.required("serial", "string"),
          block: identity.optional("block", "number")
        }
      ];
    });
  });
}
