// The capstone's GridSearchCV: every candidate fitted on each fold's training rows and once more on
// the whole training set. Logistic regression by Newton's method, SVMs by libsvm, trees by CART in
// TypeScript; k-NN scores every k and metric from one distance matrix per metric.
import { evaluate } from "./metrics.js";
import { knnProbabilities } from "./models.js";
import { seededRandom } from "./random.js";
import { decisionFromGram, fitSvm, kernelMatrix, kernelSpec, plattScaling, type KernelSpec, type SvmKernel, type SvmModel } from "./svm.js";
import { checkpoint, distanceMatrix, sigmoid, type RunControl, type Tf } from "./tensors.js";
import { fitTree, predictTree } from "./tree.js";

export type Family = "logreg" | "svm" | "tree" | "knn";

export const FAMILY_LIBRARY: Record<Family, string> = {
  logreg: "TypeScript: Newton's method on scikit-learn's penalised log loss",
  svm: "libsvm-js (libsvm, as scikit-learn's SVC), WebAssembly",
  tree: "TypeScript CART (this site), one fit per candidate",
  knn: "TypeScript: one distance matrix per metric, each row's neighbours sorted once"
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

async function gridLogreg(_tf: Tf, data: GridData, masks: Float32Array[], k: number, _options: GridOptions, control: RunControl): Promise<FamilyFit> {
  const n = data.y.length;
  const maskRows = masks.map(rowsOf);
  const decisions: Float64Array[][] = [];
  // Each fit starts from the previous one's weights (the folds share most rows): fewer Newton steps.
  let start: Float64Array | undefined;
  for (const C of LOGREG_C) {
    decisions.push(
      maskRows.map((rows) => {
        start = fitLogistic(data.X, data.d, data.y, rows, C, start);
        return logisticDecision(start, data.X, data.d, n);
      })
    );
    await checkpoint(control);
  }
  const scores = LOGREG_C.map((C, ci) => ({ params: { C, penalty: "l2" }, equivalent: 1, cvAccuracy: foldAccuracy(data, (f, row) => decisions[ci]![f]![row]!, k) }));
  const best = pickBest(scores);
  return {
    sklearnCombinations: 3,
    distinctCandidates: 3,
    fits: LOGREG_C.length * masks.length,
    best: scores[best]!,
    testProbabilities: data.test.map((row) => sigmoid(decisions[best]![k]![row]!)),
    candidates: scores,
    notes: "scikit-learn's objective (C · Σ log loss + ‖w‖²/2, intercept not penalised) minimised exactly by Newton's method; lbfgs converges to the same weights."
  };
}

function rowsOf(mask: Float32Array): number[] {
  const rows: number[] = [];
  mask.forEach((v, i) => v === 1 && rows.push(i));
  return rows;
}

/**
 * L2-penalised logistic regression as scikit-learn's LogisticRegression(C) defines it, by Newton's
 * method on the d + 1 parameters (the intercept last): a few exact steps instead of hundreds of
 * gradient steps. Returns the weights and intercept.
 */
export function fitLogistic(X: Float32Array, d: number, y: ArrayLike<number>, rows: readonly number[], C: number, start?: Float64Array): Float64Array {
  const m = d + 1;
  const theta = start ? Float64Array.from(start) : new Float64Array(m);
  const H = new Float64Array(m * m);
  const g = new Float64Array(m);
  const x = new Float64Array(m);
  x[d] = 1;
  const objective = (t: Float64Array) => {
    let loss = 0;
    for (const i of rows) {
      let z = t[d]!;
      for (let c = 0; c < d; c++) z += t[c]! * X[i * d + c]!;
      // log(1 + e^−z) for a landed row, log(1 + e^z) otherwise, without overflow.
      const s = y[i] ? -z : z;
      loss += s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s));
    }
    let penalty = 0;
    for (let c = 0; c < d; c++) penalty += t[c]! * t[c]!;
    return C * loss + penalty / 2;
  };
  let current = objective(theta);
  for (let iteration = 0; iteration < 100; iteration++) {
    H.fill(0);
    for (let c = 0; c < d; c++) {
      g[c] = theta[c]!;
      H[c * m + c] = 1;
    }
    g[d] = 0;
    for (const i of rows) {
      let z = theta[d]!;
      for (let c = 0; c < d; c++) z += theta[c]! * (x[c] = X[i * d + c]!);
      const p = sigmoid(z);
      const r = C * (p - y[i]!);
      const w = C * p * (1 - p);
      for (let a = 0; a < m; a++) {
        g[a] = g[a]! + r * x[a]!;
        const wa = w * x[a]!;
        for (let b = 0; b <= a; b++) H[a * m + b] = H[a * m + b]! + wa * x[b]!;
      }
    }
    const step = solveSymmetric(H, g, m);
    // Newton's step, halved until the objective falls (it always does near the optimum).
    let scale = 1;
    let next = theta;
    let value = current;
    for (let halving = 0; halving < 30; halving++) {
      next = Float64Array.from(theta, (t, a) => t - scale * step[a]!);
      value = objective(next);
      if (value <= current) break;
      scale /= 2;
    }
    let change = 0;
    for (let a = 0; a < m; a++) change = Math.max(change, Math.abs(next[a]! - theta[a]!));
    theta.set(next);
    const improvement = current - value;
    current = value;
    if (change < 1e-7 || improvement < 1e-12 * Math.max(1, Math.abs(current))) break;
  }
  return theta;
}

/** Solve H·s = g for a symmetric positive definite H given by its lower triangle (Cholesky). */
function solveSymmetric(H: Float64Array, g: Float64Array, m: number): Float64Array {
  const L = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b <= a; b++) {
      let s = H[a * m + b]!;
      for (let c = 0; c < b; c++) s -= L[a * m + c]! * L[b * m + c]!;
      // The intercept's diagonal is unpenalised and can vanish when every row is fitted perfectly.
      L[a * m + b] = a === b ? Math.sqrt(Math.max(s, 1e-12)) : s / L[b * m + b]!;
    }
  }
  const z = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    let s = g[a]!;
    for (let c = 0; c < a; c++) s -= L[a * m + c]! * z[c]!;
    z[a] = s / L[a * m + a]!;
  }
  for (let a = m - 1; a >= 0; a--) {
    let s = z[a]!;
    for (let c = a + 1; c < m; c++) s -= L[c * m + a]! * z[c]!;
    z[a] = s / L[a * m + a]!;
  }
  return z;
}

function logisticDecision(theta: Float64Array, X: Float32Array, d: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => {
    let z = theta[d]!;
    for (let c = 0; c < d; c++) z += theta[c]! * X[i * d + c]!;
    return z;
  });
}

/** scikit-learn's SVC kernels in the capstone grid's order (its list names rbf twice: one model). */
export const SVM_KERNELS: SvmKernel[] = ["linear", "rbf", "poly", "sigmoid"];

async function gridSvm(_tf: Tf, data: GridData, masks: Float32Array[], k: number, _options: GridOptions, control: RunControl): Promise<FamilyFit> {
  const n = data.y.length;
  const maskRows = masks.map(rowsOf);
  const grams = new Map<string, Float64Array>();
  const gram = (spec: KernelSpec) => {
    const key = `${spec.kernel} ${spec.gamma}`;
    if (!grams.has(key)) grams.set(key, kernelMatrix(spec, data.X, data.X, data.d));
    return grams.get(key)!;
  };
  const all = Array.from({ length: n }, (_, i) => i);
  const scores: CandidateScore[] = [];
  const refits: { model: SvmModel; decision: Float64Array }[] = [];
  // GridSearchCV's order (ParameterGrid: C, then gamma, then kernel), so ties go the same way.
  for (const C of SVM_C) {
    for (const [gi, gamma] of SVM_GAMMA.entries()) {
      for (const kernel of SVM_KERNELS) {
        // A linear kernel ignores gamma: scikit-learn's five gamma values are one model.
        if (kernel === "linear" && gi > 0) continue;
        const spec = kernelSpec(kernel, gamma);
        const K = gram(spec);
        const decisions = maskRows.map((rows) => {
          const model = fitSvm(K, n, data.y, rows, { ...spec, C });
          return { model, decision: decisionFromGram(model, K, n, all) };
        });
        scores.push({
          params: { kernel, C, gamma: kernel === "linear" ? "any" : gamma },
          equivalent: kernel === "linear" ? SVM_GAMMA.length : kernel === "rbf" ? 2 : 1,
          cvAccuracy: foldAccuracy(data, (f, row) => decisions[f]!.decision[row]!, k)
        });
        refits.push(decisions[k]!);
      }
      control.progress?.((SVM_C.indexOf(C) * SVM_GAMMA.length + gi + 1) / (SVM_C.length * SVM_GAMMA.length), `C = ${C}, gamma = ${gamma}`);
      await checkpoint(control);
    }
  }
  const best = pickBest(scores);
  const refit = refits[best]!;
  const [a, b] = plattScaling(data.train.map((row) => refit.decision[row]!), data.train.map((row) => data.y[row]!));
  return {
    sklearnCombinations: 5 * SVM_C.length * SVM_GAMMA.length,
    distinctCandidates: scores.length,
    fits: scores.length * masks.length,
    best: scores[best]!,
    // The class is the decision value's sign (as SVC.predict), so the probability is kept on its side of 0.5.
    testProbabilities: data.test.map((row) => {
      const z = refit.decision[row]!;
      const p = sigmoid(a * z + b);
      return z > 0 ? Math.max(0.5 + 1e-9, p) : Math.min(0.5, p);
    }),
    candidates: scores,
    notes: `libsvm's exact solver (libsvm-js, the library scikit-learn's SVC wraps), kernels linear, rbf, poly (degree 3, coef0 0) and sigmoid (coef0 0), tolerance 0.001 as scikit-learn. The grid's 125 combinations are ${scores.length} distinct models: linear ignores gamma, and rbf is listed twice. Probabilities by Platt scaling on the refit's training decision values, slope kept positive; the class is the sign of the decision value.`
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

async function gridKnn(_tf: Tf, data: GridData, masks: Float32Array[], k: number, _options: GridOptions, control: RunControl): Promise<FamilyFit> {
  const n = data.y.length;
  const scores: CandidateScore[] = [];
  const refit: Float64Array[] = [];
  for (const p of [1, 2] as const) {
    const distances = distanceMatrix(data.X, data.X, data.d, p);
    // Every row's neighbours in order once; each mask then keeps the first K that it trains on
    // (ties in row order, as knnProbabilities).
    const maxK = KNN_K[KNN_K.length - 1]!;
    const perMask = masks.map(() => KNN_K.map(() => new Float64Array(n)));
    const order = Int32Array.from({ length: n }, (_, j) => j);
    for (let i = 0; i < n; i++) {
      const row = distances.subarray(i * n, (i + 1) * n);
      order.sort((a, b) => row[a]! - row[b]! || a - b);
      masks.forEach((mask, m) => {
        let found = 0;
        let landed = 0;
        let next = 0;
        for (let c = 0; c < n && found < maxK; c++) {
          const j = order[c]!;
          if (mask[j] !== 1) continue;
          found++;
          landed += data.y[j]!;
          while (next < KNN_K.length && KNN_K[next] === found) perMask[m]![next++]![i] = landed / found;
        }
      });
    }
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
