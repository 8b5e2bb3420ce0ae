import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { boosterHistory, boosterList, median, prequentialStart } from "../../src/facts/booster-history.ts";

// Hand-written rows in the release's shapes: three boosters, one v1.1 core without a block.
const landing = (serial: string, n: number, date: string, outcome: string, extra: Record<string, unknown> = {}) => ({
  landing_id: `L${serial}-${n}#0`,
  launch_id: `L${serial}-${n}`,
  date_utc: new Date(`${date}T12:00:00Z`),
  booster_serial: serial,
  core_flight: n,
  block: 5,
  site: "CCAFS SLC-40",
  landing_type: "ASDS",
  landing_location: "ASOG",
  landing_outcome: outcome,
  after_landing: null,
  landing_account: null,
  days_since_previous_flight: null,
  ...extra
});
const landings = [
  landing("B1", 2, "2017-03-10", "landed", { days_since_previous_flight: 40 }),
  landing("B1", 1, "2016-12-30", "landed"),
  landing("B1", 3, "2017-04-09", "failed", { days_since_previous_flight: 30, landing_account: "tipped over at touchdown" }),
  landing("B1", 4, "2017-06-08", "expended", { days_since_previous_flight: 60, landing_type: null, landing_location: null }),
  landing("B2", 1, "2017-05-01", "landed", { after_landing: "lost after landing", landing_account: "toppled on the deck in rough seas" }),
  landing("B0", 1, "2015-01-10", "ocean touchdown", { block: null, landing_type: "Ocean", landing_location: null })
];
const launches = landings.map((l) => ({ launch_id: l.launch_id, name: `Mission ${l.launch_id}`, version: l.booster_serial === "B0" ? "F9 v1.1" : "F9 FT" }));
// prequential.csv as read by d3.autoType: trained_before is a Date; probability is P(land).
const prequential = [
  { landing_id: "LB1-2#0", launch_id: "LB1-2", trained_before: new Date("2017-03-01"), training_rows: 11, label: 1, probability: 0.9, probability_low: 0.8, probability_high: 0.95 },
  { landing_id: "LB1-3#0", launch_id: "LB1-3", trained_before: new Date("2017-04-01"), training_rows: 12, label: 0, probability: 0.75, probability_low: 0.5, probability_high: 0.9 },
  { landing_id: "LB2-1#0", launch_id: "LB2-1", trained_before: new Date("2017-05-01"), training_rows: 13, label: 1, probability: 0.8, probability_low: 0.6, probability_high: 0.9 },
  { landing_id: "LX#0", launch_id: "LX", trained_before: new Date("2017-01-01"), training_rows: 10, label: 1, probability: 0.8, probability_low: 0.6, probability_high: 0.9 }
];
const ledger = [
  { entry_id: "e2", kind: "seeded", mission: "Later", booster_serial: "B1", net_utc: new Date("2017-08-01T00:00:00Z"), as_of: new Date("2017-07-31T00:00:00Z"), probability: 0.99, probability_low: 0.97, probability_high: 0.995, model_name: "prelaunch", trained_before: new Date("2017-07-31T00:00:00Z"), training_rows: 20 },
  { entry_id: "e1", kind: "build", mission: "Other", booster_serial: "B2", net_utc: new Date("2017-07-01T00:00:00Z"), as_of: new Date("2017-06-01T00:00:00Z"), probability: 0.9, probability_low: 0.8, probability_high: 0.95, model_name: "prelaunch", trained_before: new Date("2017-06-01T00:00:00Z"), training_rows: 19 }
];
const history = (serial: string) => boosterHistory(serial, { landings, launches, prequential, ledger });

describe("one booster's history", () => {
  it("lists every serial with its flight count, most flown first", () => {
    assert.deepEqual(boosterList(landings), [
      { serial: "B1", flights: 4 },
      { serial: "B0", flights: 1 },
      { serial: "B2", flights: 1 }
    ]);
  });

  it("orders its flights by date and counts them by counts.ts", () => {
    const h = history("B1")!;
    assert.deepEqual(h.flights.map((f) => f.coreFlight), [1, 2, 3, 4]);
    assert.equal(h.first.toISOString().slice(0, 10), "2016-12-30");
    assert.equal(h.last.toISOString().slice(0, 10), "2017-06-08");
    // The expended flight is a flight, not a recovery attempt.
    assert.deepEqual([h.flights.length, h.recoveryAttempts, h.landed, h.failed], [4, 3, 2, 1]);
    assert.equal(h.block, 5);
    assert.deepEqual(h.versions, ["F9 FT"]);
  });

  it("gives the turnarounds and their median", () => {
    const h = history("B1")!;
    assert.deepEqual(h.turnarounds, [40, 30, 60]);
    assert.equal(h.medianTurnaround, 40);
    assert.equal(median([1, 2, 3, 10]), 2.5);
    assert.equal(median([]), null);
    assert.equal(history("B2")!.medianTurnaround, null);
  });

  it("turns P(land) into the chance of failure, its interval turned round, with the training cut-off", () => {
    const f = history("B1")!.flights[2]!;
    assert.equal(f.landingOutcome, "failed");
    assert.ok(Math.abs(f.forecast!.failure - 0.25) < 1e-12);
    assert.ok(Math.abs(f.forecast!.low - 0.1) < 1e-12 && Math.abs(f.forecast!.high - 0.5) < 1e-12);
    assert.equal(f.forecast!.trainedBefore, "2017-04-01");
    assert.equal(f.forecast!.trainingRows, 12);
    assert.match(f.outcome, /^failed to land on a drone ship \(ASDS\): tipped over at touchdown$/);
  });

  it("says why a flight has no forecast: before the record's first month, or not a landing on a zone or ship", () => {
    assert.equal(prequentialStart(prequential), "2017-01");
    const [first, , , expended] = history("B1")!.flights;
    assert.equal(first!.forecast, null);
    assert.equal(first!.noForecast, "no forecast (the month-by-month record starts 2017-01)");
    assert.match(expended!.noForecast!, /zone or ship/);
    assert.equal(boosterHistory("B1", { landings, launches, prequential: [], ledger })!.flights[1]!.noForecast, "no forecast (no month-by-month record is published)");
  });

  it("states a loss after landing with its account, still landed, never 'came back'", () => {
    const h = history("B2")!;
    assert.equal(h.landed, 1);
    assert.equal(h.lostAfterLanding.length, 1);
    assert.equal(h.lostAfterLanding[0]!.landingAccount, "toppled on the deck in rough seas");
    assert.doesNotMatch(h.flights[0]!.outcome, /came back/);
    assert.equal(history("B1")!.lostAfterLanding.length, 0);
  });

  it("a v1.x core has no block, and says what it was", () => {
    const h = history("B0")!;
    assert.equal(h.block, null);
    assert.deepEqual(h.versions, ["F9 v1.1"]);
    assert.deepEqual([h.recoveryAttempts, h.landed, h.failed], [0, 0, 0]);
  });

  it("takes only its own frozen forecasts from the ledger, as chances of failure", () => {
    const frozen = history("B1")!.frozen;
    assert.deepEqual(frozen.map((e) => e.entryId), ["e2"]);
    assert.ok(Math.abs(frozen[0]!.failure - 0.01) < 1e-12 && Math.abs(frozen[0]!.high - 0.03) < 1e-12);
    assert.equal(frozen[0]!.trainedBefore, "2017-07-31");
  });

  it("an unknown serial has no history", () => {
    assert.equal(history("B9999"), null);
  });
});
