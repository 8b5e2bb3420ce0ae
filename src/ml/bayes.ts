// Bayesian logistic regression in TF.js: a Gaussian prior on the standardized weights, the
// posterior mode found by Newton's method with full-batch tensor operations (a handful of
// matrix products per step instead of hundreds of minibatch Adam steps, so nothing depends on
// when training stopped), the prior's scale chosen by the Laplace approximation of the evidence,
// and the posterior covariance (inverse Hessian at the mode) kept for every prediction's interval.
import type * as TF from "@tensorflow/tfjs";
import type { Tf } from "./tensors.js";

export interface BayesOptions {
  /** Prior standard deviation of every standardized weight; omitted: chosen by evidence from PRIOR_SCALES. */
  priorScale?: number;
  /** Where the evidence search starts (a month's refit starts from the previous month's choice). */
  startScale?: number;
  /**
   * Where Newton's method starts at the first scale tried: intercept then weights, as the previous
   * month's mode (its columns standardized alike, so it lies near this month's); ignored unless it
   * has d + 1 values. The mode found is the same within the tolerance, in fewer steps.
   */
  startWeights?: ArrayLike<number>;
  /** The intercept's prior is broad and fixed: the base rate is not what the prior should shrink. */
  interceptScale?: number;
  /** Newton stops when no coefficient moves by more than this. */
  tolerance?: number;
  maxIterations?: number;
}

/** Candidate prior scales for the evidence search, on standardized columns. */
export const PRIOR_SCALES = [0.05, 0.1, 0.2, 0.35, 0.6, 1, 1.7, 3, 5];

export interface BayesFit {
  intercept: number;
  weights: Float64Array;
  /** Posterior covariance, (d + 1) × (d + 1) row-major, intercept first. */
  covariance: Float64Array;
  priorScale: number;
  interceptScale: number;
  /** Laplace approximation of log p(y | prior scale), up to a constant shared by every scale. */
  logEvidence: number;
  /** Log evidence per candidate scale (only when the scale was searched). */
  evidence: { priorScale: number; logEvidence: number }[];
  /** Newton iterations of the chosen scale's fit. */
  iterations: number;
  converged: boolean;
}

interface Problem {
  tf: Tf;
  Xa: TF.Tensor2D;
  /** Xa transposed once: TF.js's CPU matMul is slower with a transposed operand. */
  XaT: TF.Tensor2D;
  y: TF.Tensor2D;
  /** A 1 × k row of ones: s · ones spreads a column over k columns (see derivatives). */
  onesRow: TF.Tensor2D;
  n: number;
  /** Columns including the intercept. */
  k: number;
}

/**
 * Fit on an encoded matrix X (n × d, row-major) with labels y (1 landed, 0 failed). Every tensor
 * made here is disposed before returning.
 */
export function fitBayesLogistic(tf: Tf, X: Float32Array, d: number, y: ArrayLike<number>, options: BayesOptions = {}): BayesFit {
  const n = y.length;
  if (X.length !== n * d) throw new Error(`Feature matrix has ${X.length} values, expected ${n} rows × ${d} columns.`);
  if (n === 0) throw new Error("No training rows.");
  const interceptScale = options.interceptScale ?? 10;
  const withIntercept = new Float32Array(n * (d + 1));
  for (let i = 0; i < n; i++) {
    withIntercept[i * (d + 1)] = 1;
    withIntercept.set(X.subarray(i * d, i * d + d), i * (d + 1) + 1);
  }
  const Xa = tf.tensor2d(withIntercept, [n, d + 1]);
  const problem: Problem = { tf, Xa, XaT: tf.transpose(Xa), y: tf.tensor2d(Float32Array.from(y as ArrayLike<number>), [n, 1]), onesRow: tf.ones([1, d + 1]), n, k: d + 1 };
  const fitAt = (priorScale: number, start: Float64Array) => newton(problem, start, priorScale, interceptScale, options.tolerance ?? 1e-6, options.maxIterations ?? 50);
  try {
    const start = options.startWeights?.length === d + 1 ? Float64Array.from(options.startWeights) : new Float64Array(d + 1);
    if (options.priorScale !== undefined || d === 0) return fitAt(options.priorScale ?? 1, start);
    // The log evidence is smooth and single-peaked in log(scale): climb the grid from the start
    // scale towards higher evidence, warm-starting each fit from its neighbour's mode.
    const fits = new Map<number, BayesFit>();
    const at = (i: number, from: BayesFit | undefined) => {
      if (!fits.has(i)) fits.set(i, fitAt(PRIOR_SCALES[i]!, from ? Float64Array.from([from.intercept, ...from.weights]) : new Float64Array(d + 1)));
      return fits.get(i)!;
    };
    const startIndex = nearestIndex(options.startScale ?? 1);
    let i = startIndex;
    if (!fits.has(i)) fits.set(i, fitAt(PRIOR_SCALES[i]!, start));
    let best = at(i, undefined);
    for (const direction of [1, -1]) {
      for (let j = i + direction; j >= 0 && j < PRIOR_SCALES.length; j += direction) {
        const next = at(j, fits.get(j - direction));
        if (next.logEvidence <= best.logEvidence) break;
        best = next;
        i = j;
      }
      if (i !== startIndex) break;
    }
    const evidence = [...fits.entries()].sort((a, b) => a[0] - b[0]).map(([, f]) => ({ priorScale: f.priorScale, logEvidence: f.logEvidence }));
    return { ...best, evidence };
  } finally {
    tf.dispose([problem.Xa, problem.XaT, problem.y, problem.onesRow]);
  }
}

/** Negative log posterior, its gradient and Hessian at w (one pass of tensor operations). */
function derivatives(p: Problem, w: Float64Array, precision: Float64Array): { loss: number; gradient: Float64Array; hessian: Float64Array } {
  const { tf, Xa, XaT, y, onesRow, k } = p;
  const out = tf.tidy(() => {
    const wt = tf.tensor2d(Float32Array.from(w), [k, 1]);
    const z = tf.matMul(Xa, wt);
    const prob = tf.sigmoid(z);
    // Σ softplus(z) − y·z: the log loss without log(0).
    const loss = tf.sum(tf.sub(tf.softplus(z), tf.mul(y, z)));
    const gradient = tf.matMul(XaT, tf.sub(prob, y));
    // Xa's rows scaled by p(1 − p). TF.js's CPU backend multiplies an n × k by an n × 1 through its
    // generic broadcasting loop (arrays allocated per element: most of a build's fitting time), so
    // the column is first spread to n × k by a product with a row of ones (each entry s · 1, exact)
    // and multiplied element by element: the same float32 products, bit for bit, in half the time.
    const weights = tf.matMul(tf.mul(prob, tf.sub(1, prob)), onesRow);
    const hessian = tf.matMul(XaT, tf.mul(Xa, weights));
    return tf.concat([tf.reshape(loss, [1]), tf.reshape(gradient, [k]), tf.reshape(hessian, [k * k])]);
  });
  const values = out.dataSync();
  out.dispose();
  let loss = values[0]!;
  const gradient = new Float64Array(k);
  const hessian = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    loss += (0.5 * w[j]! * w[j]! * precision[j]!);
    gradient[j] = values[1 + j]! + precision[j]! * w[j]!;
    for (let m = 0; m < k; m++) hessian[j * k + m] = values[1 + k + j * k + m]! + (j === m ? precision[j]! : 0);
  }
  return { loss, gradient, hessian };
}

function newton(p: Problem, start: Float64Array, priorScale: number, interceptScale: number, tolerance: number, maxIterations: number): BayesFit {
  const k = p.k;
  const precision = Float64Array.from({ length: k }, (_, j) => 1 / (j === 0 ? interceptScale : priorScale) ** 2);
  let w = start.slice();
  let previous: { w: Float64Array; loss: number } | null = null;
  let converged = false;
  let iterations = 0;
  let current = derivatives(p, w, precision);
  for (; iterations < maxIterations; iterations++) {
    if (previous && current.loss > previous.loss + 1e-6 * Math.max(1, Math.abs(previous.loss))) {
      // The full step overshot (possible far from the mode): halve it back towards the last point.
      // The loss is summed in float32, hence the relative slack above.
      w = w.map((v, j) => (v + previous!.w[j]!) / 2);
      current = derivatives(p, w, precision);
      continue;
    }
    const step = choleskySolve(cholesky(current.hessian, k), current.gradient, k);
    previous = { w, loss: current.loss };
    w = w.map((v, j) => v - step[j]!);
    current = derivatives(p, w, precision);
    if (Math.max(...step.map(Math.abs)) < tolerance) {
      converged = true;
      iterations++;
      break;
    }
  }
  const L = cholesky(current.hessian, k);
  let logDetH = 0;
  for (let j = 0; j < k; j++) logDetH += 2 * Math.log(L[j * k + j]!);
  let logPriorNorm = 0;
  for (let j = 0; j < k; j++) logPriorNorm += Math.log(precision[j]!) / 2;
  return {
    intercept: w[0]!,
    weights: w.slice(1),
    covariance: choleskyInverse(L, k),
    priorScale,
    interceptScale,
    // log p(y|w*) + log p(w*) + (k/2) log 2π − ½ log|H|, the 2π terms cancelling.
    logEvidence: -current.loss + logPriorNorm - logDetH / 2,
    evidence: [],
    iterations,
    converged
  };
}

function nearestIndex(scale: number): number {
  let best = 0;
  PRIOR_SCALES.forEach((s, i) => {
    if (Math.abs(Math.log(s / scale)) < Math.abs(Math.log(PRIOR_SCALES[best]! / scale))) best = i;
  });
  return best;
}

/** Lower-triangular L with L Lᵀ = A (A symmetric positive definite, k × k row-major). */
export function cholesky(A: ArrayLike<number>, k: number): Float64Array {
  const L = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = A[i * k + j]!;
      for (let m = 0; m < j; m++) sum -= L[i * k + m]! * L[j * k + m]!;
      if (i === j) {
        if (!(sum > 0)) throw new Error("The Hessian is not positive definite: the fit failed (check for non-finite feature values).");
        L[i * k + i] = Math.sqrt(sum);
      } else L[i * k + j] = sum / L[j * k + j]!;
    }
  }
  return L;
}

export function choleskySolve(L: Float64Array, b: ArrayLike<number>, k: number): Float64Array {
  const z = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let sum = b[i]!;
    for (let m = 0; m < i; m++) sum -= L[i * k + m]! * z[m]!;
    z[i] = sum / L[i * k + i]!;
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let sum = z[i]!;
    for (let m = i + 1; m < k; m++) sum -= L[m * k + i]! * x[m]!;
    x[i] = sum / L[i * k + i]!;
  }
  return x;
}

function choleskyInverse(L: Float64Array, k: number): Float64Array {
  const inverse = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    const e = new Float64Array(k);
    e[c] = 1;
    const column = choleskySolve(L, e, k);
    for (let r = 0; r < k; r++) inverse[r * k + c] = column[r]!;
  }
  // Symmetric by construction; average away rounding so the card's matrix is exactly symmetric.
  for (let r = 0; r < k; r++) for (let c = r + 1; c < k; c++) inverse[r * k + c] = inverse[c * k + r] = (inverse[r * k + c]! + inverse[c * k + r]!) / 2;
  return inverse;
}
