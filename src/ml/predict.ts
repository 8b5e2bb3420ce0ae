// A prediction and its interval from a model card, in plain TypeScript (no TF.js): the predictor
// and upcoming pages, the build and the CLI all use this one implementation. The card carries the
// encoder, the posterior mode (intercept, one weight per encoded column) and the posterior
// covariance (Laplace approximation: the inverse Hessian at the mode), so the log-odds of a row is
// Gaussian with mean b + w·x and variance x̃ᵀ Σ x̃ (x̃ = [1, x]); the probability's interval is that
// of the log-odds pushed through the logistic function.
import { encode, rawColumnValue, type Encoder, type Row } from "./features.js";

/** What predict.ts needs from a model card (card.json holds these fields, among others). */
export interface PredictiveCard {
  encoder: Encoder;
  intercept: number;
  coefficients: { column: string; weight: number }[];
  /** (d + 1) × (d + 1), intercept first, then the encoder's columns in order. */
  covariance: number[][];
}

export interface Forecast {
  /** Probability of landing at the posterior mode. */
  probability: number;
  /** 95% interval of the probability (Laplace approximation). */
  low: number;
  high: number;
  logit: number;
  /** Posterior standard deviation of the log-odds. */
  logitSd: number;
}

/** The standard normal's 97.5% quantile: the 95% interval. */
export const Z95 = 1.959963984540054;

export const logistic = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Mean and covariance of the log-odds give the probability and its interval. */
export function forecastFromLogit(logit: number, variance: number, z = Z95): Forecast {
  const sd = Math.sqrt(Math.max(0, variance));
  return { probability: logistic(logit), low: logistic(logit - z * sd), high: logistic(logit + z * sd), logit, logitSd: sd };
}

/** One encoded row (standardized columns, no intercept) through a linear posterior. */
export function linearForecast(x: ArrayLike<number>, intercept: number, weights: ArrayLike<number>, covariance: (i: number, j: number) => number): Forecast {
  const k = weights.length + 1;
  const xt = (j: number) => (j === 0 ? 1 : x[j - 1]!);
  let logit = intercept;
  for (let j = 0; j < weights.length; j++) logit += weights[j]! * x[j]!;
  let variance = 0;
  for (let i = 0; i < k; i++) {
    const xi = xt(i);
    if (xi === 0) continue;
    for (let j = 0; j < k; j++) variance += xi * covariance(i, j) * xt(j);
  }
  return forecastFromLogit(logit, variance);
}

export function checkCard(card: PredictiveCard): void {
  const d = card.encoder.columns.length;
  if (card.coefficients.length !== d) throw new Error(`Model card: ${card.coefficients.length} coefficients for ${d} encoded columns.`);
  card.coefficients.forEach((c, j) => {
    if (c.column !== card.encoder.columns[j]!.name) throw new Error(`Model card: coefficient ${j} is for "${c.column}", the encoder's column ${j} is "${card.encoder.columns[j]!.name}".`);
  });
  if (card.covariance.length !== d + 1 || card.covariance.some((r) => r.length !== d + 1)) throw new Error(`Model card: the covariance must be ${d + 1} × ${d + 1} (intercept and ${d} columns).`);
}

/** Probability of landing, with its 95% interval, for each feature row. */
export function predictRows(card: PredictiveCard, rows: readonly Row[]): Forecast[] {
  checkCard(card);
  const d = card.encoder.columns.length;
  const X = encode(card.encoder, rows);
  const weights = card.coefficients.map((c) => c.weight);
  const cov = (i: number, j: number) => card.covariance[i]![j]!;
  return rows.map((_, r) => linearForecast(X.subarray(r * d, r * d + d), card.intercept, weights, cov));
}

/** Each encoded column's push on the log-odds against the average training core (0 after standardizing). */
export function contributions(card: PredictiveCard, row: Row): { column: string; raw: number; logit: number }[] {
  const x = encode(card.encoder, [row]);
  return card.encoder.columns.map((c, j) => ({ column: c.name, raw: rawColumnValue(c, row), logit: card.coefficients[j]!.weight * x[j]! }));
}
