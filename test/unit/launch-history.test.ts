import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildLandings, buildLaunches, buildReconciliation, buildUpcoming, upcomingRows, upcomingTable } from "../../data-loaders/datasets.ts";
import { loadHistory, namesAgree } from "../../data-loaders/launch-history.ts";
import { Problems } from "../../data-loaders/problems.ts";
import { fetchLl2 } from "../../data-loaders/sources/launch-library-2.ts";
import { fetchUpcoming, isFlown } from "../../data-loaders/sources/ll2-upcoming.ts";
import { fetchExtract } from "../../data-loaders/sources/wikipedia-extract.ts";
import { fetchWikipedia } from "../../data-loaders/sources/wikipedia.ts";
import { replayHttp } from "../support/snapshots.ts";

// Counts checked against independent facts in ../shared/snapshots/PROVENANCE.md.
describe("recorded sources match PROVENANCE.md", () => {
  it("LL2: 469 list results are 269 unique launches; the 200 repeats and the wrong envelope count are counted", async () => {
    const problems = new Problems();
    const ll2 = await fetchLl2(replayHttp(), problems);
    assert.equal(ll2.mode, "list");
    assert.equal(ll2.launches.length, 269);
    assert.equal(problems.get("ll2", "duplicate launch dropped"), 200);
    assert.equal(problems.get("ll2", "envelope count differs from records received"), 1);
    // The launcher list's second page was never recorded: a counted gap, not an error.
    assert.equal(problems.get("ll2", "optional page missing"), 1);
    assert.ok(ll2.launchers.some((l) => l.serial === "B1049" && l.config === "Falcon 9"));
  });

  it("upcoming Florida: 53 Falcon 9 flown, 44 ASDS and 6 RTLS landed, 1 expended; 1957-58 artifacts dropped", async () => {
    const problems = new Problems();
    const { launches } = await fetchUpcoming(replayHttp(), problems);
    assert.equal(problems.get("ll2-upcoming", "1957-58 artifact dropped"), 10);
    assert.ok(launches.every((l) => l.lastSeen.net >= "2025"));
    const flown = launches.filter((l) => l.lastSeen.rocket === "Falcon 9" && isFlown(l.lastSeen));
    assert.equal(flown.length, 53);
    const boosters = flown.flatMap((l) => l.lastSeen.boosters);
    assert.equal(boosters.filter((b) => b.landingType === "ASDS" && b.landingSuccess === true).length, 44);
    assert.equal(boosters.filter((b) => b.landingType === "RTLS" && b.landingSuccess === true).length, 6);
    assert.equal(boosters.filter((b) => b.landingType === "EXP").length, 1);
    assert.equal(boosters.filter((b) => b.landingSuccess === false).length, 0);
    // Two launches flew before LL2 published boosters: Starlink 6-79 and 6-86.
    assert.equal(flown.filter((l) => l.lastSeen.boosters.length === 0).length, 2);
  });

  it("Wikipedia: 121 and 124 numbered Falcon 9 flight rows in the two revisions", async () => {
    const wiki = await fetchWikipedia(replayHttp(), new Problems());
    const numbered = wiki.pages.slice(0, 2).map((p) => p.launches.filter((l) => /^\d+$/.test(l.sourceId)).length);
    assert.deepEqual(numbered, [121, 124]);
    assert.equal(wiki.launches.filter((l) => l.rocket === "Falcon Heavy").length, 3);
  });

  it("Wikipedia extract: 288 rows; Success 282, No attempt 4, Failure 2; non-ASCII hyphens read", async () => {
    const extract = await fetchExtract(replayHttp());
    assert.equal(extract.rows.length, 288);
    const outcomes = extract.launches.map((l) => l.cores![0]!.outcome);
    assert.deepEqual([outcomes.filter((o) => o === "landed").length, outcomes.filter((o) => o === "no attempt").length, outcomes.filter((o) => o === "failed").length], [282, 4, 2]);
    // "F9B5B1060‑15" (U+2011): serial B1060 on its 15th flight.
    const first = extract.launches.find((l) => l.sourceId === "195")!;
    assert.equal(first.cores![0]!.serial, "B1060");
    assert.equal(first.cores![0]!.flight, 15);
    assert.equal(first.site, "CCAFS SLC-40");
  });
});

describe("merged launch history", async () => {
  const history = await loadHistory(replayHttp());

  it("keeps the SpaceX API's landing record: 179 Falcon 9 cores, 155 attempts, 142 successes", () => {
    const cores = history.landings.filter((l) => l.rocket === "Falcon 9" && l.labelSource === "spacex-api");
    assert.equal(cores.length, 179);
    assert.equal(cores.filter((c) => c.landingAttempted).length, 155);
    assert.equal(cores.filter((c) => c.landingAttempted && (c.landingOutcome === "landed" || c.landingOutcome === "ocean touchdown")).length, 142);
  });

  it("has one row per launch across sources, each saying which sources cover it", () => {
    const ids = history.launches.map((l) => l.launchId);
    assert.equal(new Set(ids).size, ids.length);
    const by = (source: string) => history.launches.filter((l) => l.sources.includes(source as never)).length;
    assert.equal(by("spacex-api"), 182);
    assert.equal(by("wikipedia"), 127);
    assert.equal(by("wikipedia-extract"), 288);
    assert.equal(by("ll2-upcoming"), 54);
    // Every Wikipedia launch (2010 → 2021) is one the SpaceX API knows too.
    assert.ok(history.launches.filter((l) => l.sources.includes("wikipedia")).every((l) => l.sources.includes("spacex-api")));
    // The recorded gaps stay empty: nothing between LL2's last launch and the extract's first.
    assert.equal(history.launches.filter((l) => l.dateUtc > "2022-10-21" && l.dateUtc < "2023-01-03").length, 0);
    assert.equal(history.launches.filter((l) => l.dateUtc > "2025-05-31" && l.dateUtc < "2025-11-22").length, 0);
  });

  it("names Falcon Heavy side boosters from Wikipedia and LL2's launcher list", () => {
    const heavy = history.landings.filter((l) => l.rocket === "Falcon Heavy");
    assert.equal(heavy.length, 15);
    const demo = heavy.filter((l) => l.dateUtc.startsWith("2018-02-06"));
    assert.deepEqual(demo.map((l) => [l.coreRole, l.boosterSerial, l.landingOutcome]), [
      ["center", "B1033", "failed"],
      ["side", "B1025", "landed"],
      ["side", "B1023", "landed"]
    ]);
    const ussf67 = heavy.filter((l) => l.dateUtc.startsWith("2023-01-15"));
    assert.deepEqual(ussf67.map((l) => l.boosterSerial), ["B1070", "B1064", "B1065"]);
    assert.deepEqual(ussf67.map((l) => l.serialSource), ["wikipedia-extract", "ll2 launcher list", "ll2 launcher list"]);
    // Their earlier flight (USSF-44, 2022-11) is in a coverage gap: no flight number is guessed.
    assert.deepEqual(ussf67.map((l) => l.coreFlight), [null, null, null]);
  });

  it("follows each core's history, and leaves it null across a coverage gap", () => {
    const b1049 = history.landings.filter((l) => l.boosterSerial === "B1049");
    assert.deepEqual(b1049.map((l) => l.coreFlight), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual(b1049.map((l) => l.previousLandings), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(b1049[0]!.daysSincePreviousFlight, null);
    assert.ok(b1049.slice(1).every((l) => l.daysSincePreviousFlight! > 0 && l.reused));
    // B1060's 15th flight (2023-01-03) follows a 14th the recordings do not hold.
    const b1060 = history.landings.find((l) => l.boosterSerial === "B1060" && l.coreFlight === 15)!;
    assert.equal(b1060.daysSincePreviousFlight, null);
    assert.equal(b1060.previousLandings, null);
    assert.equal(b1060.reused, true);
  });

  it("labels: 1 recovered on pad or ship, 0 failed there, null for ocean and expended, kept distinct", () => {
    for (const l of history.landings) {
      if (l.landingOutcome === "landed") assert.equal(l.label, 1);
      else if (l.landingOutcome === "failed") assert.equal(l.label, 0);
      else assert.equal(l.label, null, `${l.landingId} ${l.landingOutcome}`);
    }
    const ocean = history.landings.filter((l) => l.landingOutcome === "ocean touchdown");
    assert.equal(ocean.length, 5);
    assert.ok(ocean.every((l) => l.capstoneClass === 1 && l.landed === null));
  });

  it("keeps disagreements as data: SpaceX's stale Starlink 4-19 date, Wikipedia's parachute attempts", () => {
    const starlink419 = history.reconciliation.find((d) => d.field === "date" && d.valueA.startsWith("2022-06-01"));
    assert.deepEqual([starlink419?.sourceA, starlink419?.sourceB, starlink419?.valueB], ["spacex-api", "ll2", "2022-06-17T16:09Z"]);
    const flight1 = history.reconciliation.filter((d) => d.field === "landing_outcome" && d.dateUtc.startsWith("2010"));
    assert.deepEqual(flight1.map((d) => [d.valueA, d.valueB]), [["no attempt", "ocean failed"], ["no attempt", "ocean failed"]]);
    // The merged date is the one most sources give: LL2 and Wikipedia agree against the SpaceX API.
    const crs1 = history.launches.find((l) => l.dateUtc.startsWith("2013-03-01"))!;
    assert.equal(crs1.dateUtc, "2013-03-01T15:10:13.000Z");
    assert.equal(crs1.dateSource, "ll2");
    assert.equal(history.problems.get("spacex-api", "launch id link rejected (other name, other day): matched by time instead"), 1);
    // LL2's launcher list never saw B1072 fly before 2023; the SpaceX API flies it in 2022.
    const b1072 = history.reconciliation.find((d) => d.field === "booster" && d.valueA.startsWith("B1072"));
    assert.deepEqual([b1072?.dateUtc.slice(0, 10), b1072?.sourceA, b1072?.sourceB, b1072?.valueB], ["2022-09-24", "spacex-api", "ll2", "launcher list: B1072 flew 0 times"]);
  });

  it("answers the IBM capstone's landing-outcome ranking (2010-06-04 to 2017-03-20) in its own words", () => {
    const ranking: Record<string, number> = {};
    for (const l of history.launches.filter((l) => l.dateUtc >= "2010-06-04" && l.dateUtc <= "2017-03-20" && l.sources.includes("wikipedia"))) {
      ranking[l.capstoneLandingOutcome!] = (ranking[l.capstoneLandingOutcome!] ?? 0) + 1;
    }
    assert.deepEqual(ranking, {
      "No attempt": 10,
      "Success (drone ship)": 5,
      "Failure (drone ship)": 5,
      "Success (ground pad)": 3,
      "Controlled (ocean)": 3,
      "Uncontrolled (ocean)": 2,
      "Failure (parachute)": 2,
      "Precluded (drone ship)": 1
    });
    assert.equal(history.launches.find((l) => l.name === "Merah Putih")?.boosterVersion, "F9 B5 B1046.2");
  });

  it("matches mission names loosely but not across groups", () => {
    assert.ok(namesAgree("Starlink 4-19 (v1.5)", "Falcon 9 Block 5 | Starlink Group 4-19"));
    assert.ok(!namesAgree("Starlink 3-2 (v1.5)", "Falcon 9 Block 5 | Starlink Group 4-25"));
  });

  it("builds byte-identical Parquet from the same inputs", async () => {
    const a = replayHttp();
    const b = replayHttp();
    for (const build of [buildLaunches, buildLandings, buildUpcoming, buildReconciliation]) {
      assert.deepEqual(await build(a), await build(b));
    }
  });

  it("upcoming: one row per booster, features from the final pre-launch state", () => {
    const rows = upcomingRows(history.upcoming.launches);
    const falcon = history.upcoming.launches.filter((l) => l.lastSeen.rocket !== null);
    assert.equal(falcon.length, 68);
    assert.ok(rows.length >= falcon.length);
    const b1092 = rows.find((r) => r.launch.lastSeen.name.includes("Starlink Group 6-110"))!;
    assert.equal(b1092.launch.prelaunch?.status, "Go for Launch");
    assert.equal(b1092.launch.lastSeen.status, "Launch Successful");
    // Flown upcoming launches join the launches table.
    const ids = new Set(history.launches.map((l) => l.launchId));
    const joined = rows.map((r) => upcomingTable.columns.find((c) => c.name === "launch_id")!.value(r)).filter((id) => id !== null);
    assert.equal(new Set(joined).size, 54);
    assert.ok(joined.every((id) => ids.has(id as string)));
  });
});
