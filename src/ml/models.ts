// One trained model of any kind behind one interface: fit on an encoded matrix, predict the
// probability of landing. Logistic regression and the MLP are TF.js layers models (so the default
// model ships as a TF.js artifact); the SVM is libsvm's (src/ml/svm.ts); k-NN uses a TF.js distance
// matrix; the tree is TypeScript.
import type * as TF from "@tensorflow/tfjs";
import { fitBayesLogistic } from "./bayes.js";
import { type ModelParams } from "./params.js";
import { linearForecast, type Forecast } from "./predict.js";
import { normalSampler, seededRandom, shuffled } from "./random.js";
import { decision, fitSvm, kernelMatrix, kernelSpec, plattScaling, type KernelSpec } from "./svm.js";
import { checkpoint, distanceMatrix, sigmoid, type RunControl, type Tf } from "./tensors.js";
import { fitTree, predictTree, type TreeNode } from "./tree.js";

export interface Fitted {
  params: ModelParams;
  /** Probability of landing for each row of an encoded matrix (n × d). */
  predict(X: Float32Array): Float64Array;
  /** Logistic regression only: weights per encoded column and the intercept. */
  linear?: { weights: Float32Array | Float64Array; bias: number };
  /** Bayesian logistic regression: the posterior, and each row's probability with its 95% interval. */
  posterior?: { covariance: number[][]; priorScale: number; evidence: { priorScale: number; logEvidence: number }[]; iterations: number };
  forecast?(X: Float32Array): Forecast[];
  /** The TF.js layers model (logreg, mlp), for saving as an artifact. */
  layers?: TF.LayersModel;
  /** Everything else a saved model needs besides the layers artifact. */
  state: FittedState;
  /** Training loss per epoch, for gradient-trained models. */
  history: number[];
  dispose(): void;
}

export type FittedState =
  | { kind: "layers" }
  | { kind: "bayes"; intercept: number; weights: number[]; covariance: number[][]; priorScale: number; evidence: { priorScale: number; logEvidence: number }[]; iterations: number }
  | { kind: "svm"; supportVectors: number[]; coefficients: number[]; bias: number; platt: [number, number]; spec: KernelSpec }
  | { kind: "tree"; tree: TreeNode }
  | { kind: "knn"; trainX: number[]; trainY: number[]; k: number; p: 1 | 2 };

/** n / (2 · n_class) for each row's class: both classes then weigh the same in the loss. */
export function balancedWeights(y: ArrayLike<number>, enabled: boolean): Float32Array {
  const n = y.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i]!;
  const weight = (label: number) => (!enabled ? 1 : n / (2 * Math.max(1, label ? positives : n - positives)));
  return Float32Array.from({ length: n }, (_, i) => weight(y[i]!));
}

export async function fitModel(tf: Tf, params: ModelParams, X: Float32Array, d: number, y: ArrayLike<number>, control?: RunControl): Promise<Fitted> {
  const n = y.length;
  if (d === 0) throw new Error("No feature columns: switch on at least one feature group.");
  if (n === 0) throw new Error("No training rows.");
  if (X.length !== n * d) throw new Error(`Feature matrix has ${X.length} values, expected ${n} rows × ${d} columns.`);
  switch (params.kind) {
    case "bayes": {
      const fit = fitBayesLogistic(tf, X, d, y, params.priorScale > 0 ? { priorScale: params.priorScale } : { startScale: control?.priorScaleHint, startWeights: control?.startWeightsHint });
      if (!fit.converged) throw new Error(`Newton's method did not converge in ${fit.iterations} iterations: check the features for extreme values.`);
      const k = d + 1;
      const covariance = Array.from({ length: k }, (_, i) => Array.from(fit.covariance.subarray(i * k, i * k + k)));
      return restoreModel(tf, params, d, { kind: "bayes", intercept: fit.intercept, weights: Array.from(fit.weights), covariance, priorScale: fit.priorScale, evidence: fit.evidence, iterations: fit.iterations });
    }
    case "logreg":
    case "mlp":
      return fitLayers(tf, params, X, d, y, control);
    case "svm": {
      const rows = Array.from({ length: n }, (_, i) => i);
      const spec = kernelSpec(params.kernel, params.gamma);
      // class_weight="balanced": each class's C scaled by n / (2 · its count), as balancedWeights.
      let positives = 0;
      for (let i = 0; i < n; i++) positives += y[i]!;
      const classWeights: [number, number] = [n / (2 * Math.max(1, n - positives)), n / (2 * Math.max(1, positives))];
      const model = fitSvm(kernelMatrix(spec, X, X, d), n, y, rows, { ...spec, C: params.C, classWeights: params.classWeighting ? classWeights : undefined });
      const supportVectors = model.supportRows.flatMap((i) => Array.from(X.subarray(i * d, (i + 1) * d)));
      const z = decision(spec, Float32Array.from(supportVectors), model.coefficients, model.bias, X, d);
      const platt = plattScaling(z, y);
      return restoreModel(tf, params, d, { kind: "svm", supportVectors, coefficients: model.coefficients, bias: model.bias, platt, spec });
    }
    case "tree": {
      const tree = fitTree(X, d, y, Array.from({ length: n }, (_, i) => i), {
        maxDepth: params.maxDepth,
        criterion: params.criterion,
        minSamplesLeaf: params.minSamplesLeaf,
        minSamplesSplit: params.minSamplesSplit,
        maxFeatures: null,
        splitter: "best",
        random: seededRandom(params.seed),
        weights: balancedWeights(y, params.classWeighting)
      });
      return restoreModel(tf, params, d, { kind: "tree", tree });
    }
    case "knn":
      if (params.k > n) throw new Error(`k = ${params.k} is more than the ${n} training rows.`);
      return restoreModel(tf, params, d, { kind: "knn", trainX: Array.from(X), trainY: Array.from(y as ArrayLike<number>), k: params.k, p: params.p });
  }
}

/** A fitted non-layers model from its saved state (also used right after fitting). */
export function restoreModel(tf: Tf, params: ModelParams, d: number, state: FittedState, layers?: TF.LayersModel): Fitted {
  const base = { params, state, history: [] as number[] };
  switch (state.kind) {
    case "bayes": {
      const w = Float32Array.from(state.weights);
      return {
        ...base,
        linear: { weights: Float64Array.from(state.weights), bias: state.intercept },
        posterior: { covariance: state.covariance, priorScale: state.priorScale, evidence: state.evidence, iterations: state.iterations },
        // The probability through TF.js (as the worker trains it); predict.ts computes the same in plain TypeScript.
        predict: (X) => {
          const n = X.length / d;
          const out = tf.tidy(() => tf.sigmoid(tf.add(tf.matMul(tf.tensor2d(X, [n, d]), tf.tensor2d(w, [d, 1])), state.intercept)).dataSync());
          return Float64Array.from(out);
        },
        forecast: (X) => Array.from({ length: X.length / d }, (_, i) => linearForecast(X.subarray(i * d, i * d + d), state.intercept, state.weights, (a, b) => state.covariance[a]![b]!)),
        dispose: () => {}
      };
    }
    case "layers": {
      if (!layers) throw new Error("A layers model state needs its TF.js model.");
      const dense = layers.layers.filter((l) => l.getClassName() === "Dense");
      const linear =
        params.kind === "logreg"
          ? { weights: dense[0]!.getWeights()[0]!.dataSync() as Float32Array, bias: dense[0]!.getWeights()[1]!.dataSync()[0]! }
          : undefined;
      return {
        ...base,
        layers,
        linear,
        predict: (X) => {
          const out = tf.tidy(() => (layers.predict(tf.tensor2d(X, [X.length / d, d])) as TF.Tensor).dataSync());
          return Float64Array.from(out);
        },
        dispose: () => layers.dispose()
      };
    }
    case "svm": {
      const supportVectors = Float32Array.from(state.supportVectors);
      return {
        ...base,
        predict: (X) => decision(state.spec, supportVectors, state.coefficients, state.bias, X, d).map((z) => sigmoid(state.platt[0] * z + state.platt[1])),
        dispose: () => {}
      };
    }
    case "tree":
      return { ...base, predict: (X) => predictTree(state.tree, X, d), dispose: () => {} };
    case "knn": {
      const train = Float32Array.from(state.trainX);
      return { ...base, predict: (X) => knnProbabilities(distanceMatrix(X, train, d, state.p), state.trainY, [state.k])[0]!, dispose: () => {} };
    }
  }
}

/**
 * Share of landed cores among the k nearest training rows, for each k in `ks`, from a distance
 * matrix (rows: queries, columns: training rows). Equal distances keep the training order.
 */
export function knnProbabilities(distances: Float64Array, trainY: ArrayLike<number>, ks: readonly number[]): Float64Array[] {
  const m = trainY.length;
  const n = distances.length / m;
  const out = ks.map(() => new Float64Array(n));
  const order = Array.from({ length: m }, (_, j) => j);
  for (let i = 0; i < n; i++) {
    order.sort((a, b) => distances[i * m + a]! - distances[i * m + b]! || a - b);
    let landed = 0;
    let k = 0;
    ks.forEach((kk, which) => {
      for (; k < kk; k++) landed += trainY[order[k]!]!;
      out[which]![i] = landed / kk;
    });
  }
  return out;
}

async function fitLayers(tf: Tf, params: ModelParams, X: Float32Array, d: number, y: ArrayLike<number>, control?: RunControl): Promise<Fitted> {
  const n = y.length;
  // Fixed names: TF.js would otherwise number layers by a process-wide counter, and the saved
  // model.json would change with how many models the process made before.
  const model = tf.sequential({ name: `landing_${params.kind}` });
  if (params.kind === "mlp") {
    for (let layer = 0; layer < params.hiddenLayers; layer++) {
      model.add(tf.layers.dense({ name: `hidden_${layer + 1}`, units: params.units, activation: params.activation, inputShape: layer === 0 ? [d] : undefined, kernelInitializer: tf.initializers.glorotUniform({ seed: params.seed + layer }) }));
      if (params.dropout > 0) model.add(tf.layers.dropout({ name: `dropout_${layer + 1}`, rate: params.dropout, seed: params.seed + 100 + layer }));
    }
    model.add(tf.layers.dense({ name: "landing_probability", units: 1, activation: "sigmoid", kernelInitializer: tf.initializers.glorotUniform({ seed: params.seed + 99 }) }));
  } else {
    model.add(tf.layers.dense({ name: "landing_probability", units: 1, activation: "sigmoid", inputShape: [d], kernelInitializer: "zeros" }));
  }
  const random = seededRandom(params.seed);
  const Xt = tf.tensor2d(X, [n, d]);
  const yt = tf.tensor2d(Float32Array.from(y as ArrayLike<number>), [n, 1]);
  const wt = tf.tensor2d(balancedWeights(y, params.classWeighting), [n, 1]);
  const optimizer = tf.train.adam(params.learningRate);
  const variables = model.trainableWeights.map((w) => w.read() as TF.Variable);
  const kernels = model.trainableWeights.filter((w) => w.name.includes("kernel"));
  const history: number[] = [];
  try {
    for (let epoch = 0; epoch < params.epochs; epoch++) {
      const order = shuffled(Array.from({ length: n }, (_, i) => i), random);
      const costs: TF.Scalar[] = [];
      for (let start = 0; start < n; start += params.batchSize) {
        const batch = tf.tensor1d(order.slice(start, start + params.batchSize), "int32");
        const cost = optimizer.minimize(
          () => {
            const xb = tf.gather(Xt, batch);
            const yb = tf.gather(yt, batch);
            const wb = tf.gather(wt, batch);
            const p = tf.clipByValue(model.apply(xb, { training: true }) as TF.Tensor, 1e-7, 1 - 1e-7);
            const bce = tf.neg(tf.add(tf.mul(yb, tf.log(p)), tf.mul(tf.sub(1, yb), tf.log(tf.sub(1, p)))));
            const data = tf.div(tf.sum(tf.mul(bce, wb)), tf.sum(wb));
            const penalty = kernels.length && params.l2 > 0 ? tf.mul(params.l2, tf.addN(kernels.map((k) => tf.sum(tf.square(k.read()))))) : tf.scalar(0);
            return tf.add(data, penalty) as TF.Scalar;
          },
          true,
          variables
        );
        batch.dispose();
        if (cost) costs.push(cost);
      }
      const mean = tf.tidy(() => tf.mean(tf.stack(costs)).dataSync()[0]!);
      tf.dispose(costs);
      history.push(mean);
      if (!Number.isFinite(mean)) throw new Error(`Training diverged at epoch ${epoch + 1} (loss ${mean}): lower the learning rate.`);
      control?.progress?.((epoch + 1) / params.epochs, `epoch ${epoch + 1} of ${params.epochs}, loss ${mean.toFixed(4)}`);
      await checkpoint(control);
    }
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    optimizer.dispose();
    tf.dispose([Xt, yt, wt]);
  }
  const fitted = restoreModel(tf, params, d, { kind: "layers" }, model);
  fitted.history = history;
  return fitted;
}

/** Deterministic standard-normal noise, exported for tests that build their own data. */
export const gaussian = (seed: number) => normalSampler(seededRandom(seed));
