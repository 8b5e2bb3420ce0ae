// What a live build does with LL2's detailed objects: the same parsed shapes the recordings give.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { upcomingRows, upcomingTable } from "../../data-loaders/datasets.ts";
import { Http } from "../../data-loaders/http.ts";
import { Problems } from "../../data-loaders/problems.ts";
import { launchesFromLl2, ll2Requests, parseLl2Launch } from "../../data-loaders/sources/launch-library-2.ts";
import { fetchUpcoming, parseLiveUpcoming } from "../../data-loaders/sources/ll2-upcoming.ts";
import { SNAPSHOTS } from "../support/snapshots.ts";

/** A stage as LL2 gives it before launch: the launcher's flights so far, and this flight's number. */
const stage = (type: string, serial: string, flight: number, landing: Record<string, unknown>) => ({
  type,
  reused: flight > 1,
  launcher_flight_number: flight,
  launcher: { serial_number: serial, flights: flight - 1 },
  landing
});
const heavy = {
  id: "viasat-3-f3",
  name: "Falcon Heavy | ViaSat-3 F3",
  net: "2026-04-29T00:00:00Z",
  status: { abbrev: "Success", name: "Launch Successful" },
  probability: 90,
  rocket: {
    configuration: { name: "Falcon Heavy", variant: "" },
    launcher_stage: [
      stage("Booster", "B1075", 22, { attempt: true, success: true, type: { abbrev: "RTLS" }, location: { name: "Landing Zone 40", abbrev: "LZ-40" } }),
      stage("Core", "B1098", 1, { attempt: false, success: null, type: { abbrev: "EXP" }, location: { name: "Atlantic Ocean", abbrev: "ATL" } }),
      stage("Booster", "B1072", 2, { attempt: true, success: false, type: { abbrev: "RTLS" }, location: { name: "Landing Zone 2", abbrev: "LZ-2" } })
    ]
  },
  mission: { name: "ViaSat-3 F3", orbit: { abbrev: "GTO" } },
  pad: { name: "Launch Complex 39A", latitude: "28.608", longitude: "-80.604", location: { name: "Kennedy Space Center, FL, USA" } }
};

describe("LL2 detailed mode (live builds)", () => {
  it("maps launcher stages to cores: center first, expended kept apart from a failed landing", () => {
    const [launch] = launchesFromLl2({ mode: "detailed", launches: [parseLl2Launch(heavy, "results[0]")], launchers: [], responses: [] });
    assert.equal(launch!.site, "KSC LC-39A");
    assert.deepEqual(launch!.cores!.map((c) => [c.role, c.serial, c.flight, c.landingType, c.landingLocation, c.outcome]), [
      ["center", "B1098", 1, null, null, "expended"],
      ["side", "B1075", 22, "RTLS", "LZ-40", "landed"],
      ["side", "B1072", 2, "RTLS", "LZ-2", "failed"]
    ]);
  });

  it("reads the real raw LL2 objects of the archive's first commit into the upcoming shape", () => {
    const raw = JSON.parse(readFileSync(join(SNAPSHOTS, "launch-library-2/upcoming-florida/launches_first-commit_raw-ll2_2025-11-23T00-44-39Z.json"), "utf8")) as { launches: unknown[] };
    const states = parseLiveUpcoming({ results: raw.launches }, "2025-11-23T00:44:39Z");
    assert.deepEqual(states.map((s) => [s.name, s.status, s.rocket]), [
      ["Falcon 9 Block 5 | Starlink Group 6-79", "Launch Successful", "Falcon 9"],
      ["Falcon 9 Block 5 | Starlink Group 6-86", "To Be Confirmed", "Falcon 9"],
      ["Falcon 9 Block 5 | Starlink Group 6-95", "To Be Confirmed", "Falcon 9"],
      ["Atlas V 551 | Amazon Leo (LA-04)", "Go for Launch", null]
    ]);
    assert.equal(states[0]!.pad, "Space Launch Complex 40");
    assert.equal(states[0]!.takenAt, "2025-11-23T00:44:39.000Z");
  });

  it("live: asks LL2's upcoming endpoint, not the recorded-only archive, and says so", async () => {
    const asked: string[] = [];
    const fetch = (async (url: string) => {
      asked.push(String(url));
      return new Response(JSON.stringify({ count: 1, next: null, results: [{ ...heavy, status: { abbrev: "Go", name: "Go for Launch" } }] }));
    }) as typeof globalThis.fetch;
    const problems = new Problems();
    const data = await fetchUpcoming(new Http({ mode: "live", fetch, log: () => {} }), problems);
    assert.deepEqual(asked, [ll2Requests.upcomingFlorida.url]);
    assert.equal(problems.get("ll2-upcoming", "recorded-only archive not used in a live build"), 1);
    const rows = upcomingRows(data.launches);
    assert.equal(rows.length, 3);
    const value = (name: string, i: number) => upcomingTable.columns.find((c) => c.name === name)!.value(rows[i]!);
    // Before launch, LL2's launcher flights count earlier flights: this flight is one more.
    assert.deepEqual([value("booster_serial", 0), value("core_flight", 0), value("weather_probability", 0), value("outcome_landed", 0)], ["B1075", 22, 90, null]);
    assert.equal(value("record_source", 0), "live");
  });
});
