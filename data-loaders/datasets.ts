// The published tables: how each is declared and built from the sources.
import type { Http } from "./http.ts";
import { launchesFromSpacex, type Launch } from "./normalize.ts";
import { fetchSpacex } from "./sources/spacex-api.ts";
import { byKeys, column, toParquet, type TableSpec } from "./tables.ts";

const SPACEX = "SpaceX API v4";

export const launchesTable: TableSpec<Launch> = {
  name: "launches",
  description: "Falcon 9 and Falcon Heavy launches that have flown.",
  grain: "launch",
  order: byKeys((l) => l.dateUtc, (l) => l.launchId),
  columns: [
    column("launch_id", "STRING", (l) => l.launchId, "Stable id: source prefix and that source's id.", SPACEX),
    column("flight_number", "INT32", (l) => l.flightNumber, "SpaceX's own flight counter across Falcon launches.", SPACEX),
    column("name", "STRING", (l) => l.name, "Mission name.", SPACEX),
    column("date_utc", "TIMESTAMP", (l) => l.dateUtc, "Lift-off time, UTC.", SPACEX),
    column("rocket", "STRING", (l) => l.rocket, "Falcon 9 or Falcon Heavy.", SPACEX),
    column("pad", "STRING", (l) => l.padName, "Launch pad short name, e.g. CCSFS SLC 40.", SPACEX),
    column("site_locality", "STRING", (l) => l.siteLocality, "Place of the pad, e.g. Cape Canaveral.", SPACEX),
    column("pad_latitude", "DOUBLE", (l) => l.padLatitude, "Pad latitude, degrees north.", SPACEX),
    column("pad_longitude", "DOUBLE", (l) => l.padLongitude, "Pad longitude, degrees east.", SPACEX),
    column("payload_mass_kg", "DOUBLE", (l) => l.payloadMassKg, "Sum of payload masses; null when no payload has a mass.", SPACEX),
    column("orbit", "STRING", (l) => l.orbit, "Target orbit of the first payload.", SPACEX),
    column("customer", "STRING", (l) => l.customer, "First customer of the first payload.", SPACEX),
    column("mission_success", "BOOLEAN", (l) => l.missionSuccess, "Did the mission reach its goal.", SPACEX),
    column("core_count", "INT32", (l) => l.coreCount, "First-stage cores flown: 1, or 3 for Falcon Heavy.", SPACEX),
    column("landing_attempts", "INT32", (l) => l.landingAttempts, "Cores that attempted a landing.", SPACEX),
    column("landing_successes", "INT32", (l) => l.landingSuccesses, "Cores that landed.", SPACEX),
    column("spacex_id", "STRING", (l) => l.spacexId, "SpaceX API v4 launch id.", SPACEX),
    column("ll2_id", "STRING", (l) => l.ll2Id, "Launch Library 2 launch id, as given by SpaceX API.", SPACEX)
  ]
};

export async function buildLaunches(http: Http): Promise<Uint8Array> {
  return toParquet(launchesTable, launchesFromSpacex(await fetchSpacex(http)));
}
