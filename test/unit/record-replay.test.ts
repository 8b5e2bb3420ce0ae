// The backup and recovery story: a live build records every response, and a replay of those
// recordings builds the same tables. The "network" here answers live URLs from the shared
// snapshots (read in place through the catalog), as the real services would.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { projectRoot, snapshotCatalog } from "../../data-loaders/config.ts";
import { expectedReleasePath, readExpected } from "../../data-loaders/contracts.ts";
import { landingsTable, launchesTable } from "../../data-loaders/datasets.ts";
import { Http, requestKey } from "../../data-loaders/http.ts";
import { loadHistory } from "../../data-loaders/launch-history.ts";
import { buildRelease } from "../../data-loaders/release.ts";
import { ll2Requests } from "../../data-loaders/sources/launch-library-2.ts";
import { YEAR_PAGE_MISSING } from "../../data-loaders/sources/wikipedia.ts";
import { toParquet } from "../../data-loaders/tables.ts";
import { SNAPSHOTS } from "../support/snapshots.ts";

const recordDir = mkdtempSync(join(tmpdir(), "f9-record-"));
after(() => rmSync(recordDir, { recursive: true, force: true }));

/** Live URLs answered as the services would, from the recorded files. */
const network = (async (url: string, init?: RequestInit) => {
  const method = (init?.method ?? "GET") as "GET" | "POST";
  const body = init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined;
  const answer = (request: { url: string; method?: "GET" | "POST"; body?: unknown }) => snapshotCatalog.read(SNAPSHOTS, requestKey({ source: "test", ...request }));
  if (url === ll2Requests.launchesDetailed.url) return new Response(answer(ll2Requests.launchesList)!.body);
  if (url === ll2Requests.launchers.url) return new Response(JSON.stringify({ ...JSON.parse(answer(ll2Requests.launchers)!.body), next: null }));
  if (url === ll2Requests.upcomingFlorida.url) return new Response(JSON.stringify({ count: 0, next: null, results: [] }));
  const hit = answer({ url, method, body });
  return hit ? new Response(hit.body, { headers: { "content-type": hit.contentType } }) : new Response("Not Found", { status: 404, statusText: "Not Found" });
}) as typeof globalThis.fetch;

describe("live build, then replay of its own recordings", () => {
  it("records every response and rebuilds byte-identical tables from the recordings alone", async () => {
    const liveHttp = new Http({ mode: "live", fetch: network, recordDir, log: () => {} });
    const live = await loadHistory(liveHttp);
    assert.ok(live.responses.every((r) => r.origin === "live"));
    // The (2020–2022) page answers with its recorded 2022 table; the other current pages answer 404 here.
    assert.equal(live.problems.get("wikipedia", "optional page missing"), 1, "the main page answers 404 here");
    assert.equal(live.problems.get("wikipedia", YEAR_PAGE_MISSING), 5, "the year pages but (2020–2022) answer 404 here");
    const recorded = readdirSync(join(recordDir, "recorded"));
    assert.equal(recorded.length, live.responses.length);

    const replayed = await loadHistory(new Http({ mode: "replay", snapshotDir: recordDir, log: () => {} }));
    assert.ok(replayed.responses.every((r) => r.origin === "replayed"));
    assert.deepEqual(
      replayed.responses.map((r) => [r.url, r.sha256, r.retrievedAt]),
      live.responses.map((r) => [r.url, r.sha256, r.retrievedAt])
    );
    assert.deepEqual(toParquet(launchesTable, replayed.launches), toParquet(launchesTable, live.launches));
    assert.deepEqual(toParquet(landingsTable, replayed.landings), toParquet(landingsTable, live.landings));
    // Live builds never ask for the compiled archive; a replay of their recordings says it is absent.
    assert.equal(replayed.problems.get("ll2-upcoming", "archive not among the recordings"), 1);

    // A live build that knows only this much (no extract is read live, the 2023–2026 pages 404)
    // holds far fewer launches than the recordings: the release refuses it, naming each year.
    const expected = readExpected(expectedReleasePath({}, projectRoot));
    const known = Object.values(expected.merged!).reduce((s, f) => s + f.launches, 0);
    assert.ok(live.launches.length < known, `${live.launches.length} launches live, ${known} recorded`);
    await assert.rejects(buildRelease(liveHttp, () => {}, { contracts: false }), (e: Error) => {
      assert.match(e.message, /^wikipedia: 4 years that no Wikipedia page nor Wikipedia-derived extract covers in this live build; nothing was published/);
      for (const year of [2023, 2024, 2025, 2026]) assert.match(e.message, new RegExp(`\\n  ${year}: the year page List_of_Falcon_9_and_Falcon_Heavy_launches_\\(${year}\\) \\(https://en\\.wikipedia\\.org/\\S+\\) answered HTTP 404`));
      assert.match(e.message, /data-loaders\/sources\/wikipedia\.ts \(wikipediaCurrentPages\)/);
      return true;
    });
  });
});
