import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { runExperiment } from "../../src/ml/evaluate.ts";
import { encode, fitEncoder, type Row } from "../../src/ml/features.ts";
import { fitLogisticGram, gramMatrix, runGrid } from "../../src/ml/grid.ts";

/** The weights and intercept (d + 1 values, the intercept last) of the grid's logistic regression fitted on `rows`, in feature space. */
function fitLogistic(X: Float32Array, d: number, y: ArrayLike<number>, rows: readonly number[], C: number): Float64Array {
  const n = X.length / d;
  const fit = fitLogisticGram(gramMatrix(X, d), n, y, rows, C);
  const theta = new Float64Array(d + 1);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) theta[c] = theta[c]! + fit.alpha[i]! * X[i * d + c]!;
  theta[d] = fit.intercept;
  return theta;
}
import "../../src/ml/libsvm-node.ts";
import { fitModel, gaussian } from "../../src/ml/models.ts";
import { validateParams, type ModelKind } from "../../src/ml/params.ts";
import { decision, fitSvm, kernelMatrix, kernelSpec, plattScaling } from "../../src/ml/svm.ts";
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

/** The gradient of C · Σ log loss + ‖w‖²/2 at θ = (w, intercept), computed in feature space: it vanishes at the optimum. */
function logisticGradient(theta: Float64Array, X: Float32Array, d: number, y: number[], rows: number[], C: number): number[] {
  const g = [...theta.subarray(0, d), 0];
  for (const i of rows) {
    let z = theta[d]!;
    for (let c = 0; c < d; c++) z += theta[c]! * X[i * d + c]!;
    const r = C * (1 / (1 + Math.exp(-z)) - y[i]!);
    for (let c = 0; c < d; c++) g[c] = g[c]! + r * X[i * d + c]!;
    g[d] = g[d]! + r;
  }
  return g;
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
  it("logistic regression by Newton's method: at scikit-learn's optimum, and a stronger penalty gives smaller weights", () => {
    const rows = train.y.map((_, i) => i);
    const weak = fitLogistic(train.X, 2, train.y, rows, 100);
    const strong = fitLogistic(train.X, 2, train.y, rows, 0.001);
    assert.ok(Math.hypot(strong[0]!, strong[1]!) < Math.hypot(weak[0]!, weak[1]!) / 5);
    for (const [theta, C] of [[weak, 100], [strong, 0.001]] as const) {
      const g = logisticGradient(theta, train.X, 2, train.y, rows, C);
      assert.ok(Math.max(...g.map(Math.abs)) < 1e-6, `gradient ${g}`);
    }
  });
  it("logistic regression with more features than rows (as the capstone's folds): at the optimum, warm start or not", () => {
    // 30 rows of 50 noisy features, the label following the first two: the weights live in the rows' span.
    const noise = gaussian(7);
    const n = 40;
    const d = 50;
    const X = Float32Array.from({ length: n * d }, () => noise());
    const y = Array.from({ length: n }, (_, i) => (X[i * d]! + X[i * d + 1]! + 0.5 * noise() > 0 ? 1 : 0));
    const rows = Array.from({ length: 30 }, (_, i) => i + (i >= 15 ? 10 : 0));
    const G = gramMatrix(X, d);
    for (const C of [0.01, 1, 1000]) {
      const theta = fitLogistic(X, d, y, rows, C);
      const g = logisticGradient(theta, X, d, y, rows, C);
      assert.ok(Math.max(...g.map(Math.abs)) < 1e-6 * Math.max(1, C), `C = ${C}: gradient up to ${Math.max(...g.map(Math.abs))}`);
      // Started from another fold's solution, Newton's method lands on the same optimum.
      const other = fitLogisticGram(G, n, y, Array.from({ length: 30 }, (_, i) => i + 10), C);
      const warm = fitLogisticGram(G, n, y, rows, C, other);
      const cold = fitLogisticGram(G, n, y, rows, C);
      assert.ok(Math.abs(warm.intercept - cold.intercept) < 1e-6 * Math.max(1, C), `C = ${C}: intercepts ${warm.intercept} and ${cold.intercept}`);
    }
  });
  it("a grid search over every family finds the clouds", async () => {
    const X = new Float32Array([...train.X, ...test.X]);
    const y = [...train.y, ...test.y];
    const folds = train.y.map((_, i) => i % 5);
    const results = await runGrid(tf, { X, d: 2, y, train: train.y.map((_, i) => i), test: test.y.map((_, i) => 60 + i), folds });
    for (const r of results) assert.equal(r.testAccuracy, 1, `${r.family}: ${r.testAccuracy} with ${JSON.stringify(r.best)}`);
    assert.deepEqual(results.map((r) => r.sklearnCombinations), [3, 125, 648, 80]);
  });
  it("libsvm fits every kernel on 260 rows, and Platt scaling keeps the decision's ranking", async () => {
    const big = clouds(260, 3);
    const rows = Array.from({ length: 200 }, (_, i) => i);
    const held = new Float32Array(big.X.subarray(400));
    for (const kernel of ["linear", "rbf", "poly", "sigmoid"] as const) {
      const spec = kernelSpec(kernel, kernel === "sigmoid" ? 0.01 : 0.5);
      const model = fitSvm(kernelMatrix(spec, big.X, big.X, 2), 260, big.y, rows, { ...spec, C: 1 });
      const vectors = Float32Array.from(model.supportRows.flatMap((i) => [big.X[i * 2]!, big.X[i * 2 + 1]!]));
      const z = decision(spec, vectors, model.coefficients, model.bias, held, 2);
      assert.equal(accuracy(Array.from(z, (v) => (v > 0 ? 1 : 0)), big.y.slice(200)), 1, kernel);
      const [a] = plattScaling(decision(spec, vectors, model.coefficients, model.bias, big.X.subarray(0, 400), 2), big.y.slice(0, 200));
      assert.ok(a > 0, `${kernel}: Platt slope ${a}`);
    }
  });
  it("Platt scaling never turns the ranking round, even when the decision values point the wrong way", () => {
    const [a] = plattScaling([2, 1, -1, -2], [0, 0, 1, 1]);
    assert.ok(a > 0);
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
