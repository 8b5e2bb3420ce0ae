// The forecast ledger over the recorded data, as the release loader makes it (src/ml/ledger.ts
// buildLedger, the step src/data/release.tar.ts runs after the models): builds with a moved clock
// (F9_BUILD_TIME) carry every earlier entry byte for byte, an outcome arriving scores an entry, a
// launch that never happened closes it, and a ledger that lost entries is refused.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { DataContractError } from "../../data-loaders/contracts.ts";
import { ledgerCsv, ledgerFiles, ledgerFromParquet, lastGoodLedgerPath, ledgerRecordJson, recordLastGoodLedger, scoreLedger, toParquetLedger, type LedgerEntry } from "../../data-loaders/ledger.ts";
import { buildRelease } from "../../data-loaders/release.ts";
import { buildLedger, type LedgerStep } from "../../src/ml/ledger.ts";
import { publishAll, releaseFromTables, type DataRelease, type ModelCard } from "../../src/ml/publish.ts";
import { replayHttp } from "../support/snapshots.ts";

const work = mkdtempSync(join(tmpdir(), "f9-ledger-"));
after(() => rmSync(work, { recursive: true, force: true }));
let release: DataRelease;
let card: ModelCard;

before(async () => {
  await tf.setBackend("cpu");
  const built = await buildRelease(replayHttp(), () => {}, { contracts: false });
  release = await releaseFromTables(built.tables);
  // The published pre-launch model as the build makes it (quick settings: only the ledger is under test).
  const { models } = await publishAll(tf, release, () => {}, { select: false, protocols: ["prequential"], bootstrapReplicates: 0 });
  card = models.find((m) => m.card.name === "prelaunch")!.card;
});

/** What scripts/build.ts keeps after a published build: the ledger and its record (forecast_record.json) beside the last good manifest. */
function publish(lastGood: string, step: LedgerStep): Uint8Array {
  const tables = ledgerFiles(step.entries, step.scores);
  recordLastGoodLedger(lastGood, tables[0]!.bytes, ledgerRecordJson({ frozenAt: step.frozenAt, previous: step.previous, carried: 0, appended: step.appended.length, model: card.id, summary: step.summary, tables }));
  return tables[0]!.bytes;
}

const lines = (entries: readonly LedgerEntry[]) => new Set(ledgerCsv(entries).trimEnd().split("\n").slice(1));
const T1 = "2026-08-22T17:00:00.000Z";
const T2 = "2026-08-29T17:00:00.000Z";
/** A later model that says something else: the same card, its intercept moved (the posterior is what predictRows reads). */
const otherModel = (c: ModelCard): ModelCard => ({ ...c, id: `${c.id}-later`, intercept: c.intercept - 0.5 });

describe("forecast ledger over the recordings", () => {
  test("a second build with a moved clock appends and carries every earlier entry byte for byte", async () => {
    const lastGood = join(work, "append", "manifest.replay.x.json");
    const first = await buildLedger(card, release, { mode: "replay", lastGood, env: { F9_BUILD_TIME: T1 } });
    assert.equal(first.previous, null);
    assert.ok(first.entries.some((e) => e.kind === "seeded") && first.entries.some((e) => e.kind === "build"), "seeded and frozen entries");
    assert.ok(first.entries.filter((e) => e.kind === "build").every((e) => e.frozen_at === T1 && e.as_of === T1));
    const firstBytes = publish(lastGood, first);

    // Same data, same model, clock moved: nothing new to say, so nothing appended and the same bytes.
    const same = await buildLedger(card, release, { mode: "replay", lastGood, env: { F9_BUILD_TIME: T2 } });
    assert.equal(same.appended.length, 0);
    assert.deepEqual(ledgerFiles(same.entries, same.scores)[0]!.bytes, firstBytes);

    // A changed forecast for the same launches: new entries with their own time, the old ones untouched.
    const second = await buildLedger(otherModel(card), release, { mode: "replay", lastGood, env: { F9_BUILD_TIME: T2 } });
    assert.equal(second.appended.length, first.entries.filter((e) => e.kind === "build").length, "one new entry per core still to fly");
    assert.ok(second.appended.every((e) => e.kind === "build" && e.frozen_at === T2 && e.model_id === `${card.id}-later`));
    const old = lines(first.entries);
    const carried = lines(second.entries);
    for (const line of old) assert.ok(carried.has(line), `entry carried byte for byte: ${line.slice(0, 80)}`);
    // And through Parquet, as the next build reads it.
    const secondBytes = publish(lastGood, second);
    const reread = await ledgerFromParquet(secondBytes, "test");
    assert.deepEqual(lines(reread.filter((e) => e.frozen_at === T1)), old);
    assert.equal(reread.length, first.entries.length + second.appended.length);
  });

  test("seeded entries: out-of-sample, marked, scored on the landing record, and never made after lift-off", async () => {
    const step = await buildLedger(card, release, { mode: "replay", lastGood: join(work, "seed", "manifest.replay.x.json"), env: { F9_BUILD_TIME: T1 } });
    const seeded = step.entries.filter((e) => e.kind === "seeded");
    assert.ok(seeded.length >= 40, `${seeded.length} seeded entries`);
    for (const e of seeded) {
      assert.ok(Date.parse(e.trained_before) <= Date.parse(e.net_utc), `${e.entry_id}: trained before its launch`);
      assert.match(e.how, /^Seeded .* final pre-launch state recorded at .* not a forecast the site published then\.$/);
      const score = card.upcoming!.scores.find((s) => s.trainedBefore === e.trained_before && s.probability === e.probability);
      assert.ok(score, `${e.entry_id}: the pre-launch model's out-of-sample score (card.upcoming)`);
    }
    const scores = new Map(step.scores.map((s) => [s.entry_id, s]));
    const scored = seeded.filter((e) => scores.get(e.entry_id)!.status === "scored");
    assert.ok(scored.every((e) => scores.get(e.entry_id)!.outcome_source === "landings"), "the landing record knows every seeded outcome");
    for (const e of seeded.filter((e) => scores.get(e.entry_id)!.status === "as of after lift-off")) assert.ok(Date.parse(e.as_of) >= Date.parse(scores.get(e.entry_id)!.lift_off_utc!));
    const s = step.summary;
    assert.equal(s.scored, step.scores.filter((x) => x.status === "scored").length);
    assert.ok(s.logLoss! > 0 && s.baseRate!.logLoss > 0 && s.recentRate!.logLoss > 0);
  });

  test("an outcome arriving scores the entry; a launch that never happened closes it unscored", async () => {
    const step = await buildLedger(card, release, { mode: "replay", lastGood: join(work, "score", "manifest.replay.x.json"), env: { F9_BUILD_TIME: T1 } });
    const waiting = step.entries.filter((e) => e.kind === "build" && e.rocket === "Falcon 9" && e.net_utc > e.frozen_at).sort((a, b) => Date.parse(a.net_utc) - Date.parse(b.net_utc))[0]!;
    assert.equal(step.scores.find((s) => s.entry_id === waiting.entry_id)!.status, "awaiting outcome");
    const record = { launches: release.tables.launches!, landings: release.tables.landings!, upcoming: release.tables.upcoming! };
    const liftOff = new Date(Date.parse(waiting.net_utc) + 3_600_000);
    for (const label of [0, 1]) {
      const arrived = {
        ...record,
        launches: [...record.launches, { launch_id: "ll2:test", ll2_id: waiting.ll2_id, date_utc: liftOff, rocket: "Falcon 9" }],
        landings: [...record.landings, { launch_id: "ll2:test", booster_serial: waiting.booster_serial, core_role: "single", label, landing_outcome: label ? "landed" : "failed" }]
      };
      const score = scoreLedger(step.entries, arrived).find((s) => s.entry_id === waiting.entry_id)!;
      assert.equal(score.status, "scored");
      assert.equal(score.label, label);
      assert.equal(score.outcome_source, "landings");
      assert.ok(Math.abs(score.log_loss! + Math.log(label ? waiting.probability : 1 - waiting.probability)) < 1e-12);
      assert.ok(Math.abs(score.base_rate_brier! - (waiting.base_rate - label) ** 2) < 1e-12);
    }
    // Gone from LL2 and the record, and the record runs well past its NET: closed, not scored.
    const gone = {
      ...record,
      upcoming: record.upcoming.filter((u) => u.ll2_id !== waiting.ll2_id),
      launches: [...record.launches, { launch_id: "ll2:later", ll2_id: "later", date_utc: new Date(Date.parse(waiting.net_utc) + 40 * 86_400_000), rocket: "Falcon 9" }]
    };
    const closed = scoreLedger(step.entries, gone).find((s) => s.entry_id === waiting.entry_id)!;
    assert.equal(closed.status, "launch did not happen");
    assert.equal(closed.log_loss, null);
  });

  test("a ledger that lost or rewrote entries against the last good release is refused, naming the key that accepts it", async () => {
    const lastGood = join(work, "refuse", "manifest.replay.x.json");
    const first = await buildLedger(card, release, { mode: "replay", lastGood, env: { F9_BUILD_TIME: T1 } });
    publish(lastGood, first);
    // An older ledger handed in as the previous one: an entry is missing.
    const older = join(work, "older.parquet");
    writeFileSync(older, toParquetLedger(first.entries.slice(1)));
    await assert.rejects(buildLedger(card, release, { mode: "replay", lastGood, env: { F9_BUILD_TIME: T2, F9_PREVIOUS_LEDGER: older } }), (error: Error) => {
      assert.ok(error instanceof DataContractError);
      assert.match(error.message, /ledger:forecast_ledger: forecast ledger entries of the last good release .*lost: /);
      assert.match(error.message, /F9_ACCEPT_DROP=ledger:forecast_ledger/);
      return true;
    });
    // A rewritten entry.
    const edited = join(work, "edited.parquet");
    writeFileSync(edited, toParquetLedger(first.entries.map((e, i) => (i === 0 ? { ...e, mission: "edited afterwards" } : e))));
    await assert.rejects(buildLedger(card, release, { mode: "replay", lastGood, env: { F9_BUILD_TIME: T2, F9_PREVIOUS_LEDGER: edited } }), /rewritten: /);
    // The ledger file beside the last good manifest deleted: not a fresh start, a refused drop.
    rmSync(lastGoodLedgerPath(lastGood));
    await assert.rejects(buildLedger(card, release, { mode: "replay", lastGood, env: { F9_BUILD_TIME: T2 } }), /it published \d+ entries but the ledger file beside its record is missing/);
    // Accepted on purpose, it starts again.
    const restarted = await buildLedger(card, release, { mode: "replay", lastGood, env: { F9_BUILD_TIME: T2, F9_ACCEPT_DROP: "ledger:forecast_ledger" } });
    assert.ok(restarted.comparison?.drop);
  });
});
