import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { runExperiment } from "../../src/ml/evaluate.ts";
import { encode, fitEncoder, type Row } from "../../src/ml/features.ts";
import { runGrid } from "../../src/ml/grid.ts";
import { fitModel, gaussian } from "../../src/ml/models.ts";
import { validateParams, type ModelKind } from "../../src/ml/params.ts";
import { trainLinearBatch } from "../../src/ml/tensors.ts";
import { fitTree, predictTree } from "../../src/ml/tree.ts";

await tf.setBackend("cpu");

// Two well-separated clouds in 2-D (apart on either axis alone): landed around (+2, +2), failed around (−2, −2).
function clouds(n: number, seed: number): { X: Float32Array; y: number[] } {
  const noise = gaussian(seed);
  const X = new Float32Array(n * 2);
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 3 === 0 ? 0 : 1;
    X[i * 2] = (label ? 2 : -2) + 0.5 * noise();
    X[i * 2 + 1] = (label ? 2 : -2) + 0.5 * noise();
    y.push(label);
  }
  return { X, y };
}

const accuracy = (p: ArrayLike<number>, y: number[]) => y.filter((v, i) => (p[i]! > 0.5 ? 1 : 0) === v).length / y.length;

describe("models on hand-built separable data", () => {
  const train = clouds(60, 1);
  const test = clouds(30, 2);
  for (const kind of ["bayes", "logreg", "mlp", "svm", "tree", "knn"] as ModelKind[]) {
    it(`${kind} separates the two clouds`, async () => {
      const fitted = await fitModel(tf, validateParams({ kind, epochs: 60, hiddenLayers: 1, units: 8, dropout: 0 }), train.X, 2, train.y);
      try {
        assert.equal(accuracy(fitted.predict(test.X), test.y), 1);
        const p = fitted.predict(test.X);
        assert.ok(Array.from(p).every((v) => v >= 0 && v <= 1), "probabilities in [0, 1]");
      } finally {
        fitted.dispose();
      }
    });
  }
  it("the same seed gives the same model", async () => {
    const params = validateParams({ kind: "mlp", epochs: 10, seed: 3 });
    const a = await fitModel(tf, params, train.X, 2, train.y);
    const b = await fitModel(tf, params, train.X, 2, train.y);
    assert.deepEqual(Array.from(a.predict(test.X)), Array.from(b.predict(test.X)));
    a.dispose();
    b.dispose();
  });
  it("a depth-1 tree finds the split between the clouds", () => {
    const tree = fitTree(train.X, 2, train.y, train.y.map((_, i) => i), { maxDepth: 1, criterion: "gini", minSamplesLeaf: 1, minSamplesSplit: 2, maxFeatures: null, splitter: "best", random: Math.random });
    assert.ok("feature" in tree);
    assert.deepEqual(Array.from(predictTree(tree, new Float32Array([3, 3, -3, -3]), 2)), [1, 0]);
  });
  it("batched logistic regressions learn independently: a stronger penalty gives smaller weights", async () => {
    const masks = [new Float32Array(60).fill(1)];
    const result = await trainLinearBatch(tf, { X: [train.X], d: 2, y: train.y, trainMasks: masks, candidates: [{ fold: 0, C: 0.001 }, { fold: 0, C: 100 }], loss: "logistic", epochs: 300, learningRate: 0.05 });
    const norm = (b: number) => Math.hypot(result.coefficients[b * 2]!, result.coefficients[b * 2 + 1]!);
    assert.ok(norm(0) < norm(1) / 5, `‖w‖ ${norm(0)} vs ${norm(1)}`);
    const alone = await trainLinearBatch(tf, { X: [train.X], d: 2, y: train.y, trainMasks: masks, candidates: [{ fold: 0, C: 100 }], loss: "logistic", epochs: 300, learningRate: 0.05 });
    assert.ok(Math.abs(norm(1) - Math.hypot(alone.coefficients[0]!, alone.coefficients[1]!)) < 1e-4, "training beside another candidate changes nothing");
  });
  it("a grid search over every family finds the clouds", async () => {
    const X = new Float32Array([...train.X, ...test.X]);
    const y = [...train.y, ...test.y];
    const folds = train.y.map((_, i) => i % 5);
    const results = await runGrid(tf, { X, d: 2, y, train: train.y.map((_, i) => i), test: test.y.map((_, i) => 60 + i), folds }, { epochs: 100 });
    for (const r of results) assert.equal(r.testAccuracy, 1, `${r.family}: ${r.testAccuracy} with ${JSON.stringify(r.best)}`);
    assert.deepEqual(results.map((r) => r.sklearnCombinations), [3, 100, 648, 80]);
  });
  it("above 200 rows the SVM grid switches to the primal and random Fourier features, and still finds the clouds", async () => {
    const big = clouds(260, 3);
    const train_ = Array.from({ length: 200 }, (_, i) => i);
    const test_ = Array.from({ length: 60 }, (_, i) => 200 + i);
    const [svm] = await runGrid(tf, { X: big.X, d: 2, y: big.y, train: train_, test: test_, folds: train_.map((i) => i % 5) }, { families: ["svm"], epochs: 60 });
    assert.match(svm!.notes, /random Fourier features/);
    assert.equal(svm!.testAccuracy, 1);
    assert.deepEqual(new Set(svm!.candidates.map((c) => c.params.kernel)), new Set(["linear", "rbf"]));
  });
});

describe("bad parameters get clear messages", () => {
  it("names the problem and the fix", () => {
    assert.throws(() => validateParams({ kind: "logreg", learningRate: -0.1 }), /learning rate must be a number above 0/);
    assert.throws(() => validateParams({ kind: "logreg", epochs: 0 }), /Epochs must be a whole number ≥ 1/);
    assert.throws(() => validateParams({ kind: "bayes", priorScale: -1 }), /prior scale must be 0 \(chosen by evidence\)/);
    assert.throws(() => validateParams({ kind: "knn", k: 0 }), /k must be a whole number ≥ 1/);
    assert.throws(() => validateParams({ kind: "mlp", dropout: 1 }), /Dropout must be in \[0, 1\)/);
  });
  it("an empty feature set", async () => {
    const rows: Row[] = Array.from({ length: 20 }, (_, i) => ({ launch_id: `L${i}`, landing_id: `L${i}#0`, date_utc: i, label: i % 2 }));
    await assert.rejects(runExperiment(tf, rows, { params: {}, features: [], protocol: { kind: "random", testFraction: 0.2, seed: 1 } }), /No features selected/);
    assert.throws(() => fitEncoder(rows, []), /No features selected/);
  });
});

describe("feature encoding", () => {
  it("one-hot for training categories, standardization, and a missing indicator instead of a silent fill", () => {
    const rows: Row[] = [
      { orbit: "LEO", payload_mass_kg: 1000 },
      { orbit: "GTO", payload_mass_kg: 3000 },
      { orbit: "LEO", payload_mass_kg: null }
    ];
    const encoder = fitEncoder(rows, ["orbit", "payload_mass_kg"]);
    assert.deepEqual(encoder.columns.map((c) => c.name), ["orbit = GTO", "orbit = LEO", "payload_mass_kg", "payload_mass_kg (missing)"]);
    const X = encode(encoder, [{ orbit: "SSO", payload_mass_kg: null }]);
    // An unseen orbit is all zeros before standardizing; a missing mass sits at the mean and is flagged.
    const raw = encoder.columns.map((c, j) => X[j]! * c.scale + c.mean);
    assert.deepEqual(raw.map((v) => Math.round(v * 1000) / 1000), [0, 0, 2000, 1]);
  });
});
