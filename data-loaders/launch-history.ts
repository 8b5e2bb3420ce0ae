// The launch list every table joins on. Weather and telemetry builders call `loadLaunches` to get
// launch_id, time and pad position without knowing which sources produced them.
import type { Http } from "./http.ts";
import { launchesFromSpacex, type Launch } from "./normalize.ts";
import { fetchSpacex } from "./sources/spacex-api.ts";

export type { Launch };

/**
 * Every flown Falcon 9 / Falcon Heavy launch, in date order, with `launchId` (the join key of all
 * tables), `dateUtc`, `padLatitude`, `padLongitude`, `name` and `flightNumber` (null where no
 * source gives SpaceX's counter).
 */
export async function loadLaunches(http: Http): Promise<Launch[]> {
  const launches = launchesFromSpacex(await fetchSpacex(http));
  return launches.sort((a, b) => (a.dateUtc < b.dateUtc ? -1 : a.dateUtc > b.dateUtc ? 1 : a.launchId < b.launchId ? -1 : 1));
}
