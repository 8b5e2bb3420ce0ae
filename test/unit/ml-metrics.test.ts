import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { averagePrecision, baselineMetrics, brier, calibrationBins, confusion, evaluate, logLoss, rocAuc, rocCurve, wilsonInterval } from "../../src/ml/metrics.ts";

// Five cores worked by hand: landed, landed, failed, landed, failed.
const y = [1, 1, 0, 1, 0];
const p = [0.9, 0.6, 0.4, 0.3, 0.1];
const close = (a: number | null, b: number, eps = 1e-4) => assert.ok(a !== null && Math.abs(a - b) < eps, `${a} ≠ ${b}`);

describe("metrics against hand-computed values", () => {
  it("confusion, accuracy and balanced accuracy at p > 0.5", () => {
    assert.deepEqual(confusion(y, p), { tp: 2, fp: 0, tn: 2, fn: 1 });
    const m = evaluate(y, p);
    close(m.accuracy, 0.8);
    close(m.balancedAccuracy, (2 / 3 + 1) / 2);
    assert.equal(m.baseRate, 0.6);
  });
  it("ROC-AUC is the share of (landed, failed) pairs ranked right: 5 of 6", () => {
    close(rocAuc(y, p), 5 / 6);
    close(rocAuc([1, 0], [0.5, 0.5]), 0.5);
    assert.equal(rocAuc([1, 1, 1], [0.2, 0.5, 0.9]), null, "undefined without a failure");
  });
  it("average precision: 1/3·1 + 1/3·1 + 1/3·3/4", () => {
    close(averagePrecision(y, p), 1 / 3 + 1 / 3 + 0.25);
    // Failures as the positive class, scored by 1 − p: ranks 0.9 (0.1, failed), 0.7, 0.6 (failed)…
    close(averagePrecision(y, p.map((v) => 1 - v), 0), (1 / 2) * 1 + (1 / 2) * (2 / 3));
  });
  it("log loss and Brier score", () => {
    close(logLoss(y, p), -(Math.log(0.9) + Math.log(0.6) + Math.log(0.6) + Math.log(0.3) + Math.log(0.9)) / 5);
    close(brier(y, p), 0.83 / 5);
    assert.ok(Number.isFinite(logLoss([1], [0])), "clipped, not infinite");
  });
  it("the majority-class baseline predicts the training base rate", () => {
    const b = baselineMetrics(y, 0.75);
    close(b.accuracy, 0.6);
    close(b.rocAuc, 0.5);
    close(b.brier, (3 * 0.0625 + 2 * 0.5625) / 5);
  });
  it("ROC curve runs from (0,0) to (1,1); calibration bins count every row", () => {
    const curve = rocCurve(y, p)!;
    assert.deepEqual([curve[0]!.fpr, curve[0]!.tpr], [0, 0]);
    assert.deepEqual([curve.at(-1)!.fpr, curve.at(-1)!.tpr], [1, 1]);
    assert.equal(rocCurve([1, 1], [0.1, 0.2]), null);
    const bins = calibrationBins(y, p);
    assert.equal(bins.reduce((s, b) => s + b.count, 0), 5);
    assert.deepEqual(bins.find((b) => b.lower === 0.9)!.observedRate, 1);
  });
  it("Wilson interval for the capstone's 15 of 18", () => {
    const [low, high] = wilsonInterval(15, 18);
    close(low, 0.6078, 1e-3);
    close(high, 0.9416, 1e-3);
  });
  it("refuses an empty test set", () => {
    assert.throws(() => evaluate([], []), /test set is empty/);
  });
});

describe("ROC-AUC uncertainty", () => {
  it("Hanley–McNeil standard error, worked by hand for A = 0.8, 10 landed, 5 failed", async () => {
    const { rocAucStandardError } = await import("../../src/ml/metrics.ts");
    // Q1 = 0.8/1.2 = 0.6667, Q2 = 1.28/1.8 = 0.7111; (0.16 + 9·0.0267 + 4·0.0711)/50 = 0.013689; √ = 0.1170.
    close(rocAucStandardError(0.8, 10, 5), 0.1170, 1e-4);
    assert.equal(rocAucStandardError(null, 10, 0), null);
  });
});
