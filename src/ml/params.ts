// Model parameters, their defaults and their validation. Every entry point (worker, loader, CLI)
// checks parameters here first, so a bad value gets the same plain message everywhere.

export type ModelKind = "bayes" | "logreg" | "mlp" | "svm" | "tree" | "knn";
export type Activation = "relu" | "tanh" | "sigmoid" | "elu";
export type Kernel = "linear" | "rbf" | "poly" | "sigmoid";

/** The drop in pooled month-by-month log loss (nats per core) a covariate must bring for forward selection to keep it; the overview states it. */
export const SELECTION_MIN_GAIN = 0.001;

export const MODEL_NAMES: Record<ModelKind, string> = {
  bayes: "Bayesian logistic regression (TF.js, Newton's method, prior by evidence)",
  logreg: "Logistic regression (TF.js layers)",
  mlp: "Neural network (TF.js layers)",
  svm: "Support vector machine (libsvm, exact solver)",
  tree: "Decision tree, CART (TypeScript, this site)",
  knn: "k-nearest neighbours (TF.js distances)"
};

export interface ModelParams {
  kind: ModelKind;
  seed: number;
  /** Gradient-trained models (logreg, mlp). */
  learningRate: number;
  epochs: number;
  batchSize: number;
  /** L2 penalty weight on the kernels: loss = mean cross-entropy + l2 · Σ w². */
  l2: number;
  /** Weight each class by n / (2 · n_class), so the rare failures count as much as the landings. */
  classWeighting: boolean;
  /** mlp only. */
  hiddenLayers: number;
  units: number;
  activation: Activation;
  dropout: number;
  /** svm only: scikit-learn's C and kernel; gamma for rbf, poly and sigmoid. */
  C: number;
  kernel: Kernel;
  gamma: number;
  /** tree only. */
  maxDepth: number;
  criterion: "gini" | "entropy";
  minSamplesLeaf: number;
  minSamplesSplit: number;
  /** bayes only: prior standard deviation of the standardized weights; 0 = chosen by evidence. */
  priorScale: number;
  /** knn only. */
  k: number;
  /** Minkowski power: 1 Manhattan, 2 Euclidean. */
  p: 1 | 2;
}

export const DEFAULT_PARAMS: ModelParams = {
  kind: "bayes",
  seed: 42,
  learningRate: 0.05,
  epochs: 100,
  batchSize: 32,
  l2: 0.001,
  classWeighting: false,
  hiddenLayers: 1,
  units: 16,
  activation: "relu",
  dropout: 0.1,
  C: 1,
  kernel: "linear",
  gamma: 0.01,
  maxDepth: 4,
  criterion: "gini",
  minSamplesLeaf: 1,
  minSamplesSplit: 2,
  priorScale: 0,
  k: 5,
  p: 2
};

/** Fill defaults and check every value; throws one Error listing every problem and its fix. */
export function validateParams(input: Partial<ModelParams>): ModelParams {
  const params = { ...DEFAULT_PARAMS, ...input };
  const problems: string[] = [];
  const need = (ok: boolean, message: string) => ok || problems.push(message);
  need(params.kind in MODEL_NAMES, `Unknown model "${params.kind}": choose one of ${Object.keys(MODEL_NAMES).join(", ")}.`);
  need(Number.isInteger(params.seed), `The seed must be a whole number, got ${params.seed}.`);
  if (params.kind === "logreg" || params.kind === "mlp") {
    need(Number.isFinite(params.learningRate) && params.learningRate > 0, `The learning rate must be a number above 0 (try 0.01–0.1), got ${params.learningRate}.`);
    need(Number.isInteger(params.epochs) && params.epochs >= 1, `Epochs must be a whole number ≥ 1, got ${params.epochs}.`);
    need(params.epochs <= 5000, `Epochs above 5000 would take minutes; got ${params.epochs}.`);
  }
  if (params.kind === "logreg" || params.kind === "mlp") {
    need(Number.isInteger(params.batchSize) && params.batchSize >= 1, `Batch size must be a whole number ≥ 1, got ${params.batchSize}.`);
    need(Number.isFinite(params.l2) && params.l2 >= 0, `The L2 penalty must be ≥ 0, got ${params.l2}.`);
  }
  if (params.kind === "mlp") {
    need(Number.isInteger(params.hiddenLayers) && params.hiddenLayers >= 1 && params.hiddenLayers <= 4, `Hidden layers must be 1–4, got ${params.hiddenLayers}.`);
    need(Number.isInteger(params.units) && params.units >= 1 && params.units <= 256, `Units per layer must be 1–256, got ${params.units}.`);
    need(["relu", "tanh", "sigmoid", "elu"].includes(params.activation), `Unknown activation "${params.activation}".`);
    need(Number.isFinite(params.dropout) && params.dropout >= 0 && params.dropout < 1, `Dropout must be in [0, 1), got ${params.dropout}.`);
  }
  if (params.kind === "svm") {
    need(Number.isFinite(params.C) && params.C > 0, `C must be above 0, got ${params.C}.`);
    need(["linear", "rbf", "poly", "sigmoid"].includes(params.kernel), `Unknown kernel "${params.kernel}": linear, rbf, poly or sigmoid.`);
    need(Number.isFinite(params.gamma) && params.gamma > 0, `gamma must be above 0, got ${params.gamma}.`);
  }
  if (params.kind === "tree") {
    need(Number.isInteger(params.maxDepth) && params.maxDepth >= 1, `Maximum depth must be a whole number ≥ 1, got ${params.maxDepth}.`);
    need(params.criterion === "gini" || params.criterion === "entropy", `Criterion must be gini or entropy, got ${params.criterion}.`);
    need(Number.isInteger(params.minSamplesLeaf) && params.minSamplesLeaf >= 1, `Minimum samples per leaf must be ≥ 1, got ${params.minSamplesLeaf}.`);
    need(Number.isInteger(params.minSamplesSplit) && params.minSamplesSplit >= 2, `Minimum samples to split must be ≥ 2, got ${params.minSamplesSplit}.`);
  }
  if (params.kind === "bayes") {
    need(Number.isFinite(params.priorScale) && params.priorScale >= 0, `The prior scale must be 0 (chosen by evidence) or a positive standard deviation such as 1, got ${params.priorScale}.`);
  }
  if (params.kind === "knn") {
    need(Number.isInteger(params.k) && params.k >= 1, `k must be a whole number ≥ 1, got ${params.k}.`);
    need(params.p === 1 || params.p === 2, `p must be 1 (Manhattan) or 2 (Euclidean), got ${params.p}.`);
  }
  if (problems.length) throw new Error(problems.join(" "));
  return params;
}
