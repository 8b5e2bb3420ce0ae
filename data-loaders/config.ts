// Configuration comes from the environment, so that a Framework build, the CLI and the tests
// select live or replayed data the same way.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Http, type HttpConfig } from "./http.ts";
import { SnapshotCatalog } from "./snapshot-catalog.ts";
import { spacexCatalog } from "./sources/spacex-api.ts";
import { ndbcCatalog } from "./sources/ndbc.ts";
import { openMeteoCatalog } from "./sources/open-meteo.ts";
import { telemetryCatalog } from "./sources/telemetry.ts";
import { ll2Catalog } from "./sources/launch-library-2.ts";
import { upcomingCatalog } from "./sources/ll2-upcoming.ts";
import { wikipediaCatalog } from "./sources/wikipedia.ts";
import { extractCatalog } from "./sources/wikipedia-extract.ts";
import { recordedExtractCatalog } from "./sources/recorded-extracts.ts";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Every recorded file of the shared snapshot layout that a source can replay. */
export const snapshotCatalog = new SnapshotCatalog([...spacexCatalog, ...openMeteoCatalog, ...ndbcCatalog, ...telemetryCatalog, ...ll2Catalog, ...upcomingCatalog, ...wikipediaCatalog, ...extractCatalog, ...recordedExtractCatalog]);

/**
 * F9_SNAPSHOTS=DIR replays recorded responses from DIR and never touches the network.
 * Otherwise requests go live and are recorded in F9_RECORD (default .f9-responses/), which a later
 * build can replay with F9_SNAPSHOTS=.f9-responses.
 */
export function httpConfigFromEnv(env: NodeJS.ProcessEnv = process.env): HttpConfig {
  const snapshots = env.F9_SNAPSHOTS?.trim();
  if (snapshots) return { mode: "replay", snapshotDir: resolve(projectRoot, snapshots), catalog: snapshotCatalog };
  const maxAgeHours = Number(env.F9_MAX_AGE_HOURS ?? 6);
  if (!Number.isFinite(maxAgeHours) || maxAgeHours < 0) throw new Error(`F9_MAX_AGE_HOURS must be a number of hours ≥ 0, got "${env.F9_MAX_AGE_HOURS}".`);
  return {
    mode: "live",
    recordDir: resolve(projectRoot, env.F9_RECORD?.trim() || ".f9-responses"),
    maxAgeMs: maxAgeHours * 3600_000
  };
}

export function httpFromEnv(env: NodeJS.ProcessEnv = process.env): Http {
  return new Http(httpConfigFromEnv(env));
}
