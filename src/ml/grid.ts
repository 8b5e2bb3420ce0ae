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
    const started = performance.now();
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
      seconds: (performance.now() - started) / 1000
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
  const G = gramMatrix(data.X, data.d);
  const decisions: Float64Array[][] = [];
  // The fit on all training rows first, from the previous C's; each fold's fit then starts from it
  // (a fold drops a tenth of its rows): a few Newton steps each.
  let whole: LogisticFit | undefined;
  for (const C of LOGREG_C) {
    whole = fitLogisticGram(G, n, data.y, maskRows[k]!, C, whole);
    const from = whole;
    decisions.push(maskRows.map((rows, f) => logisticDecision(f === k ? from : fitLogisticGram(G, n, data.y, rows, C, from), G, n)));
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
    notes: "scikit-learn's objective (C · Σ log loss + ‖w‖²/2, intercept not penalised) minimised by Newton's method to convergence, each step solved over the fold's rows rather than the features; lbfgs converges to the same weights."
  };
}

function rowsOf(mask: Float32Array): number[] {
  const rows: number[] = [];
  mask.forEach((v, i) => v === 1 && rows.push(i));
  return rows;
}

/** X·Xᵀ, n × n: the logistic fits below see the rows only through their inner products. */
export function gramMatrix(X: Float32Array, d: number): Float64Array {
  const n = X.length / d;
  const G = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    for (let j = 0; j <= i; j++) {
      const oj = j * d;
      let s = 0;
      for (let c = 0; c < d; c++) s += X[oi + c]! * X[oj + c]!;
      G[i * n + j] = G[j * n + i] = s;
    }
  }
  return G;
}

/** A logistic regression's weights as a combination of the rows, w = Xᵀ·alpha, and its intercept. */
export interface LogisticFit {
  alpha: Float64Array;
  intercept: number;
}

/**
 * L2-penalised logistic regression as scikit-learn's LogisticRegression(C) defines it (C · Σ log
 * loss + ‖w‖²/2, intercept not penalised), by Newton's method: a few exact steps instead of lbfgs's
 * dozens of gradient steps. The capstone has more features (80) than fold rows (65), and the penalty
 * keeps w in the span of the rows, so each step is solved in row space: the Hessian I + XᵀDX is
 * inverted through the k × k matrix I + √D·X·Xᵀ·√D (Woodbury), the unpenalised intercept by its
 * Schur complement, and the line search costs O(rows) per trial. No library does this offline for
 * fits this small; TF.js would spend more on kernel dispatch than on the arithmetic.
 * G is X·Xᵀ over all n rows (gramMatrix); `rows` are the rows to fit on.
 */
export function fitLogisticGram(G: Float64Array, n: number, y: ArrayLike<number>, rows: readonly number[], C: number, start?: LogisticFit): LogisticFit {
  const k = rows.length;
  const alpha = start ? Float64Array.from(start.alpha) : new Float64Array(n);
  let b = start?.intercept ?? 0;
  // The work is in small functions over contiguous arrays (the fold's block of G, its labels, its
  // rows' u and v): V8 optimises each of them long before it would one big function, and a grid
  // search is over in a fraction of a second, mostly before the optimiser is done.
  const s = newtonState(G, n, y, rows);
  // u = X·w = G·alpha on every row, kept up to date along the steps.
  const u = new Float64Array(n);
  const v = new Float64Array(n);
  gramProduct(G, n, alpha, 0, u);
  gather(u, rows, s.ur);
  let norm2 = dot(alpha, u, n);
  let current = norm2 / 2 + C * logLoss(s.ur, 0, s.vr, b, 0, s.yr);
  for (let iteration = 0; iteration < 100; iteration++) {
    weighRows(s, b, C);
    const sb = newtonDirection(s, k);
    // v = X·(Xᵀη) = G·η on every row, η = alpha + ρ (ρ on the fold's rows).
    columnsProduct(G, n, rows, s.rho, u, v);
    gather(v, rows, s.vr);
    // Newton decrement: gradientᵀ·step = (alpha + r)ᵀ·G·η + gb·sb.
    const alphaV = dot(alpha, v, n);
    const decrement = alphaV + dot(s.r, s.vr, k) + s.gb * sb;
    const etaU = dot(alpha, u, n) + dot(s.rho, s.ur, k);
    const etaV = alphaV + dot(s.rho, s.vr, k);
    // Below this decrement the full step lands on the optimum: Newton converges quadratically (the
    // next decrement would be about its square, gradients of 1e-7, where lbfgs stops at 1e-4) and the
    // objective can no longer tell better from worse.
    const last = decrement < 1e-6;
    // Otherwise Newton's step, halved until the objective falls.
    let scale = 1;
    let value = current;
    for (let halving = 0; halving < 30 && !last; halving++) {
      value = (norm2 - 2 * scale * etaU + scale * scale * etaV) / 2 + C * logLoss(s.ur, scale, s.vr, b, sb, s.yr);
      if (value <= current) break;
      scale /= 2;
    }
    takeStep(alpha, u, v, rows, s.rho, scale, n);
    b -= scale * sb;
    gather(u, rows, s.ur);
    norm2 = dot(alpha, u, n);
    // A line search that no longer gains means rounding is all that is left.
    if (last || current - value < 1e-15 * Math.max(1, Math.abs(value))) break;
    current = value;
  }
  return { alpha, intercept: b };
}

/** One fit's fold rows and working arrays (all of length k, Gr and M k × k). */
interface NewtonState {
  /** The fold's block of G and its labels. */
  Gr: Float64Array;
  yr: Float64Array;
  /** u and v on the fold's rows. */
  ur: Float64Array;
  vr: Float64Array;
  /** Per fold row: C·(p − y), the Hessian weight C·p·(1 − p) and its square root. */
  r: Float64Array;
  D: Float64Array;
  sq: Float64Array;
  /** Σ r (the intercept's gradient) and Σ D. */
  gb: number;
  delta: number;
  M: Float64Array;
  q1: Float64Array;
  q2: Float64Array;
  rho: Float64Array;
  t1: Float64Array;
}

function newtonState(G: Float64Array, n: number, y: ArrayLike<number>, rows: readonly number[]): NewtonState {
  const k = rows.length;
  const vector = () => new Float64Array(k);
  const s: NewtonState = { Gr: new Float64Array(k * k), yr: vector(), ur: vector(), vr: vector(), r: vector(), D: vector(), sq: vector(), gb: 0, delta: 0, M: new Float64Array(k * k), q1: vector(), q2: vector(), rho: vector(), t1: vector() };
  for (let a = 0; a < k; a++) {
    s.yr[a] = y[rows[a]!]!;
    const ga = rows[a]! * n;
    for (let c = 0; c < k; c++) s.Gr[a * k + c] = G[ga + rows[c]!]!;
  }
  return s;
}

/** Probabilities, gradient and Hessian weights at z = u + b on the fold's rows. */
function weighRows(s: NewtonState, b: number, C: number): void {
  let gb = 0;
  let delta = 0;
  for (let a = 0; a < s.ur.length; a++) {
    const p = sigmoid(s.ur[a]! + b);
    const r = C * (p - s.yr[a]!);
    const D = C * p * (1 - p);
    s.r[a] = r;
    s.D[a] = D;
    s.sq[a] = Math.sqrt(D);
    gb += r;
    delta += D;
  }
  s.gb = gb;
  s.delta = delta;
}

/**
 * Newton's step: leaves ρ in s.rho (the weights' step is Xᵀ(alpha + ρ)) and returns the intercept's.
 * The gradient is (Xᵀ(alpha + r), Σr) and the Hessian's weight block A = I + X_RᵀDX_R; with
 * A⁻¹Xᵀψ = Xᵀ(ψ − √D·M⁻¹·√D·(Gψ)_R), A⁻¹ applied to the gradient is Xᵀ(alpha + r − √D·q1) and to
 * the intercept's column XᵀD1 is Xᵀ(D − √D·q2). The intercept's step comes from the Schur
 * complement δ − cᵀA⁻¹c (it vanishes only when every row is fitted perfectly).
 */
function newtonDirection(s: NewtonState, k: number): number {
  const { Gr, M, q1, q2, rho, t1, r, D, sq, ur } = s;
  conditioned(Gr, sq, M, k);
  cholesky(M, k);
  symmetricProduct(Gr, r, q1, k);
  // t1 holds G_RR·D until it is overwritten below.
  symmetricProduct(Gr, D, t1, k);
  for (let a = 0; a < k; a++) {
    q1[a] = sq[a]! * (ur[a]! + q1[a]!);
    q2[a] = sq[a]! * t1[a]!;
  }
  solveCholesky(M, q1, k);
  solveCholesky(M, q2, k);
  // cᵀA⁻¹g = Dᵀ·(G·a1)_R = Dᵀu_R + (G_RR·D)ᵀρ and cᵀA⁻¹c = (G_RR·D)ᵀ·(D − √D·q2), G_RR being symmetric.
  let cA1 = 0;
  let cA2 = 0;
  for (let a = 0; a < k; a++) {
    rho[a] = r[a]! - sq[a]! * q1[a]!;
    const t = D[a]! - sq[a]! * q2[a]!;
    cA1 += D[a]! * ur[a]! + t1[a]! * rho[a]!;
    cA2 += t1[a]! * t;
    t1[a] = t;
  }
  const sb = (s.gb - cA1) / Math.max(s.delta - cA2, 1e-12);
  // ρ = r − √D·q1 − sb·(D − √D·q2).
  for (let a = 0; a < k; a++) rho[a] = rho[a]! - sb * t1[a]!;
  return sb;
}

/** alpha ← alpha − scale·(alpha + ρ on the fold's rows), and u ← u − scale·v. */
function takeStep(alpha: Float64Array, u: Float64Array, v: Float64Array, rows: readonly number[], rho: Float64Array, scale: number, n: number): void {
  for (let i = 0; i < n; i++) {
    alpha[i] = alpha[i]! * (1 - scale);
    u[i] = u[i]! - scale * v[i]!;
  }
  for (let a = 0; a < rows.length; a++) alpha[rows[a]!] = alpha[rows[a]!]! - scale * rho[a]!;
}

/** Σ log loss at z = (u − scale·v) + (b − scale·sb). */
function logLoss(ur: Float64Array, scale: number, vr: Float64Array, b: number, sb: number, yr: Float64Array): number {
  let total = 0;
  for (let a = 0; a < ur.length; a++) {
    const z = ur[a]! - scale * vr[a]! + b - scale * sb;
    // log(1 + e^−z) for a landed row, log(1 + e^z) otherwise, without overflow.
    const s = yr[a] ? -z : z;
    total += s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s));
  }
  return total;
}

/** M = I + √D·G_RR·√D, lower triangle. */
function conditioned(Gr: Float64Array, sq: Float64Array, M: Float64Array, k: number): void {
  for (let a = 0; a < k; a++) {
    for (let c = 0; c <= a; c++) M[a * k + c] = sq[a]! * Gr[a * k + c]! * sq[c]!;
    M[a * k + a] = M[a * k + a]! + 1;
  }
}

function symmetricProduct(Gr: Float64Array, x: Float64Array, out: Float64Array, k: number): void {
  for (let a = 0; a < k; a++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += Gr[a * k + c]! * x[c]!;
    out[a] = s;
  }
}

/** out = base + G[:, rows]·x on every row. */
function columnsProduct(G: Float64Array, n: number, rows: readonly number[], x: Float64Array, base: Float64Array, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = base[i]!;
    for (let a = 0; a < rows.length; a++) s += G[i * n + rows[a]!]! * x[a]!;
    out[i] = s;
  }
}

function gather(values: Float64Array, rows: readonly number[], out: Float64Array): void {
  for (let a = 0; a < rows.length; a++) out[a] = values[rows[a]!]!;
}

function dot(a: Float64Array, b: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Cholesky factor of a symmetric positive definite matrix given by its lower triangle, in place.
 * bayes.ts has the allocating pair (cholesky, choleskySolve); these overwrite their input because
 * they run at every Newton step of every fold and C, where a fit is cheap enough that allocating
 * k × k arrays was a visible share of the family's time.
 */
function cholesky(M: Float64Array, k: number): void {
  for (let a = 0; a < k; a++) {
    const ra = a * k;
    for (let b = 0; b <= a; b++) {
      const rb = b * k;
      let s = M[ra + b]!;
      for (let c = 0; c < b; c++) s -= M[ra + c]! * M[rb + c]!;
      M[ra + b] = a === b ? Math.sqrt(s) : s / M[rb + b]!;
    }
  }
}

/** Solve L·Lᵀ·x = z in place, L from cholesky. */
function solveCholesky(L: Float64Array, z: Float64Array, k: number): void {
  for (let a = 0; a < k; a++) {
    let s = z[a]!;
    for (let c = 0; c < a; c++) s -= L[a * k + c]! * z[c]!;
    z[a] = s / L[a * k + a]!;
  }
  for (let a = k - 1; a >= 0; a--) {
    let s = z[a]!;
    for (let c = a + 1; c < k; c++) s -= L[c * k + a]! * z[c]!;
    z[a] = s / L[a * k + a]!;
  }
}

/** Decision values X·w + b on every row. */
function logisticDecision(fit: LogisticFit, G: Float64Array, n: number): Float64Array {
  const z = new Float64Array(n);
  gramProduct(G, n, fit.alpha, fit.intercept, z);
  return z;
}

/** out = G·x + shift. */
function gramProduct(G: Float64Array, n: number, x: Float64Array, shift: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = shift;
    for (let j = 0; j < n; j++) s += G[i * n + j]! * x[j]!;
    out[i] = s;
  }
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

/** The notebook's decision-tree grid, every combination in scikit-learn's order. */
export function treeGrid(): Record<string, string | number>[] {
  const grid: Record<string, string | number>[] = [];
  for (const criterion of ["gini", "entropy"])
    for (const splitter of ["best", "random"])
      for (const max_depth of TREE_DEPTHS)
        for (const max_features of ["auto", "sqrt"])
          for (const min_samples_leaf of [1, 2, 4])
            for (const min_samples_split of [2, 5, 10]) grid.push({ criterion, splitter, max_depth, max_features, min_samples_leaf, min_samples_split });
  return grid;
}

async function gridTree(_tf: Tf, data: GridData, masks: Float32Array[], k: number, options: GridOptions, control: RunControl): Promise<FamilyFit> {
  const random = seededRandom(options.seed ?? 0);
  const maxFeatures = Math.max(1, Math.floor(Math.sqrt(data.d)));
  const grid = treeGrid();
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
