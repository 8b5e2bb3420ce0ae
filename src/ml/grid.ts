// The capstone's GridSearchCV, batched. Each family's candidates (parameter values × folds, plus
// one refit on the whole training set per parameter value) train together: logistic regression as
// one [B, d] weight tensor, SVMs as one [B, n] coefficient tensor over stacked kernel matrices,
// k-NN from one TF.js distance matrix per metric. Trees are CART in TypeScript, fitted in a loop.
import { evaluate } from "./metrics.js";
import { knnProbabilities, plattScaling } from "./models.js";
import { seededRandom } from "./random.js";
import { distanceMatrix, kernelMatrix, randomFourierFeatures, sigmoid, trainKernelBatch, trainLinearBatch, type BatchResult, type KernelSpec, type RunControl, type Tf, checkpoint } from "./tensors.js";
import { fitTree, predictTree } from "./tree.js";

export type Family = "logreg" | "svm" | "tree" | "knn";

export const FAMILY_LIBRARY: Record<Family, string> = {
  logreg: "TF.js: batched full-batch Adam on a [candidates, features] weight tensor",
  svm: "TF.js: batched kernel SVM (hinge loss, representer form) on stacked kernel matrices",
  tree: "TypeScript CART (this site), one fit per candidate",
  knn: "TF.js distance matrices, neighbours sorted in TypeScript"
};

export interface GridData {
  /** All rows (training and test), n × d, already scaled. */
  X: Float32Array;
  d: number;
  y: readonly number[];
  train: readonly number[];
  test: readonly number[];
  /** Fold (0..k-1) of each training row, in the order of `train`. */
  folds: readonly number[];
}

export interface CandidateScore {
  params: Record<string, string | number>;
  /** Mean validation accuracy over the folds (GridSearchCV's best_score_). */
  cvAccuracy: number;
  /** scikit-learn grid combinations this candidate stands for (e.g. k-NN's four algorithms). */
  equivalent: number;
}

export interface FamilyResult {
  family: Family;
  library: string;
  /** Combinations in scikit-learn's grid, and the distinct models this site trains for them. */
  sklearnCombinations: number;
  distinctCandidates: number;
  fits: number;
  best: CandidateScore;
  testAccuracy: number;
  testCorrect: number;
  testN: number;
  /** Test-set probabilities of the refitted best candidate. */
  testProbabilities: number[];
  candidates: CandidateScore[];
  seconds: number;
  notes: string;
}

export interface GridOptions {
  families?: Family[];
  epochs?: number;
  seed?: number;
}

export const LOGREG_C = [0.01, 0.1, 1];
export const SVM_C = [0.001, 0.0316228, 1, 31.6228, 1000];
export const SVM_GAMMA = [0.001, 0.0316228, 1, 31.6228, 1000];
export const TREE_DEPTHS = [2, 4, 6, 8, 10, 12, 14, 16, 18];
export const KNN_K = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

export async function runGrid(tf: Tf, data: GridData, options: GridOptions = {}, control?: RunControl): Promise<FamilyResult[]> {
  const families = options.families ?? ["logreg", "svm", "tree", "knn"];
  const k = Math.max(...data.folds) + 1;
  if (k < 2) throw new Error("Grid search needs at least 2 folds.");
  const n = data.y.length;
  // Masks over all n rows: one per fold (its training rows), and a last one for the refit.
  const masks: Float32Array[] = [];
  for (let f = 0; f < k; f++) {
    const m = new Float32Array(n);
    data.train.forEach((row, i) => (m[row] = data.folds[i] === f ? 0 : 1));
    masks.push(m);
  }
  const refit = new Float32Array(n);
  data.train.forEach((row) => (refit[row] = 1));
  masks.push(refit);
  const results: FamilyResult[] = [];
  for (const [index, family] of families.entries()) {
    const familyControl: RunControl = {
      cancelled: control?.cancelled,
      progress: (fraction, message) => control?.progress?.((index + fraction) / families.length, `${family}: ${message}`)
    };
    const started = Date.now();
    const partial = await ({ logreg: gridLogreg, svm: gridSvm, tree: gridTree, knn: gridKnn } as const)[family](tf, data, masks, k, options, familyControl);
    const testLabels = data.test.map((i) => data.y[i]!);
    const metrics = evaluate(testLabels, partial.testProbabilities);
    results.push({
      family,
      library: FAMILY_LIBRARY[family],
      ...partial,
      testAccuracy: metrics.accuracy,
      testCorrect: metrics.confusion.tp + metrics.confusion.tn,
      testN: data.test.length,
      seconds: (Date.now() - started) / 1000
    });
  }
  return results;
}

type FamilyFit = Omit<FamilyResult, "family" | "library" | "testAccuracy" | "testCorrect" | "testN" | "seconds">;

/** Mean validation accuracy of each candidate from its decision values (positive = landed). */
function foldAccuracy(data: GridData, decisionOf: (fold: number, row: number) => number, k: number): number {
  let total = 0;
  for (let f = 0; f < k; f++) {
    let correct = 0;
    let count = 0;
    data.train.forEach((row, i) => {
      if (data.folds[i] !== f) return;
      count++;
      if ((decisionOf(f, row) > 0 ? 1 : 0) === data.y[row]) correct++;
    });
    total += count ? correct / count : 0;
  }
  return total / k;
}

/** First best, as GridSearchCV ranks ties by candidate order. */
function pickBest(candidates: CandidateScore[]): number {
  let best = 0;
  candidates.forEach((c, i) => {
    if (c.cvAccuracy > candidates[best]!.cvAccuracy + 1e-12) best = i;
  });
  return best;
}

async function gridLogreg(tf: Tf, data: GridData, masks: Float32Array[], k: number, options: GridOptions, control: RunControl): Promise<FamilyFit> {
  const n = data.y.length;
  const candidates = LOGREG_C.flatMap((C) => masks.map((_, fold) => ({ fold, C })));
  const result = await trainLinearBatch(tf, { X: [data.X], d: data.d, y: data.y, trainMasks: masks, candidates, loss: "logistic", epochs: options.epochs ?? 200, learningRate: 0.05 }, control);
  const z = (c: number, row: number) => result.decision[c * n + row]!;
  const scores = LOGREG_C.map((C, ci) => ({ params: { C, penalty: "l2" }, equivalent: 1, cvAccuracy: foldAccuracy(data, (f, row) => z(ci * masks.length + f, row), k) }));
  const best = pickBest(scores);
  const refitIndex = best * masks.length + k;
  return {
    sklearnCombinations: 3,
    distinctCandidates: 3,
    fits: candidates.length,
    best: scores[best]!,
    testProbabilities: data.test.map((row) => sigmoid(z(refitIndex, row))),
    candidates: scores,
    notes: "scikit-learn uses lbfgs to convergence; here 200 full-batch Adam steps per candidate minimise the same penalised log loss."
  };
}

/** Up to this many rows the SVM grid uses exact kernel matrices; above, the cost (n² per candidate) is too high. */
export const EXACT_KERNEL_ROWS = 200;
const FOURIER_FEATURES = 100;

async function gridSvm(tf: Tf, data: GridData, masks: Float32Array[], k: number, options: GridOptions, control: RunControl): Promise<FamilyFit> {
  const n = data.y.length;
  const exact = n <= EXACT_KERNEL_ROWS;
  let kernels: { name: string; spec: KernelSpec }[];
  let result: BatchResult;
  let candidates: unknown[];
  if (exact) {
    kernels = [
      { name: "linear", spec: { kernel: "linear" } },
      ...SVM_GAMMA.map((gamma) => ({ name: "rbf", spec: { kernel: "rbf", gamma } as KernelSpec })),
      ...SVM_GAMMA.map((gamma) => ({ name: "poly", spec: { kernel: "poly", gamma } as KernelSpec }))
    ];
    const K = kernels.map((kernel) => kernelMatrix(tf, data.X, data.X, data.d, kernel.spec));
    const kernelCandidates = kernels.flatMap((_, kernel) => SVM_C.flatMap((C) => masks.map((__, fold) => ({ kernel, fold, C }))));
    candidates = kernelCandidates;
    result = await trainKernelBatch(tf, { K, y: data.y, trainMasks: masks, candidates: kernelCandidates, epochs: options.epochs ?? 100, learningRate: 0.02 }, control);
  } else {
    // Linear in the primal (X padded with zero columns to the feature maps' width), RBF through
    // random Fourier features; no polynomial kernel.
    kernels = [{ name: "linear", spec: { kernel: "linear" } }, ...SVM_GAMMA.map((gamma) => ({ name: "rbf", spec: { kernel: "rbf", gamma } as KernelSpec }))];
    const m = Math.max(FOURIER_FEATURES, data.d);
    const padded = new Float32Array(n * m);
    for (let i = 0; i < n; i++) padded.set(data.X.subarray(i * data.d, (i + 1) * data.d), i * m);
    const random = seededRandom(options.seed ?? 0);
    const inputs = [padded, ...SVM_GAMMA.map((gamma) => randomFourierFeatures(tf, data.X, data.d, m, gamma, random))];
    const linearCandidates = kernels.flatMap((_, input) => SVM_C.flatMap((C) => masks.map((__, fold) => ({ input, fold, C }))));
    candidates = linearCandidates;
    result = await trainLinearBatch(tf, { X: inputs, d: m, y: data.y, trainMasks: masks, candidates: linearCandidates, loss: "hinge", epochs: options.epochs ?? 100, learningRate: 0.02 }, control);
  }
  const z = (c: number, row: number) => result.decision[c * n + row]!;
  const scores: CandidateScore[] = [];
  kernels.forEach((kernel, ki) =>
    SVM_C.forEach((C, ci) => {
      const base = (ki * SVM_C.length + ci) * masks.length;
      scores.push({
        params: { kernel: kernel.name, C, gamma: "gamma" in kernel.spec ? kernel.spec.gamma : "any" },
        // A linear kernel ignores gamma: scikit-learn's five gamma values are one model.
        equivalent: kernel.name === "linear" ? SVM_GAMMA.length : 1,
        cvAccuracy: foldAccuracy(data, (f, row) => z(base + f, row), k)
      });
    })
  );
  const best = pickBest(scores);
  const refitIndex = best * masks.length + k;
  // Platt scaling on the refit's training decision values, for probabilities.
  const trainZ = data.train.map((row) => z(refitIndex, row));
  const [a, b] = plattScaling(trainZ, data.train.map((row) => data.y[row]!));
  return {
    sklearnCombinations: 4 * SVM_C.length * SVM_GAMMA.length,
    distinctCandidates: scores.length,
    fits: candidates.length,
    best: scores[best]!,
    // The class is the decision value's sign (as SVC.predict), so the probability is kept on its side of 0.5.
    testProbabilities: data.test.map((row) => {
      const p = sigmoid(a * z(refitIndex, row) + b);
      return z(refitIndex, row) > 0 ? Math.max(0.5 + 1e-9, p) : Math.min(0.5, p);
    }),
    candidates: scores,
    notes: exact
      ? "Kernels linear, rbf, poly (degree 3, coef0 0) as exact kernel matrices, trained by subgradient Adam, 100 full-batch steps (more steps fit the folds harder and cross-validate no better). The sigmoid kernel is left out: it is not positive semi-definite, so this primal form has no minimum. Probabilities by Platt scaling; the class is the sign of the decision value."
      : `More than ${EXACT_KERNEL_ROWS} rows: linear SVMs in the primal and RBF through ${Math.max(FOURIER_FEATURES, data.d)} random Fourier features (an approximation of the kernel), 100 subgradient Adam steps; no polynomial or sigmoid kernel. Probabilities by Platt scaling.`
  };
}

async function gridTree(_tf: Tf, data: GridData, masks: Float32Array[], k: number, options: GridOptions, control: RunControl): Promise<FamilyFit> {
  const random = seededRandom(options.seed ?? 0);
  const maxFeatures = Math.max(1, Math.floor(Math.sqrt(data.d)));
  const grid: Record<string, string | number>[] = [];
  for (const criterion of ["gini", "entropy"])
    for (const splitter of ["best", "random"])
      for (const max_depth of TREE_DEPTHS)
        for (const max_features of ["auto", "sqrt"])
          for (const min_samples_leaf of [1, 2, 4])
            for (const min_samples_split of [2, 5, 10]) grid.push({ criterion, splitter, max_depth, max_features, min_samples_leaf, min_samples_split });
  const rowsOf = (mask: Float32Array) => Array.from(mask.keys()).filter((i) => mask[i] === 1);
  const maskRows = masks.map(rowsOf);
  let fits = 0;
  const refitPredictions: Float64Array[] = [];
  const scores: CandidateScore[] = [];
  for (const [gi, g] of grid.entries()) {
    const options_ = {
      maxDepth: g.max_depth as number,
      criterion: g.criterion as "gini" | "entropy",
      minSamplesLeaf: g.min_samples_leaf as number,
      minSamplesSplit: g.min_samples_split as number,
      maxFeatures: maxFeatures,
      splitter: g.splitter as "best" | "random",
      random
    };
    const decisions: Float64Array[] = maskRows.map((rows) => {
      fits++;
      return predictTree(fitTree(data.X, data.d, data.y, rows, options_), data.X, data.d);
    });
    scores.push({ params: g, equivalent: 1, cvAccuracy: foldAccuracy(data, (f, row) => decisions[f]![row]! - 0.5, k) });
    refitPredictions.push(decisions[k]!);
    if (gi % 8 === 0) {
      control.progress?.((gi + 1) / grid.length, `${gi + 1} of ${grid.length} settings`);
      await checkpoint(control);
    }
  }
  const best = pickBest(scores);
  return {
    sklearnCombinations: grid.length,
    distinctCandidates: grid.length,
    fits,
    best: scores[best]!,
    testProbabilities: data.test.map((row) => refitPredictions[best]![row]!),
    candidates: scores,
    notes: `max_features "auto" and "sqrt" both mean ⌊√${data.d}⌋ = ${maxFeatures} features per split for a classifier; they differ only in the random draws. The capstone's tree had no random_state, so its own score changes from run to run.`
  };
}

async function gridKnn(tf: Tf, data: GridData, masks: Float32Array[], k: number, _options: GridOptions, control: RunControl): Promise<FamilyFit> {
  const n = data.y.length;
  const scores: CandidateScore[] = [];
  const refit: Float64Array[] = [];
  for (const p of [1, 2] as const) {
    const distances = distanceMatrix(tf, data.X, data.X, data.d, p);
    // Per mask: the probabilities of every row from its neighbours among that mask's rows.
    const perMask = masks.map((mask) => {
      const columns = Array.from(mask.keys()).filter((i) => mask[i] === 1);
      const sub = new Float32Array(n * columns.length);
      for (let i = 0; i < n; i++) columns.forEach((j, c) => (sub[i * columns.length + c] = distances[i * n + j]!));
      return knnProbabilities(sub, columns.map((j) => data.y[j]!), KNN_K);
    });
    KNN_K.forEach((kk, ki) => {
      scores.push({ params: { n_neighbors: kk, p, algorithm: "any" }, equivalent: 4, cvAccuracy: foldAccuracy(data, (f, row) => perMask[f]![ki]![row]! - 0.5, k) });
      refit.push(perMask[k]![ki]!);
    });
    control.progress?.(p / 2, `p = ${p}`);
    await checkpoint(control);
  }
  const best = pickBest(scores);
  return {
    sklearnCombinations: KNN_K.length * 4 * 2,
    distinctCandidates: scores.length,
    fits: scores.length * masks.length,
    best: scores[best]!,
    testProbabilities: data.test.map((row) => refit[best]![row]!),
    candidates: scores,
    notes: "scikit-learn's four algorithms (auto, ball_tree, kd_tree, brute) find the same exact neighbours, so each k and p is one model here. A vote tied at 0.5 counts as failed, as in scikit-learn."
  };
}
