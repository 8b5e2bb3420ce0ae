// npx tsx scripts/model-figures.ts (with F9_SNAPSHOTS=../shared/snapshots)
// The figures docs/model.md quotes besides the model cards': the capstone task's cross-validation
// (this site's 80 columns and the course's own dataset_part_3.csv, all columns against `Legs`
// alone) and the neural network's 10-fold row over several seeds. Printed, never written down by hand.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs";
import { projectRoot, snapshotCatalog } from "../data-loaders/config.ts";
import { Http } from "../data-loaders/http.ts";
import { buildRelease } from "../data-loaders/release.ts";
import { fitBayesLogistic } from "../src/ml/bayes.ts";
import { capstoneData, capstoneInput } from "../src/ml/capstone.ts";
import { runExperiment } from "../src/ml/evaluate.ts";
import { featuresOfGroups, featureTableRows } from "../src/ml/features.ts";
import { logistic } from "../src/ml/predict.ts";
import { releaseFromTables } from "../src/ml/publish.ts";
import { seededRandom, shuffled } from "../src/ml/random.ts";
import { sklearnStratifiedFolds } from "../src/ml/splits.ts";

const USAGE = "Usage: F9_SNAPSHOTS=../shared/snapshots npx tsx scripts/model-figures.ts [--seeds N] [--repeats N]";
const { values } = parseArgs({ options: { seeds: { type: "string", default: "3" }, repeats: { type: "string", default: "10" }, help: { type: "boolean", default: false } }, strict: true });
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!process.env.F9_SNAPSHOTS) {
  console.error(`F9_SNAPSHOTS is not set: these figures come from the recorded data.\n${USAGE}`);
  process.exit(2);
}
const snapshots = resolve(projectRoot, process.env.F9_SNAPSHOTS);
await tf.setBackend("cpu");

/** scikit-learn's LogisticRegression(C): penalty ½‖w‖² + C Σ loss, i.e. a N(0, C) prior; intercept unpenalized. */
function logisticAccuracy(X: Float32Array, d: number, y: readonly number[], train: number[], test: number[], C: number): number {
  const pick = (idx: number[]) => {
    const out = new Float32Array(idx.length * d);
    idx.forEach((i, k) => out.set(X.subarray(i * d, i * d + d), k * d));
    return out;
  };
  const fit = fitBayesLogistic(tf, pick(train), d, train.map((i) => y[i]!), { priorScale: Math.sqrt(C), interceptScale: 1e4 });
  let correct = 0;
  for (const i of test) {
    let z = fit.intercept;
    for (let j = 0; j < d; j++) z += fit.weights[j]! * X[i * d + j]!;
    if ((logistic(z) > 0.5 ? 1 : 0) === y[i]) correct++;
  }
  return correct / test.length;
}

function columnsOf(X: Float32Array, d: number, keep: number[]): Float32Array {
  const n = X.length / d;
  const out = new Float32Array(n * keep.length);
  for (let i = 0; i < n; i++) keep.forEach((j, k) => (out[i * keep.length + k] = X[i * d + j]!));
  return out;
}

function standardized(raw: number[][]): Float32Array {
  const n = raw.length;
  const d = raw[0]!.length;
  const X = new Float32Array(n * d);
  for (let j = 0; j < d; j++) {
    const mean = raw.reduce((s, r) => s + r[j]!, 0) / n;
    const sd = Math.sqrt(raw.reduce((s, r) => s + (r[j]! - mean) ** 2, 0) / n) || 1;
    raw.forEach((r, i) => (X[i * d + j] = (r[j]! - mean) / sd));
  }
  return X;
}

/** The notebook's GridSearchCV: mean accuracy over its 10 unshuffled stratified folds of the 72 training rows. */
function notebookCv(X: Float32Array, d: number, y: readonly number[], train: readonly number[], C: number): number {
  const folds = sklearnStratifiedFolds(train.map((i) => y[i]!), 10);
  let sum = 0;
  for (let f = 0; f < 10; f++) sum += logisticAccuracy(X, d, y, train.filter((_, k) => folds[k] !== f), train.filter((_, k) => folds[k] === f), C);
  return sum / 10;
}

/** Repeated stratified 10-fold CV over all rows (shuffled per repeat, seeded): mean accuracy. */
function repeatedCv(X: Float32Array, d: number, y: readonly number[], repeats: number, C = 1): number {
  let sum = 0;
  let count = 0;
  for (let r = 0; r < repeats; r++) {
    const random = seededRandom(1000 + r);
    const fold = new Array<number>(y.length);
    let next = 0;
    for (const label of [0, 1]) for (const i of shuffled(y.flatMap((v, i) => (v === label ? [i] : [])), random)) fold[i] = next++ % 10;
    for (let f = 0; f < 10; f++) {
      const all = y.map((_, i) => i);
      sum += logisticAccuracy(X, d, y, all.filter((i) => fold[i] !== f), all.filter((i) => fold[i] === f), C);
      count++;
    }
  }
  return sum / count;
}

const release = await releaseFromTables((await buildRelease(new Http({ mode: "replay", snapshotDir: snapshots, catalog: snapshotCatalog, log: () => {} }))).tables);
const rows = featureTableRows(release.tables);
const capstone = capstoneData(capstoneInput(rows, release.tables));
const [head, ...lines] = readFileSync(join(snapshots, "reference", "dataset_part_3.csv"), "utf8").trim().split("\n");
const courseColumns = head!.split(",");
const courseX = standardized(lines.map((l) => l.split(",").map(Number)));
const repeats = Number(values.repeats);

console.log("## Capstone task (90 launches, Class)");
for (const [name, X, d, legs] of [
  ["this site's columns", capstone.X, capstone.d, capstone.columns.indexOf("Legs")],
  ["the course's dataset_part_3.csv", courseX, courseColumns.length, courseColumns.indexOf("Legs")]
] as const) {
  const grid = [0.01, 0.1, 1].map((C) => ({ C, cv: notebookCv(X, d, capstone.y, capstone.train, C) }));
  const best = grid.reduce((a, b) => (b.cv > a.cv ? b : a));
  console.log(`- ${name} (${d} columns): notebook grid CV ${grid.map((g) => `C=${g.C} ${g.cv.toFixed(3)}`).join(", ")}; best C=${best.C} at ${best.cv.toFixed(3)}`);
  console.log(`  repeated 10-fold CV (${repeats} repeats, C=1): all columns ${repeatedCv(X, d, capstone.y, repeats).toFixed(3)}, Legs alone ${repeatedCv(columnsOf(X, d, [legs]), 1, capstone.y, repeats).toFixed(3)}`);
}

console.log("\n## Neural network (1×16), 10-fold CV, mission + booster + landing");
const seeds = Number(values.seeds);
for (let seed = 42; seed < 42 + seeds; seed++) {
  const r = await runExperiment(tf, rows, { params: { kind: "mlp", seed, hiddenLayers: 1, units: 16 }, features: featuresOfGroups(["mission", "booster", "landing"]), protocol: { kind: "kfold", folds: 10, seed: 42 }, bootstrapReplicates: 0 });
  console.log(`- seed ${seed}: ROC-AUC ${r.metrics.rocAuc?.toFixed(3)}, log loss ${r.metrics.logLoss.toFixed(3)}, Brier ${r.metrics.brier.toFixed(4)}; era model ${r.references!.era.rocAuc?.toFixed(3)} / ${r.references!.era.logLoss.toFixed(3)}; ${r.metrics.n} cores, ${r.metrics.n - r.metrics.positives} failed`);
}
