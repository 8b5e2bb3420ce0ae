// An experiment: encode the feature table, run a protocol (month by month, year by year,
// time-ordered split, k-fold CV, random split), fit the model on each training set, predict its
// test set, and score the predictions beside the three naive references (cumulative base rate,
// recent rate, era model) fitted on the same training rows and scored on the same test rows, with
// paired-bootstrap intervals of the differences. The worker, the build loader and the CLI all call
// runExperiment.
import { encode, fitEncoder, labelledRows, type Encoder, type Row } from "./features.js";
import { compareToReferences, race, referencePredictions, REFERENCES, type Comparisons, type RacePoint, type ReferenceMetrics, type ReferenceName } from "./forecast.js";
import { calibrationBins, evaluate, logLoss, rocAuc, rocCurve, type CalibrationBin, type Metrics, type RocPoint } from "./metrics.js";
import { fitModel, type Fitted } from "./models.js";
import { validateParams, type ModelParams } from "./params.js";
import { seededRandom, shuffled } from "./random.js";
import { rounds, type Protocol } from "./splits.js";
import type { RunControl, Tf } from "./tensors.js";

export interface ExperimentRequest {
  params: Partial<ModelParams>;
  features: string[];
  protocol: Protocol;
  /** Permutation repeats per feature; 0 skips permutation importance. */
  importanceRepeats?: number;
  /** Window of the recent-rate reference, in landings (default 100). */
  recentN?: number;
  /** Fit and score the references (default true; forward selection skips them). */
  references?: boolean;
  /** Bootstrap replicates for the paired intervals (default 2000; 0 skips them). */
  bootstrapReplicates?: number;
}

export interface Prediction {
  landingId: string;
  launchId: string;
  /** "test" for a split, "fold-3" for cross-validation. */
  round: string;
  label: number;
  probability: number;
  /** 95% interval of the probability (Bayesian logistic regression; null for models without a posterior). */
  low: number | null;
  high: number | null;
  time: number;
  /** The references' probabilities for the same row, from the same training rows. */
  references: Record<ReferenceName, number>;
}

export interface Importance {
  feature: string;
  /** Mean rise in test log loss when the feature's values are shuffled among test rows. */
  logLossIncrease: number;
  /** Mean fall in ROC-AUC (null when the test rows hold one class only). */
  aucDecrease: number | null;
}

export interface ExperimentResult {
  params: ModelParams;
  protocol: Protocol;
  features: string[];
  /** Encoded columns of the last round's encoder. */
  columns: string[];
  rows: number;
  /** Metrics of all test predictions pooled (for k-fold: every row predicted once, out of fold). */
  metrics: Metrics;
  /** The same rows predicted at each training set's Laplace-smoothed base rate (= references.baseRate). */
  baseline: Metrics;
  /** The three references on the same rows; their ROC-AUC is computed, never assumed. */
  references: ReferenceMetrics | null;
  /** Model minus reference, per metric, with paired-bootstrap 95% intervals (launches resampled). */
  comparisons: Comparisons | null;
  /** Cumulative log loss round by round (time-ordered protocols only). */
  race: RacePoint[];
  recentN: number;
  trainingBaseRate: number;
  perRound: { name: string; train: number; test: number; metrics: Metrics }[];
  roc: RocPoint[] | null;
  calibration: CalibrationBin[];
  importance: Importance[];
  predictions: Prediction[];
  history: number[];
  /** The last round's fit alone, ms (the largest training set of a time-ordered protocol): what `npm run bench` holds to its budget. */
  lastFitMs: number;
  seconds: number;
}

export interface RoundModel {
  encoder: Encoder;
  fitted: Fitted;
}

export async function runExperiment(tf: Tf, allRows: readonly Row[], request: ExperimentRequest, control?: RunControl): Promise<ExperimentResult> {
  const started = Date.now();
  const params = validateParams(request.params);
  if (request.features.length === 0) throw new Error("No features selected: switch on at least one feature group.");
  const rows = labelledRows(allRows);
  if (rows.length < 10) throw new Error(`Only ${rows.length} labelled landing attempts: too few to train and test a model.`);
  const splitRows = rows.map((r) => ({ group: String(r.launch_id), label: r.label as number, time: r.date_utc as number }));
  const plan = rounds(splitRows, request.protocol);
  const predictions: Prediction[] = [];
  const recentN = request.recentN ?? 100;
  const withReferences = request.references ?? true;
  let priorScaleHint: number | undefined;
  let startWeightsHint: number[] | undefined;
  let eraScaleHint: number | undefined;
  let eraWeightsHint: number[] | undefined;
  const perRound: ExperimentResult["perRound"] = [];
  const importanceSums = new Map<string, { logLoss: number; auc: number; aucCount: number }>();
  let columns: string[] = [];
  let history: number[] = [];
  let trainingBaseRate = 0;
  let lastFitMs = 0;
  for (const [r, round] of plan.entries()) {
    const train = round.train.map((i) => rows[i]!);
    const test = round.test.map((i) => rows[i]!);
    const encoder = fitEncoder(train, request.features, rows);
    columns = encoder.columns.map((c) => c.name);
    const d = columns.length;
    const yTrain = train.map((row) => row.label as number);
    const yTest = test.map((row) => row.label as number);
    const roundControl: RunControl = {
      cancelled: control?.cancelled,
      progress: (fraction, message) => control?.progress?.((r + fraction) / plan.length, `${round.name}: ${message}`),
      priorScaleHint,
      startWeightsHint
    };
    const Xtrain = encode(encoder, train);
    const fitStarted = performance.now();
    const fitted = await fitModel(tf, params, Xtrain, d, yTrain, roundControl);
    lastFitMs = performance.now() - fitStarted;
    try {
      priorScaleHint = fitted.posterior?.priorScale;
      startWeightsHint = fitted.linear ? [fitted.linear.bias, ...fitted.linear.weights] : undefined;
      const Xtest = encode(encoder, test);
      const probabilities = fitted.predict(Xtest);
      const intervals = fitted.forecast?.(Xtest);
      const refs = withReferences ? await referencePredictions(tf, train, test, recentN, { cancelled: control?.cancelled, priorScaleHint: eraScaleHint, startWeightsHint: eraWeightsHint }) : null;
      eraScaleHint = refs?.eraPriorScale;
      eraWeightsHint = refs?.eraWeights;
      history = fitted.history;
      trainingBaseRate = yTrain.reduce((s, v) => s + v, 0) / yTrain.length;
      test.forEach((row, i) => {
        predictions.push({
          landingId: String(row.landing_id),
          launchId: String(row.launch_id),
          round: round.name,
          label: yTest[i]!,
          probability: probabilities[i]!,
          low: intervals?.[i]!.low ?? null,
          high: intervals?.[i]!.high ?? null,
          time: row.date_utc as number,
          references: refs ? { baseRate: refs.baseRate[i]!, recentRate: refs.recentRate[i]!, era: refs.era[i]! } : { baseRate: NaN, recentRate: NaN, era: NaN }
        });
      });
      perRound.push({ name: round.name, train: train.length, test: test.length, metrics: evaluate(yTest, probabilities) });
      if (request.importanceRepeats) {
        for (const item of permutationImportance(fitted, encoder, Xtest, yTest, request.importanceRepeats, params.seed + r)) {
          const sum = importanceSums.get(item.feature) ?? { logLoss: 0, auc: 0, aucCount: 0 };
          sum.logLoss += item.logLossIncrease / plan.length;
          if (item.aucDecrease !== null) {
            sum.auc += item.aucDecrease;
            sum.aucCount++;
          }
          importanceSums.set(item.feature, sum);
        }
      }
    } finally {
      fitted.dispose();
    }
  }
  const labels = predictions.map((p) => p.label);
  const probabilities = predictions.map((p) => p.probability);
  const metrics = evaluate(labels, probabilities);
  const referenceProbabilities = Object.fromEntries(REFERENCES.map((ref) => [ref, predictions.map((p) => p.references[ref])])) as Record<ReferenceName, number[]>;
  const references = withReferences ? (Object.fromEntries(REFERENCES.map((ref) => [ref, evaluate(labels, referenceProbabilities[ref])])) as ReferenceMetrics) : null;
  const timeOrdered = request.protocol.kind === "prequential" || request.protocol.kind === "rolling";
  return {
    params,
    protocol: request.protocol,
    features: request.features,
    columns,
    rows: rows.length,
    metrics,
    baseline: references?.baseRate ?? metrics,
    references,
    comparisons: withReferences && (request.bootstrapReplicates ?? 2000) > 0 ? compareToReferences(predictions.map((p) => p.launchId), labels, probabilities, referenceProbabilities, request.bootstrapReplicates ?? 2000) : null,
    race: withReferences && timeOrdered ? race(predictions) : [],
    recentN,
    trainingBaseRate,
    perRound,
    roc: rocCurve(labels, probabilities),
    calibration: calibrationBins(labels, probabilities),
    importance: [...importanceSums].map(([feature, s]) => ({ feature, logLossIncrease: s.logLoss, aucDecrease: s.aucCount ? s.auc / s.aucCount : null })).sort((a, b) => b.logLossIncrease - a.logLossIncrease),
    predictions,
    history,
    lastFitMs,
    seconds: (Date.now() - started) / 1000
  };
}

/**
 * Shuffle one raw feature (all its encoded columns together) among the test rows and measure how
 * much worse the predictions get. Repeated with different shuffles and averaged.
 */
export function permutationImportance(fitted: Fitted, encoder: Encoder, X: Float32Array, y: number[], repeats: number, seed: number): Importance[] {
  const d = encoder.columns.length;
  const n = y.length;
  const random = seededRandom(seed);
  const base = fitted.predict(X);
  const baseLoss = logLoss(y, base);
  const baseAuc = rocAuc(y, base);
  return encoder.features.map((feature) => {
    const cols = encoder.columns.flatMap((c, j) => (c.feature === feature ? [j] : []));
    let lossSum = 0;
    let aucSum = 0;
    for (let r = 0; r < repeats; r++) {
      const order = shuffled(Array.from({ length: n }, (_, i) => i), random);
      const permuted = X.slice();
      for (let i = 0; i < n; i++) for (const j of cols) permuted[i * d + j] = X[order[i]! * d + j]!;
      const p = fitted.predict(permuted);
      lossSum += logLoss(y, p) - baseLoss;
      if (baseAuc !== null) aucSum += baseAuc - rocAuc(y, p)!;
    }
    return { feature, logLossIncrease: lossSum / repeats, aucDecrease: baseAuc === null ? null : aucSum / repeats };
  });
}
