// Training figures measured in Node on the site's own model code, and the peer comparison: the
// capstone grid search by scikit-learn on the same rows and folds, where Python has it.
import { capstoneInput } from "../src/ml/capstone.ts";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { projectRoot } from "../data-loaders/config.ts";
import { encode, featureTableRows, featuresOfGroups, fitEncoder, labelledRows, type Row } from "../src/ml/features.ts";
import { runGrid } from "../src/ml/grid.ts";
import { gridData, runGridOn } from "../src/ml/grid-runs.ts";
import "../src/ml/libsvm-node.ts";
import { useLibsvm, type Libsvm } from "../src/ml/svm.ts";
import { fitModel } from "../src/ml/models.ts";
import { validateParams } from "../src/ml/params.ts";
import { PUBLISHED, readRelease } from "../src/ml/publish.ts";
import { median } from "./figures.ts";

export interface GridFigures {
  seconds: number;
  families: { family: string; seconds: number; cvAccuracy: number; testAccuracy: number; combinations: number }[];
}

export interface PeerFigures {
  python: string;
  sklearn: string;
  seconds: number;
  families: { family: string; seconds: number; cv_accuracy: number; test_accuracy: number; combinations: number; best_params: Record<string, unknown> }[];
}

export interface NodeTrainingFigures {
  rows: number;
  defaultModelMs: number;
  grid: GridFigures;
  /** The SVM family alone, by libsvm-js's WebAssembly build (used) and its asm.js build. */
  svmSeconds: { wasm: number; asm: number };
  /** scikit-learn pinned to one thread (the fair peer) and at its defaults. */
  peer: PeerFigures | { skipped: string };
  peerDefault: PeerFigures | { skipped: string };
}

/** The tables as `npm run data` writes them, from the recorded responses. */
async function featureRows(snapshots: string): Promise<Row[]> {
  const out = mkdtempSync(join(tmpdir(), "f9-bench-data-"));
  try {
    const result = spawnSync("npx", ["tsx", "data-loaders/cli.ts", "--out", out], {
      cwd: projectRoot,
      env: { ...process.env, F9_SNAPSHOTS: snapshots },
      encoding: "utf8"
    });
    if (result.status !== 0) throw new Error(`npm run data failed:\n${result.stderr.slice(-2000)}`);
    // The capstone replica's grids need its pre-flight row too (unlabelled: no other model sees it).
    const release = await readRelease(out);
    return capstoneInput(featureTableRows(release.tables), release.tables);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export async function measureNodeTraining(snapshots: string, runs = 5): Promise<NodeTrainingFigures> {
  await tf.setBackend("cpu");
  const rows = await featureRows(snapshots);
  const spec = PUBLISHED.find((p) => p.name === "default")!;
  const params = validateParams(spec.params);
  const labelled = labelledRows(rows);
  const features = spec.features;
  const encoder = fitEncoder(labelled, features, labelled);
  const X = encode(encoder, labelled);
  const y = labelled.map((r) => r.label as number);
  const times: number[] = [];
  // One warm-up fit: the first pays for TF.js kernel registration, which a reader pays once too.
  for (let i = 0; i <= runs; i++) {
    const start = performance.now();
    const fitted = await fitModel(tf, params, X, encoder.columns.length, y);
    if (i > 0) times.push(performance.now() - start);
    fitted.dispose();
  }
  const run = await runGridOn(tf, rows, { kind: "capstone" }, undefined);
  const grid: GridFigures = {
    seconds: run.seconds,
    families: run.families.map((f) => ({ family: f.family, seconds: f.seconds, cvAccuracy: f.best.cvAccuracy, testAccuracy: f.testAccuracy, combinations: f.sklearnCombinations }))
  };
  const svmSeconds = { wasm: run.families.find((f) => f.family === "svm")!.seconds, asm: await svmWithAsm(rows) };
  return { rows: labelled.length, defaultModelMs: median(times), grid, svmSeconds, peer: runPeer(rows, true), peerDefault: runPeer(rows, false) };
}

/** The SVM grid again with libsvm-js's asm.js build, then the WebAssembly build back in place. */
async function svmWithAsm(rows: Row[]): Promise<number> {
  const require = createRequire(import.meta.url);
  const wasm = (await require("libsvm-js")) as Libsvm;
  useLibsvm(require("libsvm-js/asm") as Libsvm);
  try {
    const [svm] = await runGrid(tf, gridData(rows, { kind: "capstone" }), { families: ["svm"] });
    return svm!.seconds;
  } finally {
    useLibsvm(wasm);
  }
}

function pythonWithSklearn(): string | null {
  for (const python of ["python3", "/usr/bin/python3", "python"]) {
    const probe = spawnSync(python, ["-c", "import sklearn"], { encoding: "utf8" });
    if (probe.status === 0) return python;
  }
  return null;
}

/**
 * scikit-learn's GridSearchCV over the capstone grid, on exactly the rows, scaling and folds the
 * site uses: pinned to one thread (n_jobs=1 as the notebook, and no OpenMP/BLAS threads), or at
 * its defaults (k-NN's OpenMP threads then fight over the cores).
 */
function runPeer(rows: Row[], pinned: boolean): PeerFigures | { skipped: string } {
  const python = pythonWithSklearn();
  if (!python) return { skipped: "no Python with scikit-learn on this machine (python3 -c 'import sklearn' fails); peer comparison not run" };
  const data = gridData(rows, { kind: "capstone" });
  // PredefinedSplit wants a fold per training row, in the order of `train`.
  const problem = { X: Array.from(data.X), d: data.d, y: data.y, train: data.train, test: data.test, folds: data.folds, families: ["logreg", "svm", "tree", "knn"], n_jobs: pinned ? 1 : null };
  const threads = pinned ? { OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" } : {};
  const result = spawnSync(python, [join(projectRoot, "bench", "peer", "sklearn_grid.py")], { input: JSON.stringify(problem), encoding: "utf8", maxBuffer: 16 * 1024 * 1024, env: { ...process.env, ...threads } });
  if (result.status !== 0) return { skipped: `scikit-learn run failed: ${result.stderr.slice(-500)}` };
  return { python, ...(JSON.parse(result.stdout) as Omit<PeerFigures, "python">) };
}
