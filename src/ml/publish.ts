// Node only (build loader and CLI): choose the default model's covariates by forward selection
// judged month by month, train the published models on a data release, evaluate them under every
// protocol beside the three references, and produce the files a model is shipped as: a model card
// (encoder, posterior mode and covariance: enough for src/ml/predict.ts), a TF.js layers artifact
// of the same weights (model.json + weights.bin), metrics.json, predictions.csv and the registry.
// Byte-identical for identical data: no wall-clock time, no random seed left to chance.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parquetReadObjects } from "hyparquet";
import type * as TF from "@tensorflow/tfjs";
import { fitBayesLogistic } from "./bayes.js";
import { runExperiment, type ExperimentResult } from "./evaluate.js";
import { encode, featureSpec, featuresOfGroups, featureTableRows, fitEncoder, labelledRows, sourceArtifacts, upcomingFeatureRows, type Encoder, type Row, type TableName } from "./features.js";
import { ERA_FEATURES, forwardSelection, REFERENCE_TITLES, REFERENCES, type Comparisons, type RacePoint, type ReferenceMetrics, type SelectionStep } from "./forecast.js";
import { brier, logLoss, type Metrics } from "./metrics.js";
import { SELECTION_MIN_GAIN, validateParams, type ModelParams } from "./params.js";
import { predictRows, type PredictiveCard } from "./predict.js";
import { PROTOCOL_TITLES, type Protocol } from "./splits.js";
import type { ResultCache } from "./result-cache.js";
import type { Tf } from "./tensors.js";
import { sha256 } from "../../data-loaders/http.ts";

export const MODEL_TABLES = ["landings", "launches", "weather", "telemetry"] as const;

export interface DataRelease {
  tables: Partial<Record<TableName | "upcoming" | "preflight_losses", Row[]>>;
  /** sha256 of each table's Parquet bytes. */
  hashes: Record<string, string>;
}

export interface PublishedSpec {
  name: string;
  title: string;
  params: Partial<ModelParams>;
  /** The features the model always has (the experience term). */
  features: string[];
  /**
   * How the rest are chosen: "select" = forward selection judged by prequential log loss over
   * CANDIDATES; "default" = the default model's selection (restricted to `available`); or a list.
   */
  covariates: "select" | "default" | string[];
  /** Only these features may be used (the pre-launch model: what Launch Library 2 gives). */
  available?: string[];
  /** Protocols this model is evaluated under (default all): a what-if choice needs only the headline one. */
  protocols?: string[];
  purpose: string;
}

/**
 * Weather candidates: the day's wind and gusts at the pad, the waves offshore and the published
 * forecast. Their missing values are neutral (features.ts `missing`): weather coverage grows with
 * the years, so a missing-value indicator would stand in for the era.
 */
export const WEATHER_CANDIDATES = ["day_wind_speed_max_kmh", "day_wind_gusts_max_kmh", "wave_height_m", "weather_probability_pct"];

/**
 * Covariates forward selection may add to the experience term: facts about the booster and the
 * mission. Before selection, every candidate whose encoded columns describe the archive rather
 * than the booster (sourceArtifacts: e.g. `gridfins` and `legs` missing exactly where one source
 * is the only one, a landing place no source gives for the latest launches) is left out, on the
 * data at hand, and the card lists which and why.
 */
export const CANDIDATES = ["launch_year", "payload_mass_kg", "orbit", "site", "rocket", "core_role", "block", "core_flight", "reused", "days_since_previous_flight", "previous_landings", "landing_type", "landing_location", "gridfins", "legs", ...WEATHER_CANDIDATES];

/** What Launch Library 2 says before a launch: the pre-launch model may use only these. */
/**
 * The what-if predictor's richer choice: the mission (payload, orbit, site), the booster (block,
 * flight of the core, reuse, days since it last flew) and the landing plan, whether or not forward
 * selection kept them, so a reader can ask what payload or landing type would move, and read
 * beside the answer how much worse than the published model this model predicts month by month.
 * Landing place, grid fins and legs are left out: they describe the sources (sourceArtifacts).
 */
export const MISSION_FEATURES = ["payload_mass_kg", "orbit", "site", "block", "core_flight", "reused", "days_since_previous_flight", "landing_type"];

export const PRELAUNCH_FEATURES = ["experience", "launch_year", "orbit", "site", "rocket", "core_role", "core_flight", "reused", "landing_type", "landing_location"];

const BAYES: Partial<ModelParams> = { kind: "bayes", priorScale: 0, seed: 42 };

/**
 * The default model (overview headline, what-if page, the lab's first view), the same with the
 * weather group (what-if with wind and waves), and the pre-launch model (upcoming launches).
 */
export const PUBLISHED: PublishedSpec[] = [
  {
    name: "default",
    title: "Bayesian logistic regression: experience, then only the covariates that improve month-by-month log loss",
    params: BAYES,
    features: ERA_FEATURES,
    covariates: "select",
    purpose: "The overview's forecast, what-if predictions and the lab's starting point."
  },
  {
    name: "weather",
    title: "The default model plus the weather at lift-off",
    params: BAYES,
    features: ERA_FEATURES,
    covariates: "default",
    purpose: "What-if predictions with wind, temperature and sea state; weather covers few launches: its month-by-month evaluation against the era model says what that is worth."
  },
  {
    name: "prelaunch",
    title: "The default model restricted to what is known before launch (LL2 upcoming fields)",
    params: BAYES,
    features: ERA_FEATURES,
    covariates: "default",
    available: PRELAUNCH_FEATURES,
    purpose: "Predictions for the upcoming launches in the recorded Launch Library 2 states, each from a model trained only on launches before it."
  },
  {
    name: "mission",
    title: "Bayesian logistic regression: experience plus mission, booster and landing plan",
    params: BAYES,
    features: ERA_FEATURES,
    covariates: MISSION_FEATURES,
    protocols: ["prequential"],
    purpose: "What-if predictions on payload, orbit, site, booster and landing type; its month-by-month log loss against the published model's says how far the evidence supports them."
  }
];

export const PROTOCOLS: Record<string, Protocol> = {
  prequential: { kind: "prequential", startYear: 2017 },
  rolling: { kind: "rolling", startYear: 2017 },
  time: { kind: "time", testFraction: 0.2 },
  kfold: { kind: "kfold", folds: 10, seed: 42 },
  random: { kind: "random", testFraction: 0.2, seed: 42 }
};

export interface CardEvaluation {
  protocol: Protocol;
  title: string;
  metrics: Metrics;
  /** The cumulative base rate (Laplace-smoothed), as references.baseRate. */
  baseline: Metrics;
  references: ReferenceMetrics;
  referenceTitles: Record<string, string>;
  /** Model minus each reference: paired-bootstrap 95% intervals, launches resampled, fixed seed. */
  comparisons: Comparisons | null;
  recentN: number;
  race: RacePoint[];
  perRound: { name: string; train: number; test: number; failures: number; logLoss: number }[];
}

export interface NextLanding {
  /** The row the forecast is for: a Block 5 Falcon 9 core after every landing in the data. */
  row: Row;
  description: string;
  /** Probability that the landing fails, and its 95% interval. */
  failure: number;
  failureLow: number;
  failureHigh: number;
}

export interface UpcomingScore {
  landingId: string;
  launchId: string;
  name: string | null;
  net: string;
  label: number | null;
  probability: number;
  low: number;
  high: number;
  /** The model was trained on labelled landings of launches strictly before this one. */
  trainedBefore: string;
  trainingRows: number;
}

export interface ModelCard extends PredictiveCard {
  format: "falcon9-landing-lab/model-card@2";
  id: string;
  name: string;
  title: string;
  purpose: string;
  /** The latest launch in the training data (not the build time, so rebuilds are identical). */
  date: string;
  label: string;
  data: { hash: string; tables: { name: string; sha256: string; rows: number }[]; trainingRows: number; landed: number; failed: number };
  code: { hash: string; tfjs: string };
  params: ModelParams;
  features: string[];
  encoder: Encoder;
  /** Posterior mode: weight per encoded column (standardized) and intercept. */
  coefficients: { column: string; weight: number }[];
  intercept: number;
  /** Posterior covariance (inverse Hessian at the mode), intercept first: every prediction's interval. */
  covariance: number[][];
  prior: { scale: number; interceptScale: number; chosenBy: "evidence" | "fixed"; evidence: { priorScale: number; logEvidence: number }[] };
  interval: string;
  /** Forward selection's steps (default model), or how the covariates were fixed. */
  selection: SelectionStep[] | string;
  /** Candidate columns left out because the source set explains them (see sourceArtifacts). */
  sourceArtifacts: { feature: string; column: string; reason: string }[];
  /** Headline protocol first. */
  evaluation: Record<string, CardEvaluation>;
  nextLanding: NextLanding | null;
  upcoming: { scores: UpcomingScore[]; metrics: { n: number; failures: number; logLoss: number; brier: number } | null } | null;
  limitations: string[];
}

export interface PublishedModel {
  card: ModelCard;
  /** model.json (TF.js layers format, weights in weights.bin): the posterior mode as a sigmoid unit. */
  modelJson: string;
  weights: Uint8Array;
  results: Record<string, ExperimentResult>;
}

export async function readRelease(dir: string): Promise<DataRelease> {
  const release: DataRelease = { tables: {}, hashes: {} };
  for (const name of [...MODEL_TABLES, "upcoming", "preflight_losses"] as const) {
    const path = join(dir, `${name}.parquet`);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch {
      if (name === "landings" || name === "launches") throw new Error(`${path} is missing: --data must be a directory written by \`npm run data -- --out DIR\`.`);
      continue;
    }
    release.hashes[name] = sha256(bytes);
    release.tables[name] = await parquetRows(bytes);
  }
  return release;
}

export async function parquetRows(bytes: Uint8Array): Promise<Row[]> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return (await parquetReadObjects({ file: buffer })) as Row[];
}

/** Hash of the model code: every src/ml source file, in name order. */
export function codeHash(): string {
  const dir = dirname(fileURLToPath(import.meta.url));
  const hash = createHash("sha256");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts")).sort()) hash.update(file).update(readFileSync(join(dir, file)));
  return hash.digest("hex");
}

export function dataHash(release: DataRelease): string {
  return sha256(JSON.stringify(MODEL_TABLES.filter((t) => release.hashes[t]).map((t) => [t, release.hashes[t]])));
}

export interface PublishOptions {
  /** Run forward selection (default true); false publishes the experience term alone, and says so. */
  select?: boolean;
  /** Protocol names of PROTOCOLS to evaluate (default all; the prequential one is always run). */
  protocols?: string[];
  /** Paired-bootstrap replicates (default 2000). */
  bootstrapReplicates?: number;
  log?: (line: string) => void;
  /** Evaluations and the covariate selection from earlier runs on the same data and code (src/ml/result-cache.ts). */
  cache?: ResultCache;
}

interface PublishContext {
  release: DataRelease;
  rows: Row[];
  labelled: Row[];
  selection: SelectionStep[] | string;
  /** Covariates the default model's selection kept (beyond the experience term). */
  selected: string[];
  options: PublishOptions;
  /** Evaluations by model and protocol: a published model identical to an earlier one (the pre-launch model is the default's features on this data) reuses its figures. */
  evaluations: Map<string, ExperimentResult>;
}

export function specFeatures(spec: PublishedSpec, selected: readonly string[]): string[] {
  const covariates = spec.covariates === "select" || spec.covariates === "default" ? selected : spec.covariates;
  const extra = spec.name === "weather" ? featuresOfGroups(["weather"]) : [];
  const all = [...new Set([...spec.features, ...covariates, ...extra])];
  return spec.available ? all.filter((f) => spec.available!.includes(f)) : all;
}

/** Candidates whose encoded columns would describe the archive, not the booster (sourceArtifacts), with why. */
export function sourceArtifactFeatures(labelled: readonly Row[], candidates: readonly string[]): { feature: string; column: string; reason: string }[] {
  return candidates.flatMap((feature) => {
    // A weather column is tested against the weather sources too: a value only one weather source gives describes that source.
    const sourceOf = featureSpec(feature).table === "weather" ? (r: Row) => `${r.sources ?? ""}|${r.weather_sources ?? ""}` : undefined;
    return sourceArtifacts(fitEncoder(labelled, [feature], labelled), labelled, sourceOf).map((a) => ({ feature, ...a }));
  });
}

/** selectCovariates, or its steps from an earlier run on the same data and code. */
async function cachedSelection(tf: Tf, release: DataRelease, rows: readonly Row[], log: (line: string) => void, cache: ResultCache | undefined): Promise<SelectionStep[]> {
  const key = { what: "selection", data: dataHash(release), code: codeHash(), tfjs: tf.version.tfjs, candidates: CANDIDATES };
  const cached = cache?.get<SelectionStep[]>(key);
  if (cached) {
    log(`selection: ${cached.at(-1)!.features.join(" + ")}, reused from ${cache!.where(key)} (same data and code)`);
    return cached;
  }
  const steps = await selectCovariates(tf, rows, log);
  cache?.set(key, steps);
  return steps;
}

/** Forward selection over the artifact-free CANDIDATES, each judged by pooled month-by-month log loss. */
export async function selectCovariates(tf: Tf, rows: readonly Row[], log: (line: string) => void = () => {}): Promise<SelectionStep[]> {
  const excluded = new Set(sourceArtifactFeatures(labelledRows(rows), CANDIDATES).map((a) => a.feature));
  if (excluded.size) log(`selection: left out as source artifacts: ${[...excluded].join(", ")}`);
  return forwardSelection(ERA_FEATURES, CANDIDATES.filter((c) => !excluded.has(c)), async (features) => {
    const r = await runExperiment(tf, rows, { params: BAYES, features, protocol: PROTOCOLS.prequential!, references: false, bootstrapReplicates: 0 });
    return r.metrics.logLoss;
  }, SELECTION_MIN_GAIN, log);
}

async function publishModel(tf: Tf, context: PublishContext, spec: PublishedSpec): Promise<PublishedModel> {
  const { release, rows, labelled, options } = context;
  const log = options.log ?? (() => {});
  const params = validateParams(spec.params);
  const features = specFeatures(spec, context.selected);
  const results: Record<string, ExperimentResult> = {};
  const names = Object.keys(PROTOCOLS).filter((name) => name === "prequential" || ((!options.protocols || options.protocols.includes(name)) && (!spec.protocols || spec.protocols.includes(name))));
  for (const name of names) {
    const key = JSON.stringify({ params, features, name });
    const earlier = context.evaluations.get(key);
    const request = { params, features, protocol: PROTOCOLS[name]!, importanceRepeats: 3, bootstrapReplicates: options.bootstrapReplicates ?? 2000 };
    const cacheKey = { what: "experiment", data: dataHash(release), code: codeHash(), tfjs: tf.version.tfjs, request };
    const cached = earlier ? undefined : options.cache?.get<ExperimentResult>(cacheKey);
    const r = earlier ?? cached ?? (await runExperiment(tf, rows, request));
    if (!earlier && !cached) options.cache?.set(cacheKey, r);
    context.evaluations.set(key, r);
    results[name] = r;
    const era = r.comparisons?.era.logLoss;
    log(`model ${spec.name} ${name}: log loss ${r.metrics.logLoss.toFixed(4)} (base rate ${r.references!.baseRate.logLoss.toFixed(4)}, recent ${r.references!.recentRate.logLoss.toFixed(4)}, era ${r.references!.era.logLoss.toFixed(4)}${era ? `; vs era ${era.difference.toFixed(4)} [${era.low.toFixed(4)}, ${era.high.toFixed(4)}]` : ""}), ROC-AUC ${r.metrics.rocAuc?.toFixed(3) ?? "n/a"}, ${earlier ? "the same model as one published before: its evaluation reused" : cached ? `reused from ${options.cache!.where(cacheKey)} (same data, code and settings; computed in ${r.seconds.toFixed(1)} s)` : `${r.seconds.toFixed(1)} s`}`);
  }
  // The shipped model learns from every labelled row; the protocols above estimated how it does.
  const fit = await fitPosterior(tf, labelled, features);
  const y = labelled.map((r) => r.label as number);
  const { modelJson, weights } = await layersArtifact(tf, fit.encoder.columns.length, fit.fitted.weights, fit.fitted.intercept);
  const codeId = codeHash();
  const data = dataHash(release);
  const latest = Math.max(...rows.map((r) => r.date_utc as number));
  // The name is part of the id: the pre-launch model can equal the default one, and the registry keys by id.
  const id = sha256(JSON.stringify({ name: spec.name, data, params, features, code: codeId })).slice(0, 16);
  const posterior: PredictiveCard = { encoder: fit.encoder, intercept: fit.fitted.intercept, coefficients: fit.encoder.columns.map((c, j) => ({ column: c.name, weight: fit.fitted.weights[j]! })), covariance: fit.fitted.covariance };
  const card: ModelCard = {
    format: "falcon9-landing-lab/model-card@2",
    id,
    name: spec.name,
    title: spec.title,
    purpose: spec.purpose,
    date: new Date(latest).toISOString().slice(0, 10),
    label: "landings.label: 1 = first stage recovered on a landing zone or drone ship, 0 = such an attempt failed; ocean touchdowns, expended cores and unknown outcomes are left out.",
    data: {
      hash: data,
      tables: MODEL_TABLES.filter((t) => release.hashes[t]).map((t) => ({ name: t, sha256: release.hashes[t]!, rows: release.tables[t]!.length })),
      trainingRows: labelled.length,
      landed: y.filter((v) => v === 1).length,
      failed: y.filter((v) => v === 0).length
    },
    code: { hash: codeId, tfjs: tf.version.tfjs },
    params,
    features,
    ...posterior,
    prior: { scale: fit.fitted.priorScale, interceptScale: 10, chosenBy: params.priorScale > 0 ? "fixed" : "evidence", evidence: fit.fitted.evidence },
    interval: "95% interval of the probability: the log-odds' posterior is Gaussian (Laplace approximation at the posterior mode, covariance = inverse Hessian); its 2.5% and 97.5% points through the logistic function. src/ml/predict.ts computes it from this card.",
    selection: spec.covariates === "select" ? context.selection : spec.covariates === "default" ? `The default model's covariates${spec.available ? ", restricted to what is known before launch" : ""}${spec.name === "weather" ? ", plus the weather group" : ""}.` : "Fixed list.",
    sourceArtifacts: sourceArtifactFeatures(labelled, [...new Set([...CANDIDATES, ...features])]),
    evaluation: Object.fromEntries(Object.entries(results).map(([name, r]) => [name, cardEvaluation(r)])),
    nextLanding: spec.name === "default" ? nextLanding(posterior, labelled) : null,
    upcoming: spec.name === "prelaunch" && release.tables.upcoming ? await scoreUpcoming(tf, release, labelled, features) : null,
    limitations: [
      `Failures are rare (${y.filter((v) => v === 0).length} of ${labelled.length} labelled attempts), most of them before 2017: the month-by-month protocol predicts every core from 2017 on with a model of the months before, which is where the references and the model can be told apart at all; its intervals are wide.`,
      "Cross-validation and the random split mix years (a model that has seen 2020 scores 2016): they are kept for comparison, not as the headline.",
      "The experience term knows how many landings came before, not why a particular booster fails: the recent Block 5 failures were not predicted by any column here."
    ]
  };
  return { card, modelJson, weights, results };
}

function cardEvaluation(r: ExperimentResult): CardEvaluation {
  return {
    protocol: r.protocol,
    title: PROTOCOL_TITLES[r.protocol.kind],
    metrics: r.metrics,
    baseline: r.baseline,
    references: r.references!,
    referenceTitles: REFERENCE_TITLES,
    comparisons: r.comparisons,
    recentN: r.recentN,
    race: r.race,
    perRound: r.perRound.map((p) => ({ name: p.name, train: p.train, test: p.test, failures: p.metrics.n - p.metrics.positives, logLoss: p.metrics.logLoss }))
  };
}

/** The posterior on a set of rows (encoder fitted on them). */
async function fitPosterior(tf: Tf, rows: readonly Row[], features: string[], startScale?: number) {
  const encoder = fitEncoder(rows, features, rows);
  const y = rows.map((r) => r.label as number);
  const fitted = fitBayesLogistic(tf, encode(encoder, rows), encoder.columns.length, y, { startScale });
  if (!fitted.converged) throw new Error(`Newton's method did not converge for ${features.join(", ")} on ${rows.length} rows.`);
  const k = encoder.columns.length + 1;
  const covariance = Array.from({ length: k }, (_, i) => Array.from(fitted.covariance.subarray(i * k, i * k + k)));
  return { encoder, fitted: { ...fitted, weights: Array.from(fitted.weights), covariance } };
}

/**
 * The overview's headline: a Block 5 Falcon 9 core flying after every landing in the data, with
 * the features of the latest Block 5 landing attempt and the experience of all of them.
 */
export function nextLanding(card: PredictiveCard, labelled: readonly Row[]): NextLanding | null {
  const template = [...labelled].reverse().find((r) => r.block === 5 && r.rocket === "Falcon 9");
  if (!template) return null;
  const row: Row = { ...template, prior_attempts: labelled.length, experience: labelled.length, label: null };
  const [f] = predictRows(card, [row]);
  const used = card.encoder.features.filter((f) => f !== "experience");
  return {
    row: Object.fromEntries(card.encoder.features.map((f) => [f, row[f] ?? null])),
    description: `A Block 5 Falcon 9 core after all ${labelled.length} labelled landing attempts in the data${used.length ? `, otherwise like the latest Block 5 attempt (${used.map((f) => `${f} ${row[f] ?? "unknown"}`).join(", ")})` : ""}.`,
    failure: 1 - f!.probability,
    failureLow: 1 - f!.high,
    failureHigh: 1 - f!.low
  };
}

/**
 * Each upcoming launch scored by a model trained only on labelled landings of launches strictly
 * before it: the recorded LL2 states end after most of them flew, and their outcomes are in the
 * landings table, so a model of all the data would be scoring launches it was trained on.
 */
export async function scoreUpcoming(tf: Tf, release: DataRelease, labelled: readonly Row[], features: string[]): Promise<ModelCard["upcoming"]> {
  const upcoming = upcomingFeatureRows(release.tables.upcoming ?? [], release.tables.landings ?? []);
  const scores: UpcomingScore[] = [];
  const byDate = new Map<number, Row[]>();
  for (const r of upcoming) byDate.set(r.date_utc as number, [...(byDate.get(r.date_utc as number) ?? []), r]);
  let hint: number | undefined;
  for (const [date, rows] of [...byDate].sort((a, b) => a[0] - b[0])) {
    const train = labelled.filter((r) => (r.date_utc as number) < date);
    if (train.length < 10) continue;
    const fit = await fitPosterior(tf, train, features, hint);
    hint = fit.fitted.priorScale;
    const card: PredictiveCard = { encoder: fit.encoder, intercept: fit.fitted.intercept, coefficients: fit.encoder.columns.map((c, j) => ({ column: c.name, weight: fit.fitted.weights[j]! })), covariance: fit.fitted.covariance };
    predictRows(card, rows).forEach((f, i) => {
      const r = rows[i]!;
      scores.push({
        landingId: String(r.landing_id),
        launchId: String(r.launch_id),
        name: (r.mission as string | null) ?? null,
        net: new Date(date).toISOString(),
        label: (r.label as number | null) ?? null,
        probability: f.probability,
        low: f.low,
        high: f.high,
        trainedBefore: new Date(date).toISOString(),
        trainingRows: train.length
      });
    });
  }
  const known = scores.filter((s) => s.label === 0 || s.label === 1);
  const metrics = known.length ? { n: known.length, failures: known.filter((s) => s.label === 0).length, logLoss: logLoss(known.map((s) => s.label!), known.map((s) => s.probability)), brier: brier(known.map((s) => s.label!), known.map((s) => s.probability)) } : null;
  return { scores, metrics };
}

/** The posterior mode as a TF.js layers model (one sigmoid unit), for pages that load TF.js artifacts. */
async function layersArtifact(tf: Tf, d: number, weights: number[], intercept: number): Promise<{ modelJson: string; weights: Uint8Array }> {
  const model = tf.sequential({ name: "landing_bayes" });
  model.add(tf.layers.dense({ name: "landing_probability", units: 1, activation: "sigmoid", inputShape: [d] }));
  const kernel = tf.tensor2d(Float32Array.from(weights), [d, 1]);
  const bias = tf.tensor1d([intercept]);
  model.layers[0]!.setWeights([kernel, bias]);
  tf.dispose([kernel, bias]);
  try {
    return await saveLayers(tf, model);
  } finally {
    model.dispose();
  }
}

/** The layers model as TF.js's own artifact: model.json naming weights.bin. */
export async function saveLayers(tf: Tf, model: TF.LayersModel): Promise<{ modelJson: string; weights: Uint8Array }> {
  let artifacts: TF.io.ModelArtifacts | null = null;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: "JSON" } };
  }));
  const a = artifacts as unknown as TF.io.ModelArtifacts;
  const weightData = a.weightData as ArrayBuffer;
  const modelJson = JSON.stringify({ format: "layers-model", generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`, convertedBy: null, modelTopology: a.modelTopology, weightsManifest: [{ paths: ["weights.bin"], weights: a.weightSpecs }] }, null, 1);
  return { modelJson, weights: new Uint8Array(weightData) };
}

/**
 * predictions.csv: one line per (protocol, core) for the default model, the headline protocol
 * first: the probability of landing with its 95% interval, and the three references' probabilities.
 */
export function predictionsCsv(results: Record<string, ExperimentResult>): string {
  const lines = ["protocol,round,launch_id,landing_id,date_utc,label,probability,probability_low,probability_high,base_rate,recent_rate,era"];
  const p6 = (v: number | null) => (v === null ? "" : v.toFixed(6));
  for (const [protocol, r] of Object.entries(results)) {
    for (const p of r.predictions) lines.push([protocol, p.round, p.launchId, p.landingId, new Date(p.time).toISOString(), p.label, p6(p.probability), p6(p.low), p6(p.high), p6(p.references.baseRate), p6(p.references.recentRate), p6(p.references.era)].map(csvCell).join(","));
  }
  return lines.join("\n") + "\n";
}

/**
 * prequential.csv, per model: every core from the first test month on, predicted by this model
 * trained only on the landings before its month began (`trained_before`, the month's first day,
 * UTC). What the predictor shows "as flown": the forecast that could have been made before the launch.
 */
export function prequentialCsv(r: ExperimentResult): string {
  if (r.protocol.kind !== "prequential") throw new Error(`prequential.csv needs the prequential protocol's predictions, not ${r.protocol.kind}.`);
  const lines = ["landing_id,launch_id,date_utc,trained_before,training_rows,label,probability,probability_low,probability_high"];
  const p6 = (v: number | null) => (v === null ? "" : v.toFixed(6));
  const trainingRows = new Map(r.perRound.map((p) => [p.name, p.train]));
  for (const p of r.predictions) {
    // Round names of the prequential protocol are the test month (splits.ts prequentialMonths).
    const cutoff = new Date(`${p.round}-01T00:00:00Z`);
    if (!Number.isFinite(cutoff.getTime()) || cutoff.getTime() > p.time) throw new Error(`prequential round "${p.round}" does not start before its prediction at ${new Date(p.time).toISOString()}.`);
    lines.push([p.landingId, p.launchId, new Date(p.time).toISOString(), cutoff.toISOString().slice(0, 10), trainingRows.get(p.round) ?? "", p.label, p6(p.probability), p6(p.low), p6(p.high)].map(csvCell).join(","));
  }
  return lines.join("\n") + "\n";
}

const pick = (m: Metrics) => ({ logLoss: m.logLoss, brier: m.brier, rocAuc: m.rocAuc });

/** metrics.json: the headline (the default model's prequential figures against each reference), then every model's evaluation. */
export function metricsJson(models: PublishedModel[]): string {
  const main = models.find((m) => m.card.name === "default") ?? models[0]!;
  const preq = main.card.evaluation.prequential!;
  return JSON.stringify(
    {
      prequential: {
        model: main.card.name,
        id: main.card.id,
        protocol: preq.title,
        n: preq.metrics.n,
        failures: preq.metrics.n - preq.metrics.positives,
        metrics: pick(preq.metrics),
        references: Object.fromEntries(REFERENCES.map((ref) => [ref, { title: REFERENCE_TITLES[ref], ...pick(preq.references[ref]) }])),
        recentN: preq.recentN,
        intervals: preq.comparisons
      },
      models: Object.fromEntries(models.map((m) => [m.card.name, { id: m.card.id, evaluation: m.card.evaluation, importance: Object.fromEntries(Object.entries(m.results).map(([k, r]) => [k, r.importance])) }]))
    },
    null,
    1
  ) + "\n";
}

export interface RegistryEntry {
  id: string;
  name: string;
  title: string;
  date: string;
  dataHash: string;
  codeHash: string;
  kind: string;
  features: number;
  trainingRows: number;
  /** Month-by-month log loss of the model and of the era reference on the same rows. */
  prequentialLogLoss?: number;
  eraLogLoss?: number;
  cvRocAuc: number | null;
  cvAccuracy: number;
  baselineAccuracy: number;
  files: string[];
}

/** The registry: one entry per published model, merged by id with earlier entries (CLI --out reuse). */
export function registryJson(models: PublishedModel[], earlier: RegistryEntry[] = []): string {
  const entries = new Map(earlier.map((e) => [e.id, e]));
  for (const m of models) {
    entries.set(m.card.id, {
      id: m.card.id,
      name: m.card.name,
      title: m.card.title,
      date: m.card.date,
      dataHash: m.card.data.hash,
      codeHash: m.card.code.hash,
      kind: m.card.params.kind,
      features: m.card.features.length,
      trainingRows: m.card.data.trainingRows,
      prequentialLogLoss: m.card.evaluation.prequential!.metrics.logLoss,
      eraLogLoss: m.card.evaluation.prequential!.references.era.logLoss,
      cvRocAuc: m.card.evaluation.kfold?.metrics.rocAuc ?? null,
      cvAccuracy: m.card.evaluation.kfold?.metrics.accuracy ?? NaN,
      baselineAccuracy: m.card.evaluation.kfold?.baseline.accuracy ?? NaN,
      files: [`${m.card.name}/model.json`, `${m.card.name}/weights.bin`, `${m.card.name}/card.json`, `${m.card.name}/prequential.csv`]
    });
  }
  const list = [...entries.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
  return JSON.stringify({ format: "falcon9-landing-lab/model-registry@1", models: list }, null, 1) + "\n";
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
const csvCell = (v: unknown) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** A release from Parquet bytes already in memory (the build loader builds the tables itself). */
export async function releaseFromTables(tables: { name: string; bytes: Uint8Array }[]): Promise<DataRelease> {
  const release: DataRelease = { tables: {}, hashes: {} };
  for (const t of tables) {
    if (![...MODEL_TABLES, "upcoming", "preflight_losses"].includes(t.name)) continue;
    release.hashes[t.name] = sha256(t.bytes);
    release.tables[t.name as TableName | "preflight_losses"] = await parquetRows(t.bytes);
  }
  return release;
}

/** Every published model and the files that ship them, as archive/directory paths. */
export async function publishAll(tf: Tf, release: DataRelease, log: (line: string) => void = () => {}, options: PublishOptions = {}): Promise<{ models: PublishedModel[]; files: [string, string | Uint8Array][] }> {
  const rows = featureTableRows(release.tables);
  const labelled = labelledRows(rows);
  const started = performance.now();
  const stage = (name: string, since: number) => log(`stage: ${name} ${((performance.now() - since) / 1000).toFixed(1)} s`);
  const selection = options.select === false ? "Forward selection not run (--no-select): the experience term alone." : await cachedSelection(tf, release, rows, log, options.cache);
  stage("covariate selection", started);
  const selected = typeof selection === "string" ? [] : selection.at(-1)!.features.filter((f) => !ERA_FEATURES.includes(f));
  const context: PublishContext = { release, rows, labelled, selection, selected, options: { ...options, log }, evaluations: new Map() };
  const models: PublishedModel[] = [];
  for (const spec of PUBLISHED) {
    const modelStarted = performance.now();
    models.push(await publishModel(tf, context, spec));
    stage(`model ${spec.name} (evaluation, posterior, card)`, modelStarted);
  }
  const files: [string, string | Uint8Array][] = [];
  for (const m of models) {
    files.push([`${m.card.name}/model.json`, m.modelJson + "\n"], [`${m.card.name}/weights.bin`, m.weights], [`${m.card.name}/card.json`, JSON.stringify(m.card, null, 1) + "\n"], [`${m.card.name}/prequential.csv`, prequentialCsv(m.results.prequential!)]);
  }
  files.push(["registry.json", registryJson(models)], ["metrics.json", metricsJson(models)], ["predictions.csv", predictionsCsv(models[0]!.results)]);
  return { models, files };
}
