// Configuration comes from the environment, so that a Framework build, the CLI and the tests
// select live or replayed data the same way.
import { existsSync, statSync } from "node:fs";
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

/** Hosts a source's own answers send us to beyond those of its catalogued requests. */
const OTHER_OWN_HOSTS: Record<string, string[]> = {
  // The Space Devs' development server: LL2's recorded pages link their `next` page there.
  ll2: ["lldev.thespacedevs.com"]
};

/** The hosts each source may ask: those of its catalogued requests (redirects and paging links stay there). */
export const sourceHosts: Record<string, string[]> = (() => {
  const hosts: Record<string, Set<string>> = {};
  for (const [source, list] of Object.entries(OTHER_OWN_HOSTS)) hosts[source] = new Set(list);
  for (const entry of snapshotCatalog.entries) (hosts[entry.request.source] ??= new Set()).add(new URL(entry.request.url).host);
  return Object.fromEntries(Object.entries(hosts).map(([source, set]) => [source, [...set].sort()]));
})();

/**
 * F9_SNAPSHOTS=DIR replays recorded responses from DIR and never touches the network.
 * Otherwise requests go live and are recorded in F9_RECORD (default .f9-responses/), which a later
 * build can replay with F9_SNAPSHOTS=.f9-responses.
 * F9_MAX_RETRY_SECONDS bounds the waiting between attempts at one request (default 120).
 * F9_SOURCE_ORIGIN=http://127.0.0.1:PORT sends every live request to a local server standing in
 * for the sources (path prefixed with the real host); the fault tests use it.
 */
export function httpConfigFromEnv(env: NodeJS.ProcessEnv = process.env): HttpConfig {
  const snapshots = env.F9_SNAPSHOTS?.trim();
  if (snapshots) {
    const snapshotDir = resolve(projectRoot, snapshots);
    // Otherwise the first request fails as "no recorded response", which hides the real mistake.
    if (!existsSync(snapshotDir) || !statSync(snapshotDir).isDirectory()) {
      throw new Error(
        `F9_SNAPSHOTS=${snapshots} names ${snapshotDir}, which ${existsSync(snapshotDir) ? "is not a directory" : "does not exist"}` +
          `${snapshots === snapshotDir ? "" : ` (relative paths are taken from the project root, ${projectRoot})`}. ` +
          `Point it at a directory of recorded responses (the shared snapshots, e.g. ../shared/snapshots, or a live build's .f9-responses), or unset it to fetch live.`
      );
    }
    return { mode: "replay", snapshotDir, catalog: snapshotCatalog, hosts: sourceHosts };
  }
  const maxAgeHours = Number(env.F9_MAX_AGE_HOURS ?? 6);
  if (!Number.isFinite(maxAgeHours) || maxAgeHours < 0) throw new Error(`F9_MAX_AGE_HOURS must be a number of hours ≥ 0, got "${env.F9_MAX_AGE_HOURS}".`);
  const maxRetrySeconds = Number(env.F9_MAX_RETRY_SECONDS ?? 120);
  if (!Number.isFinite(maxRetrySeconds) || maxRetrySeconds < 0) throw new Error(`F9_MAX_RETRY_SECONDS must be a number of seconds ≥ 0, got "${env.F9_MAX_RETRY_SECONDS}".`);
  const standIn = env.F9_SOURCE_ORIGIN?.trim() || undefined;
  if (standIn && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/.test(standIn)) {
    throw new Error(`F9_SOURCE_ORIGIN must be a local server's origin such as http://127.0.0.1:8080 (it stands in for every source), got "${standIn}".`);
  }
  return {
    mode: "live",
    recordDir: resolve(projectRoot, env.F9_RECORD?.trim() || ".f9-responses"),
    maxAgeMs: maxAgeHours * 3600_000,
    maxRetryMs: maxRetrySeconds * 1000,
    hosts: sourceHosts,
    ...(standIn ? { standIn } : {})
  };
}

export function httpFromEnv(env: NodeJS.ProcessEnv = process.env): Http {
  return new Http(httpConfigFromEnv(env));
}
