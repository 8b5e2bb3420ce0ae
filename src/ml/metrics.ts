// Evaluation metrics over labels (1 = landed, 0 = failed) and predicted probabilities of landing.
// A metric that the data cannot define (ROC-AUC with no failures in the test set) is null, never 0.5.

export interface Metrics {
  n: number;
  positives: number;
  /** Share of landed cores in the evaluated rows. */
  baseRate: number;
  accuracy: number;
  balancedAccuracy: number | null;
  rocAuc: number | null;
  /** Hanley–McNeil standard error of the ROC-AUC: with a dozen failures it is wide. */
  rocAucSe: number | null;
  /** Average precision with "landed" as the positive class. */
  prAucLanded: number | null;
  /** Average precision with "failed" as the positive class: the rare class, the informative one. */
  prAucFailed: number | null;
  logLoss: number;
  brier: number;
  confusion: Confusion;
}

export interface Confusion {
  /** Landed, predicted landed. */
  tp: number;
  /** Failed, predicted landed. */
  fp: number;
  /** Failed, predicted failed. */
  tn: number;
  /** Landed, predicted failed. */
  fn: number;
}

const EPS = 1e-15;

export function confusion(labels: ArrayLike<number>, probabilities: ArrayLike<number>, threshold = 0.5): Confusion {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < labels.length; i++) {
    // Strictly above, as scikit-learn's predict(): a k-NN tie at 0.5 is "failed".
    const predicted = probabilities[i]! > threshold;
    if (labels[i] === 1) predicted ? c.tp++ : c.fn++;
    else predicted ? c.fp++ : c.tn++;
  }
  return c;
}

/** ROC-AUC as the Mann–Whitney statistic: tied scores count one half. */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number | null {
  const order = rankOrder(scores);
  const ranks = new Float64Array(labels.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const average = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!] = average;
    i = j + 1;
  }
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) {
      positives++;
      rankSum += ranks[i]!;
    }
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Average precision (scikit-learn's definition): Σ (Rₙ − Rₙ₋₁) Pₙ over descending score thresholds. */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>, positive = 1): number | null {
  const total = countWhere(labels, (y) => y === positive);
  if (total === 0) return null;
  const order = rankOrder(scores).reverse();
  let tp = 0;
  let seen = 0;
  let previousRecall = 0;
  let ap = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]!] === scores[order[i]!]) j++;
    for (let k = i; k <= j; k++) {
      seen++;
      if (labels[order[k]!] === positive) tp++;
    }
    const recall = tp / total;
    ap += (recall - previousRecall) * (tp / seen);
    previousRecall = recall;
    i = j + 1;
  }
  return ap;
}

/** Hanley & McNeil (1982): the AUC's standard error from its value and the class counts. */
export function rocAucStandardError(auc: number | null, positives: number, negatives: number): number | null {
  if (auc === null || !positives || !negatives) return null;
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  return Math.sqrt((auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / (positives * negatives));
}

export function logLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - EPS, Math.max(EPS, probabilities[i]!));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / labels.length;
}

export function brier(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += (probabilities[i]! - labels[i]!) ** 2;
  return sum / labels.length;
}

export function evaluate(labels: ArrayLike<number>, probabilities: ArrayLike<number>): Metrics {
  if (labels.length === 0) throw new Error("No rows to evaluate: the test set is empty. Use more data or a larger test share.");
  const c = confusion(labels, probabilities);
  const positives = c.tp + c.fn;
  const negatives = c.tn + c.fp;
  const failedScores = Array.from(probabilities as ArrayLike<number>, (p) => 1 - p);
  return {
    n: labels.length,
    positives,
    baseRate: positives / labels.length,
    accuracy: (c.tp + c.tn) / labels.length,
    balancedAccuracy: positives && negatives ? (c.tp / positives + c.tn / negatives) / 2 : null,
    rocAuc: rocAuc(labels, probabilities),
    rocAucSe: rocAucStandardError(rocAuc(labels, probabilities), positives, negatives),
    prAucLanded: averagePrecision(labels, probabilities, 1),
    prAucFailed: averagePrecision(labels, failedScores, 0),
    logLoss: logLoss(labels, probabilities),
    brier: brier(labels, probabilities),
    confusion: c
  };
}

/**
 * The majority-class baseline: predict the training set's base rate for every row. Its accuracy is
 * the bar any model must clear; its log loss and Brier score are those of knowing only the base rate.
 */
export function baselineMetrics(labels: ArrayLike<number>, trainingBaseRate: number): Metrics {
  const p = Math.min(1 - 1e-6, Math.max(1e-6, trainingBaseRate));
  const constant = Array.from({ length: labels.length }, () => p);
  return evaluate(labels, constant);
}

export interface RocPoint {
  threshold: number;
  fpr: number;
  tpr: number;
}

/** ROC curve points from the strictest threshold to the loosest; null when a class is absent. */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): RocPoint[] | null {
  const positives = countWhere(labels, (y) => y === 1);
  const negatives = labels.length - positives;
  if (!positives || !negatives) return null;
  const order = rankOrder(scores).reverse();
  const points: RocPoint[] = [{ threshold: Infinity, fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]!] === scores[order[i]!]) j++;
    for (let k = i; k <= j; k++) labels[order[k]!] === 1 ? tp++ : fp++;
    points.push({ threshold: scores[order[i]!]!, fpr: fp / negatives, tpr: tp / positives });
    i = j + 1;
  }
  return points;
}

export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
  /** Wilson 95% interval of the observed rate: with a handful of rows per bin it is wide. */
  low: number;
  high: number;
}

/** Reliability diagram: equal-width probability bins, empty bins left out. */
export function calibrationBins(labels: ArrayLike<number>, probabilities: ArrayLike<number>, bins = 10): CalibrationBin[] {
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const lower = b / bins;
    const upper = (b + 1) / bins;
    let count = 0;
    let predicted = 0;
    let landed = 0;
    for (let i = 0; i < labels.length; i++) {
      const p = probabilities[i]!;
      if (p >= lower && (p < upper || (b === bins - 1 && p <= upper))) {
        count++;
        predicted += p;
        landed += labels[i]!;
      }
    }
    if (count) {
      const [low, high] = wilsonInterval(landed, count);
      out.push({ lower, upper, count, meanPredicted: predicted / count, observedRate: landed / count, low, high });
    }
  }
  return out;
}

/** Wilson score interval for k successes in n trials (z = 1.96 for 95%). */
export function wilsonInterval(k: number, n: number, z = 1.959963984540054): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function rankOrder(scores: ArrayLike<number>): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]! || a - b);
}

function countWhere(values: ArrayLike<number>, test: (v: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (test(values[i]!)) n++;
  return n;
}
