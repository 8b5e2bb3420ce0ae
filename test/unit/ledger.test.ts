// The ledger's rules on small hand-written entries (test/integration/ledger.test.ts runs them over
// the recordings): what is appended, which entry is scored, whose outcome wins, what is refused.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { appendToLedger, ledgerEntryId, ledgerViolations, scoreLedger, type LedgerEntry } from "../../data-loaders/ledger.ts";

const entry = (over: Partial<LedgerEntry> & { as_of: string }): LedgerEntry => {
  const kind = over.kind ?? "build";
  const core = over.core_key ?? "ll2:a#single";
  return {
    entry_id: ledgerEntryId(kind, core, over.as_of),
    kind,
    how: "test",
    ll2_id: "a",
    core_key: core,
    mission: "Starlink",
    rocket: "Falcon 9",
    booster_serial: "B1067",
    net_utc: "2026-09-01T00:00:00.000Z",
    frozen_at: over.as_of,
    build_mode: "replay",
    probability: 0.99,
    probability_low: 0.98,
    probability_high: 0.995,
    base_rate: 0.97,
    recent_rate: 0.98,
    recent_n: 100,
    model_id: "m1",
    model_name: "prelaunch",
    trained_before: over.as_of,
    training_rows: 600,
    data_version: "d1",
    ...over
  };
};
const noRecord = { launches: [], landings: [], upcoming: [{ ll2_id: "a", booster_serial: "B1067", core_role: "single", flown: false, outcome_landed: null, net_utc: new Date("2026-09-01T00:00:00Z"), rocket: "Falcon 9" }] };
const flownRecord = (label: number) => ({
  launches: [{ launch_id: "ll2:a", ll2_id: "a", date_utc: new Date("2026-09-01T00:05:00Z"), rocket: "Falcon 9" }],
  landings: [{ launch_id: "ll2:a", booster_serial: "B1067", core_role: "single", label, landing_outcome: label ? "landed" : "failed" }],
  upcoming: [{ ll2_id: "a", booster_serial: "B1067", core_role: "single", flown: true, outcome_landed: !label, net_utc: new Date("2026-09-01T00:05:00Z"), rocket: "Falcon 9" }]
});

describe("forecast ledger rules", () => {
  it("appends a changed forecast as a new entry, skips an unchanged one, and seeds only a core without entries", () => {
    const first = entry({ as_of: "2026-08-20T00:00:00.000Z" });
    const unchanged = entry({ as_of: "2026-08-27T00:00:00.000Z", model_id: "m2" });
    const changed = entry({ as_of: "2026-08-28T00:00:00.000Z", probability: 0.985 });
    const seeded = entry({ kind: "seeded", as_of: "2026-08-31T23:50:00.000Z" });
    const { entries, appended } = appendToLedger([first], [unchanged, changed, seeded]);
    assert.deepEqual(appended, [changed]);
    assert.equal(entries[0], first, "the previous entry is the same object, untouched");
  });

  it("scores only the last entry before lift-off; the landing record wins over LL2's last state", () => {
    const early = entry({ as_of: "2026-08-20T00:00:00.000Z" });
    const late = entry({ as_of: "2026-08-28T00:00:00.000Z", probability: 0.985 });
    const after = entry({ as_of: "2026-09-01T00:06:00.000Z", probability: 0.97, probability_low: 0.9 });
    assert.deepEqual(scoreLedger([early, late], noRecord).map((s) => s.status), ["awaiting outcome", "awaiting outcome"]);
    const scores = scoreLedger([early, late, after], flownRecord(0));
    assert.deepEqual(scores.map((s) => s.status), ["superseded", "scored", "as of after lift-off"]);
    assert.equal(scores[1]!.label, 0, "the record's failure, not LL2's landed");
    assert.equal(scores[1]!.outcome_source, "landings");
    assert.ok(Math.abs(scores[1]!.log_loss! + Math.log(1 - 0.985)) < 1e-12);
    assert.ok(Math.abs(scores[1]!.recent_rate_brier! - 0.98 ** 2) < 1e-12);
    // The record does not list the launch yet: LL2's last state gives the outcome, and says so.
    const ll2Only = { ...flownRecord(1), launches: [], landings: [] };
    const [s] = scoreLedger([late], ll2Only);
    assert.equal(s!.status, "scored");
    assert.equal(s!.outcome_source, "LL2 last state");
    assert.equal(s!.label, 0);
  });

  it("closes an entry whose launch never happened, and one whose core had no labelled landing", () => {
    const e = entry({ as_of: "2026-08-20T00:00:00.000Z" });
    const later = { launches: [{ launch_id: "ll2:b", ll2_id: "b", date_utc: new Date("2026-10-15T00:00:00Z") }], landings: [], upcoming: [] };
    assert.equal(scoreLedger([e], later)[0]!.status, "launch did not happen");
    const soon = { ...later, launches: [{ ...later.launches[0]!, date_utc: new Date("2026-09-10T00:00:00Z") }] };
    assert.equal(scoreLedger([e], soon)[0]!.status, "awaiting outcome", "within 30 days of its NET it may still fly");
    const expended = { ...flownRecord(1), landings: [{ launch_id: "ll2:a", booster_serial: "B1067", core_role: "single", label: null, landing_outcome: "expended" }] };
    assert.equal(scoreLedger([e], expended)[0]!.status, "no labelled landing");
  });

  it("refuses an entry that is not a probability inside its interval, a duplicate, or one frozen after the build", () => {
    const ok = entry({ as_of: "2026-08-20T00:00:00.000Z" });
    assert.deepEqual(ledgerViolations([ok], new Date("2026-08-21T00:00:00Z")), []);
    const v = ledgerViolations([ok, ok, entry({ as_of: "2026-08-22T00:00:00.000Z", probability: 1 }), entry({ as_of: "2026-09-20T00:00:00.000Z" })], new Date("2026-08-23T00:00:00Z"));
    assert.ok(v.some((x) => /appears twice/.test(x)));
    assert.ok(v.some((x) => /field probability: 1 is not a probability/.test(x)));
    assert.ok(v.some((x) => /frozen_at: 2026-09-20.* is after this build/.test(x)));
  });
});
