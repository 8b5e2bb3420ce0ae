// TF.js is passed in rather than imported: the browser worker uses the flat ESM bundle
// (@tensorflow/tfjs/dist/tf.fesm.min.js) and Node uses the package's own entry, and a module can
// only bundle one of them. Everything here disposes what it allocates (see test/unit/ml-memory).
import type * as TF from "@tensorflow/tfjs";

export type Tf = typeof TF;

/** How a long run reports progress and learns it was cancelled. */
export interface RunControl {
  progress?(fraction: number, message: string): void;
  cancelled?(): boolean;
  /** Bayesian logistic regression: where the evidence search for the prior scale starts (last refit's choice). */
  priorScaleHint?: number;
}

export class Cancelled extends Error {
  constructor() {
    super("Training was cancelled.");
    this.name = "Cancelled";
  }
}

let lastYield = 0;
/**
 * Give the event loop a turn at most every 40 ms, so a worker can receive "cancel" and a page
 * stays responsive, then throw if the run was cancelled.
 */
export async function checkpoint(control: RunControl | undefined): Promise<void> {
  const now = Date.now();
  if (now - lastYield > 40) {
    lastYield = now;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (control?.cancelled?.()) throw new Cancelled();
}

export type KernelSpec = { kernel: "linear" } | { kernel: "rbf" | "poly"; gamma: number };

/**
 * Random Fourier features (Rahimi & Recht): z(x) = √(2/m) cos(Wx + b), W ~ N(0, 2γ), b ~ U(0, 2π),
 * so z(x)·z(x') ≈ exp(−γ‖x − x'‖²). A linear model on z approximates an RBF-kernel one at a cost
 * linear, not quadratic, in the number of rows. Returns n × m.
 */
export function randomFourierFeatures(tf: Tf, X: Float32Array, d: number, m: number, gamma: number, random: () => number): Float32Array {
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const W = Float32Array.from({ length: d * m }, () => normal() * Math.sqrt(2 * gamma));
  const b = Float32Array.from({ length: m }, () => random() * 2 * Math.PI);
  const tensor = tf.tidy(() => tf.mul(tf.cos(tf.add(tf.matMul(tf.tensor2d(X, [X.length / d, d]), tf.tensor2d(W, [d, m])), tf.tensor1d(b))), Math.sqrt(2 / m)));
  const out = tensor.dataSync() as Float32Array;
  tensor.dispose();
  return out;
}

/** Kernel matrix between rows of A (m × d) and B (n × d): linear x·x', rbf exp(−γ‖x−x'‖²), poly (γ x·x')³. */
export function kernelMatrix(tf: Tf, A: Float32Array, B: Float32Array, d: number, spec: KernelSpec): Float32Array {
  const tensor = tf.tidy(() => {
    const a = tf.tensor2d(A, [A.length / d, d]);
    const b = tf.tensor2d(B, [B.length / d, d]);
    const dot = tf.matMul(a, b, false, true);
    if (spec.kernel === "linear") return dot;
    if (spec.kernel === "poly") return tf.pow(tf.mul(dot, spec.gamma), 3);
    const squared = tf.add(tf.sub(tf.sum(tf.square(a), 1, true), tf.mul(dot, 2)), tf.transpose(tf.sum(tf.square(b), 1, true)));
    return tf.exp(tf.mul(tf.relu(squared), -spec.gamma));
  });
  const out = tensor.dataSync() as Float32Array;
  tensor.dispose();
  return out;
}

/** Minkowski distances (p = 1 or 2) between rows of A (m × d) and B (n × d), as an m × n matrix. */
export function distanceMatrix(tf: Tf, A: Float32Array, B: Float32Array, d: number, p: 1 | 2): Float32Array {
  const tensor = tf.tidy(() => {
    const a = tf.tensor2d(A, [A.length / d, d]);
    const b = tf.tensor2d(B, [B.length / d, d]);
    if (p === 2) {
      const squared = tf.add(tf.sub(tf.sum(tf.square(a), 1, true), tf.mul(tf.matMul(a, b, false, true), 2)), tf.transpose(tf.sum(tf.square(b), 1, true)));
      return tf.sqrt(tf.relu(squared));
    }
    return tf.sum(tf.abs(tf.sub(tf.expandDims(a, 1), tf.expandDims(b, 0))), 2);
  });
  const out = tensor.dataSync() as Float32Array;
  tensor.dispose();
  return out;
}

export interface LinearBatch {
  /** Per fold: the n × d matrix standardized on that fold's training rows; or one shared matrix. */
  X: Float32Array[];
  d: number;
  y: ArrayLike<number>;
  /** Per fold: 1 for training rows, 0 otherwise. */
  trainMasks: Float32Array[];
  /** Per row weight (class weighting); 1 when absent. */
  rowWeights?: Float32Array;
  /** `input` picks the matrix of X (default: the fold's, or the only one). */
  candidates: { fold: number; C: number; input?: number }[];
  loss: "logistic" | "hinge";
  epochs: number;
  learningRate: number;
}

export interface BatchResult {
  /** Decision values, B × n. */
  decision: Float32Array;
  /** Linear: weights B × d. Kernel: coefficients β B × n. */
  coefficients: Float32Array;
  bias: Float32Array;
}

/**
 * Candidates grouped by the matrix they use (a fold's X, or a kernel): G groups of `per`
 * candidates each, so the model is one batched matrix product [G, n, ·] × [G, ·, per] rather than
 * B matrix-vector products. Groups are padded with inert candidates (all-zero mask) to equal size.
 */
function groupCandidates<C>(candidates: readonly C[], groups: number, groupOf: (c: C) => number): { per: number; slots: (number | null)[][] } {
  const slots: (number | null)[][] = Array.from({ length: groups }, () => []);
  candidates.forEach((c, b) => slots[groupOf(c)]!.push(b));
  const per = Math.max(1, ...slots.map((s) => s.length));
  for (const s of slots) while (s.length < per) s.push(null);
  return { per, slots };
}

/**
 * Train every candidate (fold × C) of a linear model at once: weights are one [G, d, per] tensor
 * and the loss is the sum of the candidates' independent losses, so one Adam step updates them all.
 * Objective per candidate, scikit-learn's divided by C·n: mean loss + ‖w‖² / (2·C·n); the
 * intercept is not penalised. Returns decision values for every row, B × n.
 */
export async function trainLinearBatch(tf: Tf, batch: LinearBatch, control?: RunControl): Promise<BatchResult> {
  const n = batch.y.length;
  const d = batch.d;
  const G = batch.X.length;
  const { per, slots } = groupCandidates(batch.candidates, G, (c) => c.input ?? (G === 1 ? 0 : c.fold));
  return trainGrouped(tf, {
    n, G, per, slots, inputs: batch.X, inner: d,
    candidates: batch.candidates, trainMasks: batch.trainMasks, y: batch.y, rowWeights: batch.rowWeights,
    penaltyScale: () => 1, loss: batch.loss, kernel: false, epochs: batch.epochs, learningRate: batch.learningRate
  }, control);
}

export interface KernelBatch {
  /** Kernel matrices (n × n) over all rows. */
  K: Float32Array[];
  y: ArrayLike<number>;
  trainMasks: Float32Array[];
  rowWeights?: Float32Array;
  candidates: { kernel: number; fold: number; C: number }[];
  epochs: number;
  learningRate: number;
}

/**
 * Kernel SVMs trained together in the representer form f(x) = Σᵢ βᵢ K(xᵢ, x) + b over each
 * candidate's training rows, minimising mean hinge loss + βᵀKβ / (2·C·n) (the SVM primal, divided
 * by C·n). Each kernel is scaled to max |K| = 1 and β rescaled to match, so a polynomial kernel's
 * huge values do not stall the optimiser. Returns decision values B × n.
 */
export async function trainKernelBatch(tf: Tf, batch: KernelBatch, control?: RunControl): Promise<BatchResult> {
  const n = batch.y.length;
  const G = batch.K.length;
  const scales = batch.K.map((k) => k.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1);
  const { per, slots } = groupCandidates(batch.candidates, G, (c) => c.kernel);
  const result = await trainGrouped(tf, {
    n, G, per, slots, inputs: batch.K.map((k, i) => k.map((v) => v / scales[i]!)), inner: n,
    candidates: batch.candidates, trainMasks: batch.trainMasks, y: batch.y, rowWeights: batch.rowWeights,
    penaltyScale: (c) => scales[c.kernel]!, loss: "hinge", kernel: true, epochs: batch.epochs, learningRate: batch.learningRate
  }, control);
  // Undo the kernel scaling: Σ β'ᵢ K(xᵢ, x)/s = Σ (β'ᵢ/s) K(xᵢ, x).
  batch.candidates.forEach((c, b) => {
    for (let i = 0; i < n; i++) result.coefficients[b * n + i] = result.coefficients[b * n + i]! / scales[c.kernel]!;
  });
  return result;
}

interface Grouped<C extends { fold: number; C: number }> {
  n: number;
  G: number;
  per: number;
  slots: (number | null)[][];
  /** Per group: n × inner (X, or a scaled kernel matrix). */
  inputs: Float32Array[];
  inner: number;
  candidates: readonly C[];
  trainMasks: Float32Array[];
  y: ArrayLike<number>;
  rowWeights?: Float32Array;
  penaltyScale: (c: C) => number;
  loss: "logistic" | "hinge";
  /** Kernel form: parameters live on rows and are masked to training rows; penalty βᵀKβ. */
  kernel: boolean;
  epochs: number;
  learningRate: number;
}

/**
 * Full-batch Adam with the gradient written out, not taken by autograd: TF.js's CPU kernels are
 * slow on broadcasting element-wise ops, and autograd plus the stock optimizer issue dozens of
 * them per step. Here each step is two batched matrix products and same-shape element-wise ops.
 *   z = inputs · a + b,   loss = Σ w·ℓ(s·z) + λ · (aᵀ K a  or  ‖a‖²)
 *   ∂/∂z = w · ℓ'(s·z) · s;   ∂/∂a = inputsᵀ · ∂/∂z + 2λ·(K a or a)   (K is symmetric)
 */
async function trainGrouped<C extends { fold: number; C: number }>(tf: Tf, g: Grouped<C>, control?: RunControl): Promise<BatchResult> {
  const { n, G, per, slots, inner } = g;
  const B = g.candidates.length;
  // Layout [G, ·, per]: column j of group k is candidate slots[k][j].
  const weightData = new Float32Array(G * n * per);
  const signData = new Float32Array(G * n * per);
  const lambdaData = new Float32Array(G * inner * per);
  const keepData = new Float32Array(G * inner * per);
  const rowWeights = g.rowWeights ?? new Float32Array(n).fill(1);
  slots.forEach((slot, k) =>
    slot.forEach((b, j) => {
      for (let i = 0; i < n; i++) signData[(k * n + i) * per + j] = 2 * g.y[i]! - 1;
      if (b === null) return;
      const c = g.candidates[b]!;
      const mask = g.trainMasks[c.fold]!;
      let count = 0;
      for (let i = 0; i < n; i++) count += mask[i]!;
      count = Math.max(1, count);
      for (let i = 0; i < n; i++) weightData[(k * n + i) * per + j] = (mask[i]! * rowWeights[i]!) / count;
      const lambda2 = 2 / (2 * c.C * count * g.penaltyScale(c));
      for (let i = 0; i < inner; i++) {
        lambdaData[(k * inner + i) * per + j] = lambda2;
        // Kernel form: only the candidate's training rows carry a coefficient.
        keepData[(k * inner + i) * per + j] = g.kernel ? mask[i]! : 1;
      }
    })
  );
  const inputs = tf.tensor3d(concat(g.inputs), [G, n, inner]);
  // Transposed once: a matrix product with transposeA walks memory column-wise and is slower.
  const inputsT = g.kernel ? inputs : tf.transpose(inputs, [0, 2, 1]);
  const weights = tf.tensor3d(weightData, [G, n, per]);
  const signs = tf.tensor3d(signData, [G, n, per]);
  const lambda2 = tf.tensor3d(lambdaData, [G, inner, per]);
  const keep = tf.tensor3d(keepData, [G, inner, per]);
  let a = tf.zeros([G, inner, per]) as TF.Tensor3D;
  let bias = tf.zeros([G, 1, per]) as TF.Tensor3D;
  let ma = tf.zerosLike(a), va = tf.zerosLike(a), mb = tf.zerosLike(bias), vb = tf.zerosLike(bias);
  const beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7;
  const decisionOf = (coefficients: TF.Tensor3D, b: TF.Tensor3D) => tf.add(tf.matMul(inputs, coefficients), b) as TF.Tensor3D;
  try {
    for (let epoch = 1; epoch <= g.epochs; epoch++) {
      const next = tf.tidy(() => {
        const z = decisionOf(a, bias);
        const margin = tf.mul(z, signs);
        const slope = g.loss === "logistic" ? tf.neg(tf.sigmoid(tf.neg(margin))) : tf.neg(tf.step(tf.sub(1, margin)));
        const dz = tf.mul(tf.mul(slope, signs), weights);
        const ga = g.kernel
          ? tf.mul(keep, tf.matMul(inputsT, tf.add(dz, tf.mul(lambda2, a))))
          : tf.add(tf.matMul(inputsT, dz), tf.mul(lambda2, a));
        const gb = tf.sum(dz, 1, true);
        const step = (param: TF.Tensor, grad: TF.Tensor, m: TF.Tensor, v: TF.Tensor) => {
          const m2 = tf.add(tf.mul(m, beta1), tf.mul(grad, 1 - beta1));
          const v2 = tf.add(tf.mul(v, beta2), tf.mul(tf.square(grad), 1 - beta2));
          const size = g.learningRate * Math.sqrt(1 - beta2 ** epoch) / (1 - beta1 ** epoch);
          return [tf.sub(param, tf.mul(tf.div(m2, tf.add(tf.sqrt(v2), epsilon)), size)), m2, v2];
        };
        return [...step(a, ga, ma, va), ...step(bias, gb, mb, vb)];
      });
      tf.dispose([a, ma, va, bias, mb, vb]);
      [a, ma, va, bias, mb, vb] = next as [TF.Tensor3D, TF.Tensor3D, TF.Tensor3D, TF.Tensor3D, TF.Tensor3D, TF.Tensor3D];
      control?.progress?.(epoch / g.epochs, `epoch ${epoch} of ${g.epochs}`);
      await checkpoint(control);
    }
    const z = tf.tidy(() => decisionOf(a, bias));
    const zData = z.dataSync();
    const aData = a.dataSync();
    const bData = bias.dataSync();
    z.dispose();
    const decision = new Float32Array(B * n);
    const coefficients = new Float32Array(B * inner);
    const biasOut = new Float32Array(B);
    slots.forEach((slot, k) =>
      slot.forEach((b, j) => {
        if (b === null) return;
        for (let i = 0; i < n; i++) decision[b * n + i] = zData[(k * n + i) * per + j]!;
        for (let i = 0; i < inner; i++) coefficients[b * inner + i] = aData[(k * inner + i) * per + j]!;
        biasOut[b] = bData[k * per + j]!;
      })
    );
    return { decision, coefficients, bias: biasOut };
  } finally {
    tf.dispose([inputs, inputsT, weights, signs, lambda2, keep, a, ma, va, bias, mb, vb]);
  }
}

export function concat(arrays: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(arrays.reduce((s, a) => s + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
