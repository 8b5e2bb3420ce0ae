// The naive references every model is judged against, computed by the same code on the same rows
// under every protocol; paired-bootstrap intervals of metric differences; the month-by-month race
// (cumulative log loss over time); and forward selection of covariates judged prequentially.
import { encode, fitEncoder, type Row } from "./features.js";
import { fitModel } from "./models.js";
import { logLoss, rocAuc as rocAucOf, type Metrics } from "./metrics.js";
import { SELECTION_MIN_GAIN, validateParams } from "./params.js";
import { seededRandom } from "./random.js";
import type { RunControl, Tf } from "./tensors.js";

export const REFERENCES = ["baseRate", "recentRate", "era"] as const;
export type ReferenceName = (typeof REFERENCES)[number];

export const REFERENCE_TITLES: Record<ReferenceName, string> = {
  baseRate: "Cumulative base rate (Laplace-smoothed)",
  recentRate: "Rate of the last N landings (Laplace-smoothed)",
  era: "Era model: logistic regression on log(1 + earlier landing attempts)"
};

/** The experience variable the era model uses, and the one the default model starts from. */
export const ERA_FEATURES = ["experience"];

/** (landed + 1) / (attempts + 2): never 0 or 1, so one failure never costs an infinite log loss. */
export function laplaceRate(labels: readonly number[]): number {
  const landed = labels.reduce((s, v) => s + v, 0);
  return (landed + 1) / (labels.length + 2);
}

/** The base rate of the last `n` training rows by lift-off time (`train` must be in time order). */
export function recentRate(trainLabelsInTimeOrder: readonly number[], n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new Error(`The recent-rate window must be a whole number of landings ≥ 1, got ${n}.`);
  return laplaceRate(trainLabelsInTimeOrder.slice(-n));
}

export interface ReferencePredictions {
  baseRate: number[];
  recentRate: number[];
  era: number[];
  /** The era model's prior scale and mode (hints for the next refit's evidence search and Newton start). */
  eraPriorScale: number;
  eraWeights: number[];
}

/**
 * The three references for one round: trained on `train` (in time order), predicting `test`.
 * The era model is the same Bayesian logistic regression as the default model, on one column.
 */
export async function referencePredictions(tf: Tf, train: readonly Row[], test: readonly Row[], recentN: number, control?: RunControl): Promise<ReferencePredictions> {
  const y = train.map((r) => r.label as number);
  const base = laplaceRate(y);
  const recent = recentRate(y, recentN);
  const encoder = fitEncoder(train, ERA_FEATURES, train);
  const fitted = await fitModel(tf, validateParams({ kind: "bayes", priorScale: 0 }), encode(encoder, train), encoder.columns.length, y, control);
  try {
    return {
      baseRate: test.map(() => base),
      recentRate: test.map(() => recent),
      era: Array.from(fitted.predict(encode(encoder, test))),
      eraPriorScale: fitted.posterior!.priorScale,
      eraWeights: [fitted.linear!.bias, ...fitted.linear!.weights]
    };
  } finally {
    fitted.dispose();
  }
}

export interface Interval {
  /** Metric of the model minus metric of the reference, on all rows. */
  difference: number;
  low: number;
  high: number;
  /** Bootstrap replicates that defined the metric for both (ROC-AUC needs both classes). */
  replicates: number;
}

export type MetricName = "logLoss" | "brier" | "rocAuc";

/**
 * Paired bootstrap of the difference metric(a) − metric(b): launches (not cores: a Falcon Heavy's
 * cores share their fate's causes) are drawn with replacement, both predictions of each drawn row
 * scored together. Percentile 95% interval; a fixed seed gives the same interval every run.
 */
export function pairedBootstrap(
  groups: readonly string[],
  labels: readonly number[],
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  metric: (labels: number[], p: number[]) => number | null,
  options: { replicates?: number; seed?: number } = {}
): Interval | null {
  const wholeA = metric([...labels], Array.from(a));
  const wholeB = metric([...labels], Array.from(b));
  if (wholeA === null || wholeB === null) return null;
  const byGroup = new Map<string, number[]>();
  groups.forEach((g, i) => byGroup.set(g, [...(byGroup.get(g) ?? []), i]));
  const members = [...byGroup.values()];
  const random = seededRandom(options.seed ?? 20170330);
  const differences: number[] = [];
  for (let r = 0; r < (options.replicates ?? 2000); r++) {
    const y: number[] = [];
    const pa: number[] = [];
    const pb: number[] = [];
    for (let g = 0; g < members.length; g++) {
      for (const i of members[Math.floor(random() * members.length)]!) {
        y.push(labels[i]!);
        pa.push(a[i]!);
        pb.push(b[i]!);
      }
    }
    const ma = metric(y, pa);
    const mb = metric(y, pb);
    if (ma !== null && mb !== null) differences.push(ma - mb);
  }
  if (differences.length < 10) return null;
  differences.sort((x, y) => x - y);
  return { difference: wholeA - wholeB, low: quantile(differences, 0.025), high: quantile(differences, 0.975), replicates: differences.length };
}

/** Linear interpolation between order statistics (numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

export interface RacePoint {
  /** Round name: "2017-01" for a month, "2019" for a year. */
  round: string;
  /** First lift-off of the round, ms. */
  time: number;
  /** Cores predicted so far. */
  n: number;
  failures: number;
  /** Mean log loss of every prediction up to and including this round. */
  model: number;
  baseRate: number;
  recentRate: number;
  era: number;
}

/** Cumulative log loss round by round, for the model and each reference: where the edge is earned. */
export function race(rows: readonly { round: string; time: number; label: number; probability: number; references: Record<ReferenceName, number> }[]): RacePoint[] {
  const out: RacePoint[] = [];
  const sums = { model: 0, baseRate: 0, recentRate: 0, era: 0 };
  let n = 0;
  let failures = 0;
  const loss = (y: number, p: number) => logLoss([y], [p]);
  for (let i = 0; i < rows.length; ) {
    const round = rows[i]!.round;
    const time = rows[i]!.time;
    let first = time;
    for (; i < rows.length && rows[i]!.round === round; i++) {
      const r = rows[i]!;
      first = Math.min(first, r.time);
      sums.model += loss(r.label, r.probability);
      for (const ref of REFERENCES) sums[ref] += loss(r.label, r.references[ref]);
      n++;
      if (r.label === 0) failures++;
    }
    out.push({ round, time: first, n, failures, model: sums.model / n, baseRate: sums.baseRate / n, recentRate: sums.recentRate / n, era: sums.era / n });
  }
  return out;
}

export type Comparisons = Record<ReferenceName, Record<MetricName, Interval | null>>;

export const METRICS: Record<MetricName, (labels: number[], p: number[]) => number | null> = {
  logLoss: (y, p) => logLoss(y, p),
  brier: (y, p) => y.reduce((s, v, i) => s + (p[i]! - v) ** 2, 0) / y.length,
  rocAuc: (y, p) => rocAucOf(y, p)
};


/**
 * Model against each reference on every metric, paired over the same rows: `pairedBootstrap` for
 * each pair and metric, computed in one pass. Every one of those bootstraps draws the same launches
 * (same seed, same order of draws), so the draws are made once, as a count per launch, and each
 * replicate's metrics are weighted sums over the rows (ROC-AUC a weighted Mann–Whitney over each
 * prediction's precomputed order) instead of copies of the rows: the same intervals up to rounding,
 * without 18,000 resampled arrays and 6,000 sorts per protocol.
 */
export function compareToReferences(groups: readonly string[], labels: readonly number[], model: ArrayLike<number>, references: Record<ReferenceName, ArrayLike<number>>, replicates = 2000, seed?: number): Comparisons {
  const none = () => Object.fromEntries(REFERENCES.map((ref) => [ref, { logLoss: null, brier: null, rocAuc: null }])) as Comparisons;
  if (replicates <= 0) return none();
  const n = labels.length;
  const groupIds = new Map<string, number>();
  const groupOf = Int32Array.from(groups, (g) => groupIds.get(g) ?? (groupIds.set(g, groupIds.size), groupIds.size - 1));
  const launches = groupIds.size;
  const vectors = [model, ...REFERENCES.map((ref) => references[ref])];
  const scored = vectors.map((p) => {
    const loss = new Float64Array(n);
    const squared = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]!));
      loss[i] = labels[i] === 1 ? -Math.log(q) : -Math.log(1 - q);
      squared[i] = (p[i]! - labels[i]!) ** 2;
    }
    const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => p[x]! - p[y]!);
    return { p, loss, squared, order };
  });
  const random = seededRandom(seed ?? 20170330);
  const counts = new Float64Array(launches);
  const weight = new Float64Array(n);
  const differences = vectors.slice(1).map(() => ({ logLoss: [] as number[], brier: [] as number[], rocAuc: [] as number[] }));
  const values = { logLoss: new Float64Array(vectors.length), brier: new Float64Array(vectors.length), rocAuc: new Float64Array(vectors.length) };
  for (let r = 0; r < replicates; r++) {
    counts.fill(0);
    for (let g = 0; g < launches; g++) counts[Math.floor(random() * launches)]!++;
    let rows = 0;
    let positives = 0;
    for (let i = 0; i < n; i++) {
      weight[i] = counts[groupOf[i]!]!;
      rows += weight[i]!;
      if (labels[i] === 1) positives += weight[i]!;
    }
    const negatives = rows - positives;
    scored.forEach(({ p, loss, squared, order }, v) => {
      let sumLoss = 0;
      let sumSquared = 0;
      for (let i = 0; i < n; i++) {
        sumLoss += weight[i]! * loss[i]!;
        sumSquared += weight[i]! * squared[i]!;
      }
      values.logLoss[v] = sumLoss / rows;
      values.brier[v] = sumSquared / rows;
      // Positives above each negative, ties counting one half, walking tied scores together.
      let below = 0;
      let pairs = 0;
      for (let k = 0; k < n; ) {
        let tiedPositives = 0;
        let tiedNegatives = 0;
        let j = k;
        for (; j < n && p[order[j]!] === p[order[k]!]; j++) {
          const w = weight[order[j]!]!;
          if (labels[order[j]!] === 1) tiedPositives += w;
          else tiedNegatives += w;
        }
        pairs += tiedPositives * (below + tiedNegatives / 2);
        below += tiedNegatives;
        k = j;
      }
      values.rocAuc[v] = positives > 0 && negatives > 0 ? pairs / (positives * negatives) : NaN;
    });
    for (let v = 1; v < vectors.length; v++) {
      differences[v - 1]!.logLoss.push(values.logLoss[0]! - values.logLoss[v]!);
      differences[v - 1]!.brier.push(values.brier[0]! - values.brier[v]!);
      if (!Number.isNaN(values.rocAuc[0]!)) differences[v - 1]!.rocAuc.push(values.rocAuc[0]! - values.rocAuc[v]!);
    }
  }
  const yLabels = [...labels];
  const whole = vectors.map((p) => Object.fromEntries((Object.keys(METRICS) as MetricName[]).map((m) => [m, METRICS[m](yLabels, Array.from(p))])) as Record<MetricName, number | null>);
  return Object.fromEntries(
    REFERENCES.map((ref, r) => [
      ref,
      Object.fromEntries(
        (Object.keys(METRICS) as MetricName[]).map((m) => {
          const a = whole[0]![m];
          const b = whole[r + 1]![m];
          const d = differences[r]![m];
          if (a === null || b === null || d.length < 10) return [m, null];
          d.sort((x, y) => x - y);
          return [m, { difference: a - b, low: quantile(d, 0.025), high: quantile(d, 0.975), replicates: d.length }];
        })
      )
    ])
  ) as Comparisons;
}

export interface SelectionStep {
  added: string | null;
  features: string[];
  /** Pooled prequential log loss with these features. */
  logLoss: number;
  /** Every candidate tried at this step and its log loss. */
  tried: { feature: string; logLoss: number }[];
}

/**
 * Forward selection judged prequentially: start from `base`, try each candidate, keep the one that
 * lowers the pooled month-by-month log loss most, while it lowers it by at least `minGain` nats per
 * core. `score` runs the protocol for a feature list and returns its pooled log loss.
 */
export async function forwardSelection(base: readonly string[], candidates: readonly string[], score: (features: string[]) => Promise<number>, minGain = SELECTION_MIN_GAIN, log: (line: string) => void = () => {}): Promise<SelectionStep[]> {
  let features = [...base];
  let current = await score(features);
  const steps: SelectionStep[] = [{ added: null, features: [...features], logLoss: current, tried: [] }];
  log(`selection: ${features.join(" + ")}: prequential log loss ${current.toFixed(4)}`);
  let remaining = candidates.filter((c) => !features.includes(c));
  while (remaining.length) {
    const tried: SelectionStep["tried"] = [];
    for (const feature of remaining) tried.push({ feature, logLoss: await score([...features, feature]) });
    tried.sort((x, y) => x.logLoss - y.logLoss);
    const best = tried[0]!;
    log(`selection: best next ${best.feature} ${best.logLoss.toFixed(4)} (${tried.map((t) => `${t.feature} ${t.logLoss.toFixed(4)}`).join(", ")})`);
    if (current - best.logLoss < minGain) {
      steps.push({ added: null, features: [...features], logLoss: current, tried });
      break;
    }
    features = [...features, best.feature];
    current = best.logLoss;
    steps.push({ added: best.feature, features: [...features], logLoss: current, tried });
    remaining = remaining.filter((c) => c !== best.feature);
  }
  return steps;
}

export type ReferenceMetrics = Record<ReferenceName, Metrics>;
