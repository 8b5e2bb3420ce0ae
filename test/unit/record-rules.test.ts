// The rules of the record (data-loaders/record-rules.ts) and the count definitions
// (src/facts/counts.ts) on small hand-written rows, edge cases first.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { blockOf, implausibleLandingPosition, isPreflightLoss, LANDING_ACCOUNTS, landingAccount, landingCorrection } from "../../data-loaders/record-rules.ts";
import { COUNTS, count, forecastRows, landingPhrase, reconcile } from "../../src/facts/counts.ts";
import { naturalFrequency, percent, share } from "../../src/facts/format.ts";

const CAPE = { latitude: 28.56, longitude: -80.58 };
const VANDENBERG = { latitude: 34.63, longitude: -120.61 };

describe("rules of the record", () => {
  it("a failure timed before lift-off is a pre-flight loss; one after it is not", () => {
    assert.equal(isPreflightLoss([-165180]), true);
    assert.equal(isPreflightLoss([139]), false);
    assert.equal(isPreflightLoss([null]), false);
    assert.equal(isPreflightLoss([]), false);
  });

  it("v1.0 and v1.1 cores have no block; Full Thrust cores keep theirs", () => {
    assert.equal(blockOf("F9 v1.0", 1), null);
    assert.equal(blockOf("F9 v1.1", 1), null);
    assert.equal(blockOf("F9 FT", 1), 1);
    assert.equal(blockOf("F9 B5", 5), 5);
    assert.equal(blockOf(null, 3), 3);
  });

  it("a landing position on the wrong ocean or beyond the limit is refused with the reason; a real one passes", () => {
    assert.match(implausibleLandingPosition("VAFB SLC-4E", VANDENBERG, { latitude: 32.6948, longitude: -162.1404 }) ?? "", /3,8\d\d km from the pad/);
    assert.match(implausibleLandingPosition("CCAFS SLC-40", CAPE, { latitude: 33.5, longitude: -120.5 }) ?? "", /not in the Atlantic/);
    assert.match(implausibleLandingPosition("VAFB SLC-4E", VANDENBERG, { latitude: 28.4, longitude: -78 }) ?? "", /not in the Pacific/);
    assert.match(implausibleLandingPosition("KSC LC-39A", CAPE, { latitude: 95, longitude: 10 }) ?? "", /not a position on Earth/);
    assert.equal(implausibleLandingPosition("KSC LC-39A", CAPE, { latitude: 27.9478, longitude: -68.0153 }), null, "STP-2, 1,234 km out, is real");
    assert.equal(implausibleLandingPosition("VAFB SLC-4E", VANDENBERG, { latitude: 32.4853, longitude: -120.0647 }), null);
  });

  it("reviewed accounts name a core and its day, each with its evidence", () => {
    assert.match(landingAccount("B1062", "2024-08-28T07:48:00.000Z")?.account ?? "", /tipped over at touchdown/);
    assert.equal(landingAccount("B1062", "2024-08-29T00:00:00.000Z"), null);
    for (const a of LANDING_ACCOUNTS) assert.ok(a.evidence.length > 20 && /^B\d{4}$/.test(a.serial) && /^\d{4}-\d\d-\d\d$/.test(a.date), a.serial);
  });

  it("the reviewed correction applies to B1086 on 2025-03-03 only", () => {
    assert.equal(landingCorrection("B1086", "2025-03-03T02:24:00.000Z")?.outcome, "landed");
    assert.equal(landingCorrection("B1086", "2025-01-01T00:00:00.000Z"), null);
    assert.equal(landingCorrection("B1062", "2024-08-28T07:48:00.000Z"), null);
  });
});

// One Falcon 9 that landed, one that failed at touchdown, one lost after landing, a Falcon Heavy
// (center failed, both sides landed), an ocean touchdown, a failed ocean test, an expended core,
// a launch with no attempt and a core whose outcome nobody recorded. Amos-6 is in no row: it is not a launch.
const launches = [
  { launch_id: "a", rocket: "Falcon 9" },
  { launch_id: "b", rocket: "Falcon 9" },
  { launch_id: "c", rocket: "Falcon 9" },
  { launch_id: "h", rocket: "Falcon Heavy" },
  { launch_id: "o", rocket: "Falcon 9" },
  { launch_id: "p", rocket: "Falcon 9" },
  { launch_id: "e", rocket: "Falcon 9" },
  { launch_id: "n", rocket: "Falcon 9" },
  { launch_id: "u", rocket: "Falcon 9" }
];
const core = (launch_id: string, landing_outcome: string, extra: Record<string, unknown> = {}) => ({ launch_id, landing_outcome, ...extra });
const landings = [
  core("a", "landed", { landing_type: "ASDS" }),
  core("b", "failed", { landing_type: "ASDS" }),
  core("c", "landed", { landing_type: "ASDS", after_landing: "lost after landing: a fire in the aft end on the deck toppled it" }),
  core("h", "failed", { core_role: "center", landing_type: "ASDS" }),
  core("h", "landed", { core_role: "side", landing_type: "RTLS" }),
  core("h", "landed", { core_role: "side", landing_type: "RTLS" }),
  core("o", "ocean touchdown", { landing_type: "Ocean" }),
  core("p", "ocean failed", { landing_type: "Ocean" }),
  core("e", "expended"),
  core("n", "no attempt"),
  core("u", "unknown")
];

describe("one definition of each count", () => {
  it("counts each kind of core once, Falcon Heavy side and center cores apart", () => {
    const n = (k: keyof typeof COUNTS) => count(k, COUNTS[k].table === "launches" ? launches : landings);
    assert.deepEqual(
      { launches: n("launches"), heavy: n("heavyLaunches"), cores: n("cores"), attempts: n("attempts"), recovery: n("recoveryAttempts"), landed: n("landed"), failed: n("failed"), ocean: n("oceanTouchdowns"), oceanFailed: n("oceanFailures"), expended: n("expended"), none: n("noAttempt"), unknown: n("unknown") },
      { launches: 9, heavy: 1, cores: 11, attempts: 8, recovery: 6, landed: 4, failed: 2, ocean: 1, oceanFailed: 1, expended: 1, none: 1, unknown: 1 }
    );
  });

  it("the What-counts table reconciles them, names the pre-flight loss, and refuses counts that do not add up", () => {
    const card = { evaluation: { prequential: { metrics: { n: 5, positives: 4 }, protocol: { kind: "prequential", startYear: 2017 } } } };
    const lines = reconcile(launches, landings, forecastRows(card), [{ name: "Amos-6" }]);
    assert.deepEqual(lines.map((l) => [l.key, l.value]), [["launches", 9], ["cores", 11], ["attempts", 8], ["recoveryAttempts", 6], ["landed", 4], ["failed", 2], ["forecast", 5]]);
    assert.match(lines[0]!.equation, /8 Falcon 9 \+ 1 Falcon Heavy; Amos-6 \(lost before lift-off\) not counted/);
    assert.match(lines[2]!.equation, /11 cores − 1 no attempt − 1 expended − 1 not recorded/);
    assert.throws(() => reconcile(launches, [...landings, core("x", "splashed")], null), /do not add up: cores = attempts/);
  });

  it("recovery wording comes from the outcome: a failed or expended core never came back", () => {
    assert.equal(landingPhrase(landings[1]), "failed to land on a drone ship (ASDS)");
    assert.equal(landingPhrase(landings[4]), "landed on a landing zone (RTLS)");
    assert.match(landingPhrase(landings[2]), /^landed on a drone ship \(ASDS\) \(lost after landing: a fire/);
    assert.equal(landingPhrase(landings[8]), "expended: no landing planned");
    assert.equal(landingPhrase(null), "not recorded");
    assert.equal(landingPhrase({ ...landings[1], landing_account: "tipped over at touchdown" }), "failed to land on a drone ship (ASDS): tipped over at touchdown");
    for (const c of landings) assert.doesNotMatch(landingPhrase(c), /came back|returned/);
  });
});

describe("shares", () => {
  it("are never 0% or 100% unless exact", () => {
    assert.equal(percent(313, 314), "99.7%");
    assert.equal(percent(314, 314), "100%");
    assert.equal(percent(0, 314), "0%");
    assert.equal(percent(1, 1000), "0.1%");
    assert.equal(percent(9999, 10000, 1), "99.99%");
    assert.equal(percent(1, 3), "33%");
    assert.equal(share(0.9996, 1), "99.96%");
    assert.equal(percent(1, 0), "–");
  });

  it("read as natural frequencies", () => {
    assert.equal(naturalFrequency(0.0025), "about 1 in 400");
    assert.equal(naturalFrequency(0.0123), "about 1 in 81");
    assert.equal(naturalFrequency(0.1), "about 1 in 10");
    assert.equal(naturalFrequency(0.6), "about 6 in 10");
  });
});
