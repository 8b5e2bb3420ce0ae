// Training figures measured in Node on the site's own model code, and the peer comparison: the
// capstone grid search by scikit-learn on the same rows and folds, where Python has it.
import { capstoneInput } from "../src/ml/capstone.ts";
import { spawnSync } from "node:child_process";
import { build } from "esbuild";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { projectRoot } from "../data-loaders/config.ts";
import { encode, featureTableRows, featuresOfGroups, fitEncoder, labelledRows, type Row } from "../src/ml/features.ts";
import { runGrid, type Family } from "../src/ml/grid.ts";
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
  /** The logistic-regression family alone against scikit-learn's, run by run. */
  logreg: FamilyDuel | { skipped: string };
}

/** What `--grid-only` measures: the grid in Node once, scikit-learn's pinned, and the logistic-regression duel. */
export type GridOnlyFigures = Pick<NodeTrainingFigures, "grid" | "peer" | "logreg">;

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
  const grid = await nodeGrid(rows);
  const svmSeconds = { wasm: grid.families.find((f) => f.family === "svm")!.seconds, asm: await svmWithAsm(rows) };
  return { rows: labelled.length, defaultModelMs: median(times), grid, svmSeconds, peer: runPeer(rows, true), peerDefault: runPeer(rows, false), logreg: await duelFamily(rows, "logreg") };
}

export async function measureGridOnly(snapshots: string): Promise<GridOnlyFigures> {
  await tf.setBackend("cpu");
  const rows = await featureRows(snapshots);
  return { grid: await nodeGrid(rows), peer: runPeer(rows, true), logreg: await duelFamily(rows, "logreg") };
}

async function nodeGrid(rows: Row[]): Promise<GridFigures> {
  const run = await runGridOn(tf, rows, { kind: "capstone" }, undefined);
  return {
    seconds: run.seconds,
    families: run.families.map((f) => ({ family: f.family, seconds: f.seconds, cvAccuracy: f.best.cvAccuracy, testAccuracy: f.testAccuracy, combinations: f.sklearnCombinations }))
  };
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

/** The capstone grid's problem as both sides read it: rows, scaling and folds the site uses. */
function gridProblem(rows: Row[], families: Family[], nJobs: number | null) {
  const data = gridData(rows, { kind: "capstone" });
  // PredefinedSplit wants a fold per training row, in the order of `train`.
  return { X: Array.from(data.X), d: data.d, y: data.y, train: data.train, test: data.test, folds: data.folds, families, n_jobs: nJobs };
}

/** One thread for scikit-learn: n_jobs=1 as the notebook, and no OpenMP/BLAS threads. */
const PINNED = { OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };

/**
 * scikit-learn's GridSearchCV over the capstone grid, on exactly the rows, scaling and folds the
 * site uses: pinned to one thread, or at its defaults (k-NN's OpenMP threads then fight over the cores).
 */
function runPeer(rows: Row[], pinned: boolean): PeerFigures | { skipped: string } {
  const python = pythonWithSklearn();
  if (!python) return { skipped: NO_SKLEARN };
  const problem = gridProblem(rows, ["logreg", "svm", "tree", "knn"], pinned ? 1 : null);
  const result = spawnSync(python, [PEER_SCRIPT], { input: JSON.stringify(problem), encoding: "utf8", maxBuffer: 16 * 1024 * 1024, env: { ...process.env, ...(pinned ? PINNED : {}) } });
  if (result.status !== 0) return { skipped: `scikit-learn run failed: ${result.stderr.slice(-500)}` };
  return { python, ...(JSON.parse(result.stdout) as Omit<PeerFigures, "python">) };
}

const NO_SKLEARN = "no Python with scikit-learn on this machine (python3 -c 'import sklearn' fails); peer comparison not run";
const PEER_SCRIPT = join(projectRoot, "bench", "peer", "sklearn_grid.py");

export interface FamilyDuel {
  family: Family;
  /** Each run in a fresh process, ours and scikit-learn's (pinned) taking turns. */
  ours: number[];
  peer: number[];
  sklearn: string;
  oursAnswer: { params: Record<string, unknown>; cvAccuracy: number; testAccuracy: number };
  peerAnswer: { params: Record<string, unknown>; cvAccuracy: number; testAccuracy: number };
}

/**
 * One family of the grid alone, ours in a fresh Node process (cold, as a reader's worker runs it)
 * and scikit-learn pinned to one thread in a fresh Python, taking turns so that other work on the
 * machine weighs on both alike; a few runs each, to be compared by their medians.
 */
export async function duelFamily(rows: Row[], family: Family, runs = 7): Promise<FamilyDuel | { skipped: string }> {
  const python = pythonWithSklearn();
  if (!python) return { skipped: NO_SKLEARN };
  // Ours as plain JavaScript, bundled as the site bundles it for the worker: under tsx the loader's
  // own functions are still being compiled when the grid starts, and they queue ahead of the grid's.
  // The bundle sits in the project (packages resolve from its node_modules) and is removed after.
  const dir = mkdtempSync(join(projectRoot, ".bench-grid-"));
  const script = join(dir, "grid-family.mjs");
  try {
    await build({ entryPoints: [join(projectRoot, "bench", "grid-family.ts")], bundle: true, platform: "node", format: "esm", packages: "external", outfile: script, logLevel: "error" });
    return duel(rows, family, runs, python, script);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function duel(rows: Row[], family: Family, runs: number, python: string, script: string): FamilyDuel {
  const input = JSON.stringify(gridProblem(rows, [family], 1));
  type Run = { seconds: number; sklearn?: string; families: { seconds: number; best_params: Record<string, unknown>; cv_accuracy: number; test_accuracy: number }[] };
  const once = (command: string, args: string[], env: Record<string, string>, who: string): Run => {
    const result = spawnSync(command, args, { cwd: projectRoot, input, encoding: "utf8", maxBuffer: 16 * 1024 * 1024, env: { ...process.env, ...env } });
    if (result.status !== 0) throw new Error(`${who} run of the ${family} family failed (exit ${result.status}):\n${result.stderr.slice(-2000)}`);
    return JSON.parse(result.stdout) as Run;
  };
  const ours: Run[] = [];
  const peer: Run[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(once(process.execPath, [script], {}, "bench/grid-family.ts"));
    peer.push(once(python, [PEER_SCRIPT], PINNED, "scikit-learn"));
  }
  const answer = (r: Run) => ({ params: r.families[0]!.best_params, cvAccuracy: r.families[0]!.cv_accuracy, testAccuracy: r.families[0]!.test_accuracy });
  return {
    family,
    ours: ours.map((r) => r.families[0]!.seconds),
    peer: peer.map((r) => r.families[0]!.seconds),
    sklearn: peer[0]!.sklearn ?? "unknown",
    oursAnswer: answer(ours[0]!),
    peerAnswer: answer(peer[0]!)
  };
}
