// Upcoming Florida launches from Launch Library 2, with the booster and landing plan LL2 publishes
// before launch. Two ways in:
// - live: LL2's upcoming endpoint in detailed mode, projected onto the shape below;
// - recorded: the space-coast-launches archive (drwd40/space-coast-launches), which polled that same
//   endpoint every five minutes from 2025-11 to 2026-08 and stored a simplified projection of each
//   launch. Its history is compiled into two files: each launch's final pre-launch state (features)
//   and its last-seen state (outcome, kept about a day after lift-off).
import type { Http, HttpRequest, RawResponse } from "../http.ts";
import { ReplayMissError } from "../http.ts";
import type { Rocket, SourceCore, SourceLaunch } from "../normalize.ts";
import { orbitCode, siteCode } from "../normalize.ts";
import { Problems } from "../problems.ts";
import type { CatalogEntry } from "../snapshot-catalog.ts";
import { RecordReader, isObject } from "../validate.ts";
import { coresFromStages, ll2Requests, parseLl2Launch } from "./launch-library-2.ts";

const SOURCE = "ll2-upcoming";
const ARCHIVE_COMMIT = "a4b0f0a73f7fb6e9a2285a5694104df2514bf9a5";
// The compiled history files exist only as recordings: they gather launch objects from every commit
// of one file. Their URL names that file at the newest commit, with the view as a query.
const archive = (view: string): HttpRequest => ({
  source: SOURCE,
  url: `https://raw.githubusercontent.com/drwd40/space-coast-launches/${ARCHIVE_COMMIT}/launches.json?history=${view}`
});

export const upcomingRequests = {
  finalPrelaunch: archive("final-prelaunch-states"),
  lastSeen: archive("last-seen-states"),
  live: ll2Requests.upcomingFlorida
} satisfies Record<string, HttpRequest>;

export const upcomingCatalog: CatalogEntry[] = [
  { request: upcomingRequests.finalPrelaunch, file: "launch-library-2/upcoming-florida/final-prelaunch-states.json" },
  { request: upcomingRequests.lastSeen, file: "launch-library-2/upcoming-florida/last-seen-states.json" }
];

export interface UpcomingBooster {
  /** Serial (B1067), or null while LL2 says "Unknown F9". */
  serial: string | null;
  role: "single" | "center" | "side";
  /** LL2 `launcher.flights` when the state was taken: prior flights before launch, this one counted after. */
  launcherFlights: number | null;
  landingAttempt: boolean | null;
  landingSuccess: boolean | null;
  /** ASDS, RTLS or EXP (expended). */
  landingType: string | null;
  landingLocation: string | null;
  /** Short name: ASOG, JRTI, LZ-40… */
  landingLocationAbbrev: string | null;
}

/** One launch as LL2 described it at one moment. */
export interface UpcomingState {
  ll2Id: string;
  name: string;
  net: string;
  status: string;
  vehicle: string;
  rocket: Rocket | null;
  pad: string | null;
  location: string | null;
  orbit: string | null;
  probability: number | null;
  boosters: UpcomingBooster[];
  takenAt: string;
}

export interface UpcomingLaunch {
  ll2Id: string;
  /** Final state before launch (features); null when LL2 was never seen before lift-off. */
  prelaunch: UpcomingState | null;
  /** Last state seen (the outcome, for flown launches). */
  lastSeen: UpcomingState;
  source: "archive" | "live";
}

export interface UpcomingData {
  launches: UpcomingLaunch[];
  responses: RawResponse[];
}

const FLOWN_STATUS = new Set(["Launch Successful", "Launch Failure", "Partial Failure", "Launch in Flight"]);
export const isFlown = (state: UpcomingState): boolean => FLOWN_STATUS.has(state.status);

export const ARCHIVE_NOT_LIVE = "recorded-only archive not used in a live build";

export async function fetchUpcoming(http: Http, problems: Problems): Promise<UpcomingData> {
  const before = http.responses.length;
  const byId = new Map<string, UpcomingLaunch>();
  if (http.mode === "replay") {
    // The archive answers only from recordings: its compiled files are not served anywhere. A
    // replay of a live build's own recordings does not hold it, which is said, not fatal.
    try {
      // Both files list the same launches: the artifacts are counted once, from the last-seen file.
      const prelaunch = parseArchive((await http.json(upcomingRequests.finalPrelaunch)).data, "final-prelaunch-states", new Problems());
      const lastSeen = parseArchive((await http.json(upcomingRequests.lastSeen)).data, "last-seen-states", problems);
      const pre = new Map(prelaunch.filter((s) => s.prelaunch).map((s) => [s.state.ll2Id, s.state]));
      for (const { state } of lastSeen) byId.set(state.ll2Id, { ll2Id: state.ll2Id, prelaunch: pre.get(state.ll2Id) ?? null, lastSeen: state, source: "archive" });
    } catch (error) {
      if (!(error instanceof ReplayMissError)) throw error;
      problems.count(SOURCE, "archive not among the recordings", upcomingRequests.lastSeen.url);
    }
  } else {
    problems.count(SOURCE, ARCHIVE_NOT_LIVE, upcomingRequests.lastSeen.url);
  }
  try {
    const { data, response } = await http.json(upcomingRequests.live);
    for (const state of parseLiveUpcoming(data, response.retrievedAt ?? "")) {
      const known = byId.get(state.ll2Id);
      byId.set(state.ll2Id, {
        ll2Id: state.ll2Id,
        prelaunch: isFlown(state) ? (known?.prelaunch ?? null) : state,
        lastSeen: state,
        source: "live"
      });
    }
  } catch (error) {
    if (!(error instanceof ReplayMissError)) throw error;
    problems.count(SOURCE, "optional page missing", upcomingRequests.live.url);
  }
  const launches = [...byId.values()].sort((a, b) => (a.lastSeen.net + a.ll2Id < b.lastSeen.net + b.ll2Id ? -1 : 1));
  return { launches, responses: http.responses.slice(before) };
}

/** The compiled history: `{records: [{launch, commit, snapshot_timestamp, state}]}`. */
export function parseArchive(body: unknown, file: string, problems: Problems): { state: UpcomingState; prelaunch: boolean }[] {
  const records = new RecordReader(SOURCE, file, body).children("records");
  const out: { state: UpcomingState; prelaunch: boolean }[] = [];
  for (const record of records) {
    const takenAt = record.required("snapshot_timestamp", "string");
    const launch = record.required("launch", "object");
    const state = isObject(launch.status) ? fromRawLl2(launch, takenAt) : fromProjection(record.child("launch"), takenAt);
    // One mis-queried commit listed the ten oldest Cape Canaveral launches (Vanguard, Juno-I).
    if (state.net < "1960") {
      problems.count(SOURCE, "1957-58 artifact dropped", `${file}: ${state.name}`);
      continue;
    }
    out.push({ state, prelaunch: record.required("state", "string") === "last_prelaunch" });
  }
  return out;
}

/** The archive's simplified projection of one launch. */
function fromProjection(r: RecordReader, takenAt: string): UpcomingState {
  const vehicle = r.required("vehicle", "string");
  const rocket = rocketOf(vehicle);
  const boosters = r.optional("boosters", "array") ? r.children("boosters") : [];
  return {
    ll2Id: r.required("id", "string"),
    name: r.required("name", "string"),
    net: new Date(r.required("net", "string")).toISOString(),
    status: r.required("status", "string"),
    vehicle,
    rocket,
    pad: r.optional("pad", "string"),
    location: r.optional("location", "string"),
    orbit: orbitCode(r.optional("orbit_abbrev", "string") ?? r.optional("orbit", "string")),
    probability: r.optional("probability", "number"),
    boosters: boosters.map((b) => {
      const core = b.optional("core", "string");
      const description = b.optional("description", "string") ?? "";
      return {
        serial: core && /^B\d{4}/.test(core) ? core.slice(0, 5) : null,
        role: rocket === "Falcon Heavy" ? (/center core/i.test(description) ? "center" : "side") : "single",
        launcherFlights: b.optional("flight", "number"),
        landingAttempt: b.optional("landing_attempt", "boolean"),
        landingSuccess: b.optional("landing_success", "boolean"),
        landingType: b.optional("landing_type", "string"),
        landingLocation: b.optional("landing_location", "string"),
        landingLocationAbbrev: b.optional("droneship", "string")
      };
    }),
    takenAt: new Date(takenAt).toISOString()
  };
}

/** A raw LL2 launch object (the live endpoint, and the archive's first commit). */
function fromRawLl2(item: unknown, takenAt: string): UpcomingState {
  const l = parseLl2Launch(item, "upcoming");
  const rocket = rocketOf(l.rocket);
  return {
    ll2Id: l.id,
    name: l.name,
    net: new Date(l.net).toISOString(),
    status: l.statusName,
    vehicle: [l.rocket, l.variant].filter(Boolean).join(" "),
    rocket,
    pad: l.padName,
    location: l.location,
    orbit: orbitCode(l.orbit),
    probability: l.probability,
    boosters: (l.stages ?? []).map((s) => ({
      serial: s.serial && /^B\d{4}/.test(s.serial) ? s.serial.slice(0, 5) : null,
      role: rocket === "Falcon Heavy" ? (/core|center/i.test(s.type ?? "") ? "center" : "side") : "single",
      launcherFlights: s.launcherFlights,
      landingAttempt: s.landingAttempt,
      landingSuccess: s.landingSuccess,
      landingType: s.landingType,
      landingLocation: s.landingLocation,
      landingLocationAbbrev: s.landingLocationAbbrev
    })),
    takenAt: takenAt ? new Date(takenAt).toISOString() : new Date(0).toISOString()
  };
}

export function parseLiveUpcoming(body: unknown, retrievedAt: string): UpcomingState[] {
  return new RecordReader(SOURCE, upcomingRequests.live.url, body).required("results", "array").map((item) => fromRawLl2(item, retrievedAt));
}

function rocketOf(vehicle: string): Rocket | null {
  if (/falcon heavy/i.test(vehicle)) return "Falcon Heavy";
  if (/falcon 9/i.test(vehicle)) return "Falcon 9";
  return null;
}

/** This flight's number for a booster: prior flights before launch plus one, or the count after it. */
export function coreFlight(launch: UpcomingLaunch, index: number): number | null {
  const before = launch.prelaunch?.boosters[index];
  if (before?.launcherFlights !== null && before?.launcherFlights !== undefined && before.serial === launch.lastSeen.boosters[index]?.serial) {
    return before.launcherFlights + 1;
  }
  const after = launch.lastSeen.boosters[index];
  if (after?.launcherFlights === null || after?.launcherFlights === undefined) return null;
  return isFlown(launch.lastSeen) ? after.launcherFlights : after.launcherFlights + 1;
}

/** Flown Falcon launches of the archive, in the shared vocabulary (outcome from the last-seen state). */
export function launchesFromUpcoming(data: UpcomingData): SourceLaunch[] {
  return data.launches
    .filter((l) => l.lastSeen.rocket !== null && isFlown(l.lastSeen))
    .map((l) => {
      const s = l.lastSeen;
      const rocket = s.rocket!;
      const stages = s.boosters.map((b) => ({
        type: b.role === "center" ? "Core" : "Booster",
        serial: b.serial,
        launcherFlights: null,
        flightNumber: null,
        reused: null,
        landingAttempt: b.landingAttempt,
        landingSuccess: b.landingSuccess,
        landingType: b.landingType,
        landingLocation: b.landingLocation,
        landingLocationAbbrev: b.landingLocationAbbrev,
        landingDescription: null
      }));
      const cores: SourceCore[] = coresFromStages(rocket, stages, true).map((c) => {
        const index = s.boosters.findIndex((b) => b.serial === c.serial && b.role === c.role);
        const flight = index >= 0 ? coreFlight(l, index) : null;
        return { ...c, flight, reused: flight === null ? null : flight > 1, block: /block 5/i.test(s.vehicle) || rocket === "Falcon Heavy" ? 5 : null };
      });
      return {
        source: SOURCE,
        sourceId: l.ll2Id,
        flightNumber: null,
        wikiFlight: null,
        name: s.name.replace(/^Falcon (9 Block 5|Heavy) \| /, ""),
        dateUtc: s.net,
        datePrecision: "hour",
        rocket,
        version: rocket === "Falcon 9" ? (/block 5/i.test(s.vehicle) ? "F9 B5" : null) : "FH B5",
        site: siteCode(s.pad),
        padLatitude: null,
        padLongitude: null,
        payloadName: s.name.replace(/^Falcon (9 Block 5|Heavy) \| /, ""),
        payloadMassKg: null,
        orbit: s.orbit,
        customer: null,
        missionOutcome: s.status === "Launch Successful" ? "Success" : s.status === "Launch Failure" ? "Failure" : s.status === "Partial Failure" ? "Partial Failure" : null,
        cores: cores.length ? cores : null,
        spacexId: null,
        ll2Id: l.ll2Id,
        // The last state before lift-off: its forecast is the one for the attempt that flew.
        weatherForecast: l.prelaunch?.probability != null && l.prelaunch.probability >= 0 ? { probabilityPct: l.prelaunch.probability, concerns: null } : null
      } satisfies SourceLaunch;
    });
}
