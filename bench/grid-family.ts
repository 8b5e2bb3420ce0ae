// Families of the capstone grid timed once in a fresh Node process, as a reader's worker runs them
// (cold: nothing compiled yet). Reads the JSON problem bench/peer/sklearn_grid.py reads, on stdin,
// and prints one JSON line in its shape, so both sides time the same rows, folds and grid.
import * as tf from "@tensorflow/tfjs";
import { text } from "node:stream/consumers";
import { runGrid, type Family } from "../src/ml/grid.ts";
import "../src/ml/libsvm-node.ts";

interface Problem {
  X: number[];
  d: number;
  y: number[];
  train: number[];
  test: number[];
  folds: number[];
  families: Family[];
}

const problem = JSON.parse(await text(process.stdin)) as Problem;
await tf.setBackend("cpu");
const data = { X: Float32Array.from(problem.X), d: problem.d, y: problem.y, train: problem.train, test: problem.test, folds: problem.folds };
const started = performance.now();
const results = await runGrid(tf, data, { families: problem.families });
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    seconds,
    families: results.map((r) => ({ family: r.family, seconds: r.seconds, combinations: r.sklearnCombinations, best_params: r.best.params, cv_accuracy: r.best.cvAccuracy, test_accuracy: r.testAccuracy }))
  })
);
