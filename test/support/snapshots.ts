import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { projectRoot, snapshotCatalog } from "../../data-loaders/config.ts";
import { Http } from "../../data-loaders/http.ts";

/** The recorded responses beside the repository; tests read them in place, never copy them. */
export const SNAPSHOTS = resolve(projectRoot, process.env.F9_SNAPSHOTS ?? "../shared/snapshots");

if (!existsSync(SNAPSHOTS)) {
  throw new Error(`Recorded responses not found at ${SNAPSHOTS}. Tests replay ../shared/snapshots; set F9_SNAPSHOTS to where they are.`);
}

export function replayHttp(): Http {
  return new Http({ mode: "replay", snapshotDir: SNAPSHOTS, catalog: snapshotCatalog, log: () => {} });
}
