// The forecast's parts: the month-by-month splitter, the three references, the paired bootstrap,
// the Laplace interval, predict.ts against TF.js, and the check that no encoded column of the
// published model says which source reported the row.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { buildRelease } from "../../data-loaders/release.ts";
import { fitBayesLogistic } from "../../src/ml/bayes.ts";
import { runExperiment } from "../../src/ml/evaluate.ts";
import { encode, featureTableRows, fitEncoder, labelledRows, sourceArtifacts, type Row } from "../../src/ml/features.ts";
import { compareToReferences, laplaceRate, METRICS, pairedBootstrap, quantile, recentRate, REFERENCES, referencePredictions, type MetricName } from "../../src/ml/forecast.ts";
import { seededRandom } from "../../src/ml/random.ts";
import { logLoss, rocAuc } from "../../src/ml/metrics.ts";
import { fitModel } from "../../src/ml/models.ts";
import { validateParams } from "../../src/ml/params.ts";
import { forecastFromLogit, logistic, predictRows, type PredictiveCard } from "../../src/ml/predict.ts";
import { CANDIDATES, releaseFromTables, sourceArtifactFeatures, specFeatures, PUBLISHED, WEATHER_CANDIDATES } from "../../src/ml/publish.ts";
import { rounds, type SplitRow } from "../../src/ml/splits.ts";
import { replayHttp } from "../support/snapshots.ts";

await tf.setBackend("cpu");

/** 2016–2019, a few launches a month at irregular days, Falcon Heavies with three cores, failures early. */
function history(): Row[] {
  const rows: Row[] = [];
  let launch = 0;
  for (let month = 0; month < 48; month++) {
    for (let k = 0; k < 1 + (month % 3); k++) {
      const day = 1 + ((month * 7 + k * 11) % 28);
      const time = Date.UTC(2016, month, day, k === 0 && month % 5 === 0 ? 0 : 14);
      const cores = launch % 17 === 0 ? 3 : 1;
      for (let c = 0; c < cores; c++) {
        rows.push({ landing_id: `L${launch}#${c}`, launch_id: `L${launch}`, date_utc: time, label: launch % (month < 12 ? 4 : 19) === 1 ? 0 : 1, experience: launch, orbit: launch % 2 ? "LEO" : "GTO", sources: "test" });
      }
      launch++;
    }
  }
  return rows;
}

describe("month by month, no look-ahead", () => {
  const rows = history();
  const split: SplitRow[] = rows.map((r) => ({ group: String(r.launch_id), label: r.label as number, time: r.date_utc as number }));
  const plan = rounds(split, { kind: "prequential", startYear: 2017 });
  it("never trains on a launch at or after the first day of the month it predicts", () => {
    for (const round of plan) {
      const monthStart = Date.UTC(Number(round.name.slice(0, 4)), Number(round.name.slice(5, 7)) - 1, 1);
      for (const i of round.train) assert.ok(split[i]!.time < monthStart, `${round.name}: trained on ${new Date(split[i]!.time).toISOString()}`);
      for (const i of round.test) assert.equal(new Date(split[i]!.time).toISOString().slice(0, 7), round.name);
      const testLaunches = new Set(round.test.map((i) => split[i]!.group));
      for (const i of round.train) assert.ok(!testLaunches.has(split[i]!.group));
    }
  });
  it("predicts every core from January of the start year exactly once, month after month", () => {
    const tested = plan.flatMap((r) => r.test).sort((a, b) => a - b);
    const expected = split.flatMap((r, i) => (r.time >= Date.UTC(2017, 0, 1) ? [i] : []));
    assert.deepEqual(tested, expected);
    assert.deepEqual(plan.map((r) => r.name), [...new Set(plan.map((r) => r.name))].sort());
    assert.equal(plan[0]!.name, "2017-01");
    assert.equal(plan.length, 36);
    // Training sets only grow.
    for (let m = 1; m < plan.length; m++) assert.ok(plan[m]!.train.length > plan[m - 1]!.train.length);
  });
});

describe("the naive references", () => {
  it("Laplace-smoothed base rate and recent rate, worked by hand", () => {
    assert.equal(laplaceRate([1, 1, 1, 0]), 4 / 6);
    assert.equal(laplaceRate([]), 0.5);
    // The last 3 of 1,1,0,1,0,1 are 1,0,1: (2 + 1) / (3 + 2).
    assert.equal(recentRate([1, 1, 0, 1, 0, 1], 3), 3 / 5);
    assert.equal(recentRate([1, 0], 100), 2 / 4, "fewer rows than the window: all of them");
    assert.throws(() => recentRate([1], 0), /whole number of landings ≥ 1/);
  });
  it("the era model learns that landings get safer with experience", async () => {
    const rows = history();
    const train = rows.filter((r) => (r.date_utc as number) < Date.UTC(2018, 0, 1));
    const test = [{ ...rows[0]!, experience: 1 }, { ...rows[0]!, experience: 60 }];
    const refs = await referencePredictions(tf, train, test, 100);
    assert.ok(refs.era[1]! > refs.era[0]!, `era ${refs.era}`);
    assert.equal(refs.baseRate[0], laplaceRate(train.map((r) => r.label as number)));
  });
  it("every protocol scores the references on the model's own rows, their ROC-AUC computed, not assumed", async () => {
    const rows = history();
    for (const protocol of [{ kind: "prequential", startYear: 2017 }, { kind: "kfold", folds: 4, seed: 1 }] as const) {
      const r = await runExperiment(tf, rows, { params: { kind: "bayes" }, features: ["experience", "orbit"], protocol, recentN: 20, bootstrapReplicates: 200 });
      const labels = r.predictions.map((p) => p.label);
      for (const ref of ["baseRate", "recentRate", "era"] as const) {
        const p = r.predictions.map((x) => x.references[ref]);
        assert.equal(r.references![ref].n, r.metrics.n);
        assert.equal(r.references![ref].logLoss, logLoss(labels, p));
        assert.equal(r.references![ref].rocAuc, rocAuc(labels, p));
        assert.ok(r.comparisons![ref].logLoss!.low <= r.comparisons![ref].logLoss!.high);
      }
      assert.notEqual(r.baseline.rocAuc, 0.5, "the base rate varies between rounds, so it ranks rows");
      assert.equal(r.recentN, 20);
      if (protocol.kind === "prequential") {
        assert.equal(r.race.length, r.perRound.length);
        assert.equal(r.race.at(-1)!.n, r.metrics.n);
        assert.ok(Math.abs(r.race.at(-1)!.model - r.metrics.logLoss) < 1e-12);
        assert.ok(r.predictions.every((p) => p.low! <= p.probability && p.probability <= p.high!));
      }
    }
  });
});

describe("paired bootstrap over launches", () => {
  const metric = (y: number[], p: number[]) => logLoss(y, p);
  it("two launches: the percentile interval runs from one launch's difference to the other's", () => {
    // Launch A: model loses −log 0.9, reference −log 0.5; launch B: −log 0.6 against −log 0.5.
    const dA = -Math.log(0.9) + Math.log(0.5);
    const dB = -Math.log(0.6) + Math.log(0.5);
    const i = pairedBootstrap(["A", "B"], [1, 1], [0.9, 0.6], [0.5, 0.5], metric, { replicates: 4000, seed: 7 })!;
    assert.ok(Math.abs(i.difference - (dA + dB) / 2) < 1e-12);
    // Drawing A twice has probability 1/4, so the 2.5% and 97.5% points are the extremes.
    assert.ok(Math.abs(i.low - dA) < 1e-12, `${i.low} vs ${dA}`);
    assert.ok(Math.abs(i.high - dB) < 1e-12, `${i.high} vs ${dB}`);
  });
  it("a fixed seed gives the same interval; a launch's cores are drawn together", () => {
    const groups = ["A", "A", "A", "B", "C", "D"];
    const y = [0, 0, 0, 1, 1, 1];
    const a = [0.4, 0.4, 0.4, 0.9, 0.8, 0.95];
    const b = [0.9, 0.9, 0.9, 0.95, 0.95, 0.95];
    const one = pairedBootstrap(groups, y, a, b, metric, { replicates: 500, seed: 3 });
    assert.deepEqual(pairedBootstrap(groups, y, a, b, metric, { replicates: 500, seed: 3 }), one);
    assert.notDeepEqual(pairedBootstrap(groups, y, a, b, metric, { replicates: 500, seed: 4 }), one);
    // Every replicate draws 4 launches: had cores been drawn one by one, a replicate could mix A's cores with others' freely.
    const sizes = new Set<number>();
    pairedBootstrap(groups, y, a, b, (yy) => (sizes.add(yy.length), 0), { replicates: 200, seed: 3 });
    for (const n of sizes) assert.ok([4, 6, 8, 10, 12].includes(n), `replicate of ${n} cores`);
  });
  it("compareToReferences, in one pass, gives each pair's pairedBootstrap interval", () => {
    // Launches of one to three cores, tied scores, and replicates where a class is missing (ROC-AUC undefined).
    const random = seededRandom(11);
    const groups: string[] = [], y: number[] = [], model: number[] = [];
    for (let launch = 0; launch < 40; launch++) {
      for (let core = 0; core < 1 + (launch % 3 === 0 ? 2 : 0); core++) {
        groups.push(`L${launch}`);
        y.push(random() < 0.85 ? 1 : 0);
        model.push(Math.round(random() * 20) / 20);
      }
    }
    const references = { baseRate: y.map(() => 0.8), recentRate: y.map(() => Math.round(random() * 10) / 10), era: y.map(() => random()) };
    const together = compareToReferences(groups, y, model, references, 300, 5);
    for (const ref of REFERENCES) {
      for (const m of Object.keys(METRICS) as MetricName[]) {
        const alone = pairedBootstrap(groups, y, model, references[ref], METRICS[m], { replicates: 300, seed: 5 });
        const got = together[ref][m];
        assert.ok(alone && got, `${ref} ${m}`);
        assert.equal(got.replicates, alone.replicates, `${ref} ${m}: replicates`);
        for (const k of ["difference", "low", "high"] as const) assert.ok(Math.abs(got[k] - alone[k]) < 1e-12, `${ref} ${m} ${k}: ${got[k]} vs ${alone[k]}`);
      }
    }
  });
  it("quantiles interpolate like numpy's default", () => {
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantile([1, 2, 3, 4], 0.025), 1.075);
  });
});

describe("Laplace interval", () => {
  it("intercept only, flat prior: the MLE and Fisher information, a textbook answer", () => {
    const y = Array.from({ length: 100 }, (_, i) => (i < 80 ? 1 : 0));
    const fit = fitBayesLogistic(tf, new Float32Array(0), 0, y, { interceptScale: 1e4 });
    assert.ok(fit.converged);
    assert.ok(Math.abs(fit.intercept - Math.log(4)) < 1e-5, `${fit.intercept}`);
    // Var(logit) = 1 / (n p (1 − p)) = 1 / 16; 1 / (1 + e^−1.96) = 0.876529.
    assert.ok(Math.abs(fit.covariance[0]! - 1 / 16) < 1e-5, `${fit.covariance[0]}`);
    const card: PredictiveCard = { encoder: { features: [], columns: [], categories: {} }, intercept: fit.intercept, coefficients: [], covariance: [[fit.covariance[0]!]] };
    const [f] = predictRows(card, [{}]);
    assert.ok(Math.abs(f!.probability - 0.8) < 1e-6);
    assert.ok(Math.abs(f!.low - logistic(Math.log(4) - 1.959964 * 0.25)) < 1e-5);
    assert.ok(Math.abs(f!.high - logistic(Math.log(4) + 1.959964 * 0.25)) < 1e-5);
  });
  it("log-odds 0 with variance 1: σ(±1.96)", () => {
    const f = forecastFromLogit(0, 1);
    assert.equal(f.probability, 0.5);
    assert.ok(Math.abs(f.low - 0.123471) < 1e-6 && Math.abs(f.high - 0.876529) < 1e-6, `${f.low} ${f.high}`);
  });
  it("a stronger prior shrinks the weight; the evidence picks a scale from the grid", () => {
    const rows = history();
    const encoder = fitEncoder(rows, ["experience", "orbit"], rows);
    const X = encode(encoder, rows);
    const y = rows.map((r) => r.label as number);
    const tight = fitBayesLogistic(tf, X, encoder.columns.length, y, { priorScale: 0.05 });
    const loose = fitBayesLogistic(tf, X, encoder.columns.length, y, { priorScale: 5 });
    assert.ok(Math.abs(tight.weights[0]!) < Math.abs(loose.weights[0]!));
    const chosen = fitBayesLogistic(tf, X, encoder.columns.length, y);
    assert.ok(chosen.evidence.every((e) => e.logEvidence <= chosen.logEvidence));
    assert.equal(tf.memory().numTensors, 0, "every tensor disposed");
  });
});

describe("predict.ts (no TF.js) against TF.js", () => {
  it("the same probabilities to 1e-6, and the fitted model's intervals", async () => {
    const rows = history();
    const encoder = fitEncoder(rows, ["experience", "orbit"], rows);
    const X = encode(encoder, rows);
    const fitted = await fitModel(tf, validateParams({ kind: "bayes" }), X, encoder.columns.length, rows.map((r) => r.label as number));
    const tfjs = fitted.predict(X);
    const card: PredictiveCard = { encoder, intercept: fitted.linear!.bias, coefficients: encoder.columns.map((c, j) => ({ column: c.name, weight: fitted.linear!.weights[j]! })), covariance: fitted.posterior!.covariance };
    const plain = predictRows(card, rows);
    let largest = 0;
    plain.forEach((f, i) => (largest = Math.max(largest, Math.abs(f.probability - tfjs[i]!))));
    assert.ok(largest < 1e-6, `largest difference ${largest}`);
    assert.deepEqual(plain.map((f) => [f.low, f.high]), fitted.forecast!(X).map((f) => [f.low, f.high]));
    assert.throws(() => predictRows({ ...card, covariance: [[1]] }, rows), /covariance must be/);
  });
});

describe("features describe boosters and missions, not sources", () => {
  it("flags a column that copies the source flag, passes one that does not", () => {
    const rows: Row[] = Array.from({ length: 60 }, (_, i) => ({ sources: i < 30 ? "a" : "b", legs: i < 30 ? true : null, core_flight: 1 + (i % 7), label: 1 }));
    const encoder = fitEncoder(rows, ["legs", "core_flight"], rows);
    const flagged = sourceArtifacts(encoder, rows).map((a) => a.column);
    assert.ok(flagged.includes("legs (missing)"));
    assert.ok(!flagged.includes("core_flight"));
  });
  it("tests a weather column against the weather sources: a value that only says which weather source gave it is caught", () => {
    const source = (i: number) => (i < 30 ? "ll2" : i < 50 ? "ll2-open-meteo" : "");
    const rows: Row[] = Array.from({ length: 60 }, (_, i) => ({ sources: "a", weather_sources: source(i), weather_probability_pct: source(i) === "ll2" ? 90 : source(i) ? 40 : null, day_wind_speed_max_kmh: i < 40 ? 10 + (i % 9) : null, label: 1 }));
    const found = sourceArtifactFeatures(rows, ["weather_probability_pct", "day_wind_speed_max_kmh"]);
    assert.deepEqual(found.map((a) => a.column), ["weather_probability_pct"]);
  });
  it("on the recorded data: the published models' candidate columns are clean, and the old default's copies are caught", async () => {
    const built = await buildRelease(replayHttp());
    const release = await releaseFromTables(built.tables);
    const labelled = labelledRows(featureTableRows(release.tables));
    const artifacts = sourceArtifactFeatures(labelled, CANDIDATES);
    const flagged = new Set(artifacts.map((a) => a.feature));
    const flaggedColumns = artifacts.map((a) => a.column);
    const usable = CANDIDATES.filter((c) => !flagged.has(c));
    for (const spec of PUBLISHED) {
      const features = specFeatures(spec, usable);
      const found = sourceArtifacts(fitEncoder(labelled, features, labelled), labelled, (r) => `${r.sources}|${r.weather_sources ?? ""}`);
      assert.deepEqual(found, [], `${spec.name}: ${JSON.stringify(found)}`);
    }
    // The weather candidates pass the check (against the landing and the weather sources) and go
    // into selection; weather covers later years better, so none carries a missing-value indicator
    // that would stand in for the era: a launch without weather sits at the mean.
    assert.deepEqual(WEATHER_CANDIDATES.filter((c) => flagged.has(c) || !CANDIDATES.includes(c)), []);
    const weatherColumns = fitEncoder(labelled, WEATHER_CANDIDATES, labelled).columns.map((c) => c.name);
    assert.deepEqual(weatherColumns, WEATHER_CANDIDATES);
    assert.ok(labelled.filter((r) => r.weather_probability_pct !== null).length > 400, "the forecast covers most labelled cores");
    assert.ok(labelled.some((r) => r.weather_probability_pct === null), "and not all");
    // The check has teeth: the columns that copy "reported by a post-2022 source" are caught.
    for (const column of ["gridfins (missing)", "legs (missing)"]) assert.ok(flaggedColumns.includes(column), `${column} not flagged: ${flaggedColumns}`);
    // A mission fact that decides which sources list a launch is not an artifact.
    assert.ok(!flagged.has("rocket") && !flagged.has("core_role"));
  });
});
