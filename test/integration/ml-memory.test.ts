import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { runExperiment } from "../../src/ml/evaluate.ts";
import type { Row } from "../../src/ml/features.ts";
import { runGrid } from "../../src/ml/grid.ts";
import "../../src/ml/libsvm-node.ts";
import type { ModelKind } from "../../src/ml/params.ts";
import { Cancelled } from "../../src/ml/tensors.ts";

await tf.setBackend("cpu");

const rows: Row[] = Array.from({ length: 80 }, (_, i) => ({
  landing_id: `L${i}#0`,
  launch_id: `L${i}`,
  date_utc: Date.UTC(2016, 0, 1) + i * 7 * 86400_000,
  label: i % 7 === 0 ? 0 : 1,
  payload_mass_kg: i % 7 === 0 ? 6000 + i : 3000 + i,
  orbit: i % 2 ? "LEO" : "GTO",
  day_wind_speed_max_kmh: i % 3 ? 10 + (i % 5) : null
}));
const features = ["payload_mass_kg", "orbit", "day_wind_speed_max_kmh", "launch_year"];

describe("TF.js memory", () => {
  for (const kind of ["bayes", "logreg", "mlp", "svm", "knn", "tree"] as ModelKind[]) {
    it(`retraining ${kind} 20 times leaves the tensor count flat`, async () => {
      const run = () => runExperiment(tf, rows, { params: { kind, epochs: 5 }, features, protocol: { kind: "random", testFraction: 0.25, seed: 1 }, importanceRepeats: 1 });
      await run();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 20; i++) await run();
      assert.equal(tf.memory().numTensors, before);
    });
  }
  it("a cancelled run and a grid search leave nothing behind", async () => {
    const before = tf.memory().numTensors;
    let calls = 0;
    await assert.rejects(
      runExperiment(tf, rows, { params: { kind: "mlp", epochs: 500 }, features, protocol: { kind: "kfold", folds: 5, seed: 1 } }, { cancelled: () => ++calls > 3 }),
      Cancelled
    );
    const X = Float32Array.from({ length: 40 * 2 }, (_, i) => Math.sin(i));
    const y = Array.from({ length: 40 }, (_, i) => (i % 4 ? 1 : 0));
    // Not the SVM family: libsvm holds no tensors, and on this noise its (γ = 1000, C = 1000)
    // polynomial candidates take libsvm minutes to converge, as they would scikit-learn.
    await runGrid(tf, { X, d: 2, y, train: y.map((_, i) => i).slice(0, 30), test: y.map((_, i) => i).slice(30), folds: Array.from({ length: 30 }, (_, i) => i % 3) }, { families: ["logreg", "knn"] });
    assert.equal(tf.memory().numTensors, before);
  });
});
