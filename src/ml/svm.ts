// Support vector machines by libsvm's exact solver (libsvm-js: the C library scikit-learn's SVC
// wraps, compiled to WebAssembly). The solver is passed in once per environment, as TF.js is:
// Node loads the package with require (src/ml/libsvm-node.ts), the browser worker its browser
// build (src/components/libsvm.ts). Decision values are computed here from the fitted support
// vectors, so a model's probabilities, its saved state and its predictions need no libsvm.
import { sigmoid } from "./tensors.js";

export type SvmKernel = "linear" | "poly" | "rbf" | "sigmoid";

/** scikit-learn's SVC kernels: linear x·x', poly (γ x·x' + coef0)^degree, rbf exp(−γ‖x−x'‖²), sigmoid tanh(γ x·x' + coef0). */
export interface KernelSpec {
  kernel: SvmKernel;
  gamma: number;
  degree: number;
  coef0: number;
}

export interface SvmOptions extends KernelSpec {
  C: number;
  /** Per-class weights on C (scikit-learn's class_weight), [failed, landed]; default 1 and 1. */
  classWeights?: [number, number];
}

/** A fitted SVM: decision(x) = Σ coefficients_i · K(supportVector_i, x) + bias, positive = landed. */
export interface SvmModel {
  spec: KernelSpec;
  /** Row indices (into the matrix the model was fitted on) of the support vectors. */
  supportRows: number[];
  coefficients: number[];
  bias: number;
}

interface LibsvmInstance {
  train(samples: number[][], labels: number[]): void;
  serializeModel(): string;
  getSVIndices(): number[];
  getLabels(): number[];
  free(): void;
}
export type Libsvm = new (options: Record<string, unknown>) => LibsvmInstance;

let solver: Libsvm | null = null;

/** Hand the SVM module libsvm-js's SVM class, once, before the first fit. */
export function useLibsvm(svm: Libsvm): void {
  solver = svm;
}

function libsvm(): Libsvm {
  if (!solver) throw new Error("libsvm-js is not loaded: import src/ml/libsvm-node.ts in Node, or src/components/libsvm.ts in the browser, before fitting an SVM.");
  return solver;
}

/** libsvm's kernel_type for a kernel matrix given by the caller. */
const PRECOMPUTED = "4";

export function kernelSpec(kernel: SvmKernel, gamma: number): KernelSpec {
  return { kernel, gamma, degree: 3, coef0: 0 };
}

/** K(a_i, b_j) for rows i of A and j of B (row-major, d columns), as an A-rows × B-rows matrix. */
export function kernelMatrix(spec: KernelSpec, A: Float32Array, B: Float32Array, d: number): Float64Array {
  const m = A.length / d;
  const n = B.length / d;
  const K = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      if (spec.kernel === "rbf") {
        for (let c = 0; c < d; c++) {
          const diff = A[i * d + c]! - B[j * d + c]!;
          s += diff * diff;
        }
        K[i * n + j] = Math.exp(-spec.gamma * s);
        continue;
      }
      for (let c = 0; c < d; c++) s += A[i * d + c]! * B[j * d + c]!;
      K[i * n + j] = spec.kernel === "linear" ? s : spec.kernel === "poly" ? (spec.gamma * s + spec.coef0) ** spec.degree : Math.tanh(spec.gamma * s + spec.coef0);
    }
  }
  return K;
}

/**
 * Fit a C-SVC on the given rows, with labels y (0/1), from the kernel matrix K over all n rows
 * (kernelMatrix(spec, X, X, d)): libsvm's precomputed-kernel mode, so a grid computes each kernel
 * once, and the fitted model comes back as coefficients on row numbers rather than as a text copy
 * of every support vector (reading that back cost four times the fit). Tolerance and shrinking as
 * scikit-learn's SVC sets them.
 */
export function fitSvm(K: Float64Array, n: number, y: ArrayLike<number>, rows: readonly number[], options: SvmOptions): SvmModel {
  const spec: KernelSpec = { kernel: options.kernel, gamma: options.gamma, degree: options.degree, coef0: options.coef0 };
  const landed = rows.filter((i) => y[i] === 1).length;
  // libsvm refuses one class; scikit-learn too. A fold of one class predicts that class.
  if (landed === 0 || landed === rows.length) return { spec, supportRows: [], coefficients: [], bias: landed ? 1 : -1 };
  const SVM = libsvm();
  const weights = options.classWeights;
  const svm = new SVM({
    type: "0",
    kernel: PRECOMPUTED,
    cost: options.C,
    tolerance: 0.001,
    shrinking: true,
    cacheSize: 200,
    quiet: true,
    weight: weights ? { 0: weights[0], 1: weights[1] } : undefined
  });
  try {
    // Each sample: its serial number (1-based, libsvm's precomputed format), then its kernel row.
    svm.train(
      rows.map((i, serial) => [serial + 1, ...rows.map((j) => K[i * n + j]!)]),
      rows.map((i) => y[i]!)
    );
    const text = svm.serializeModel();
    const indices = svm.getSVIndices();
    // libsvm's decision is for its first label, which is the first label it met in the rows.
    const sign = svm.getLabels()[0] === 1 ? 1 : -1;
    const rho = Number(/^rho (\S+)$/m.exec(text)?.[1]);
    const lines = text.slice(text.indexOf("\nSV\n") + 4).split("\n").filter((l) => l.length);
    if (!Number.isFinite(rho) || lines.length !== indices.length) throw new Error(`libsvm-js returned a model this site cannot read (${indices.length} support vectors, ${lines.length} lines).`);
    return {
      spec,
      supportRows: indices.map((i) => rows[i]!),
      coefficients: lines.map((l) => sign * Number(l.slice(0, l.indexOf(" ")))),
      bias: -sign * rho
    };
  } finally {
    svm.free();
  }
}

/**
 * Decision values for rows `at` of X from the model's support rows, reading kernel values from a
 * precomputed matrix K over all rows (n × n), as the grid does; the model's own rows otherwise.
 */
export function decisionFromGram(model: SvmModel, K: Float64Array, n: number, at: readonly number[]): Float64Array {
  return Float64Array.from(at, (row) => {
    let z = model.bias;
    for (let s = 0; s < model.supportRows.length; s++) z += model.coefficients[s]! * K[model.supportRows[s]! * n + row]!;
    return z;
  });
}

/** Decision values for the rows of Q (m × d), given the support vectors themselves (m' × d). */
export function decision(spec: KernelSpec, supportVectors: Float32Array, coefficients: readonly number[], bias: number, Q: Float32Array, d: number): Float64Array {
  const K = kernelMatrix(spec, Q, supportVectors, d);
  const m = coefficients.length;
  return Float64Array.from({ length: Q.length / d }, (_, i) => {
    let z = bias;
    for (let s = 0; s < m; s++) z += coefficients[s]! * K[i * m + s]!;
    return z;
  });
}

/**
 * Platt scaling: P(landed) = σ(a·z + b) fitted to decision values by Newton steps on the log loss,
 * with Platt's smoothed targets. The slope is kept positive: a larger decision value never means
 * a lower probability (libsvm's own cross-validated fit can turn the ranking round on few rows).
 */
export function plattScaling(z: ArrayLike<number>, y: ArrayLike<number>): [number, number] {
  const n = y.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i]!;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (n - positives + 2);
  const fit = (slopeFixed: number | null): [number, number] => {
    let a = slopeFixed ?? 1;
    let b = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
      for (let i = 0; i < n; i++) {
        const p = sigmoid(a * z[i]! + b);
        const t = y[i] ? hi : lo;
        const w = p * (1 - p);
        ga += (p - t) * z[i]!;
        gb += p - t;
        haa += w * z[i]! * z[i]!;
        hab += w * z[i]!;
        hbb += w;
      }
      let da = 0;
      let db = gb / hbb;
      if (slopeFixed === null) {
        const det = haa * hbb - hab * hab;
        if (Math.abs(det) < 1e-12) break;
        da = (hbb * ga - hab * gb) / det;
        db = (haa * gb - hab * ga) / det;
      }
      a -= da;
      b -= db;
      if (Math.abs(da) + Math.abs(db) < 1e-9) break;
    }
    return [a, b];
  };
  const [a, b] = fit(null);
  return a > 0 && Number.isFinite(a) && Number.isFinite(b) ? [a, b] : fit(1e-6);
}
