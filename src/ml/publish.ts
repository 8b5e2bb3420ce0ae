// Node only (build loader and CLI): train the published models on a data release, evaluate them
// under every protocol, and produce the files a model is shipped as: a TF.js layers artifact
// (model.json + weights.bin), a model card, metrics.json, predictions.csv and the registry.
// Byte-identical for identical data: no wall-clock time, no random seed left to chance.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parquetReadObjects } from "hyparquet";
import type * as TF from "@tensorflow/tfjs";
import { runExperiment, type ExperimentResult } from "./evaluate.js";
import { encode, featuresOfGroups, featureTableRows, fitEncoder, labelledRows, type Encoder, type FeatureGroup, type Row, type TableName } from "./features.js";
import type { Metrics } from "./metrics.js";
import { fitModel } from "./models.js";
import { validateParams, type ModelParams } from "./params.js";
import type { Protocol } from "./splits.js";
import type { Tf } from "./tensors.js";
import { sha256 } from "../../data-loaders/http.ts";

export const MODEL_TABLES = ["landings", "launches", "weather", "telemetry"] as const;

export interface DataRelease {
  tables: Partial<Record<TableName | "upcoming", Row[]>>;
  /** sha256 of each table's Parquet bytes. */
  hashes: Record<string, string>;
}

export interface PublishedSpec {
  name: string;
  title: string;
  params: Partial<ModelParams>;
  groups: FeatureGroup[];
  /** Features beyond whole groups, or a narrower list when `groups` is empty. */
  features?: string[];
  purpose: string;
}

/**
 * The default model (what-if page and the lab's first view) and the pre-launch model (upcoming
 * launches: only what Launch Library 2 says before a launch — no payload mass, turnaround or
 * hardware flags, which upcoming rows do not carry).
 */
export const PUBLISHED: PublishedSpec[] = [
  {
    name: "default",
    title: "Logistic regression on mission, booster and landing features",
    params: { kind: "logreg", seed: 42, learningRate: 0.05, epochs: 60, batchSize: 64, l2: 0.001, classWeighting: false },
    groups: ["mission", "booster", "landing"],
    purpose: "What-if predictions and the lab's starting point."
  },
  {
    name: "weather",
    title: "Logistic regression on mission, booster, landing and weather features",
    params: { kind: "logreg", seed: 42, learningRate: 0.05, epochs: 60, batchSize: 64, l2: 0.001, classWeighting: false },
    groups: ["mission", "booster", "landing", "weather"],
    purpose: "What-if predictions with wind, temperature and sea state; weather covers few launches, so mostly its missing indicators carry weight."
  },
  {
    name: "prelaunch",
    title: "Logistic regression on what is known before launch (LL2 upcoming fields)",
    params: { kind: "logreg", seed: 42, learningRate: 0.05, epochs: 60, batchSize: 64, l2: 0.001, classWeighting: false },
    groups: [],
    features: ["launch_year", "orbit", "site", "rocket", "core_role", "core_flight", "reused", "landing_type", "landing_location"],
    purpose: "Predictions for the upcoming launches in the recorded Launch Library 2 states."
  }
];

export const PROTOCOLS: Record<string, Protocol> = {
  random: { kind: "random", testFraction: 0.2, seed: 42 },
  kfold: { kind: "kfold", folds: 10, seed: 42 },
  time: { kind: "time", testFraction: 0.2 },
  rolling: { kind: "rolling", startYear: 2017 }
};

export interface ModelCard {
  format: "falcon9-landing-lab/model-card@1";
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
  /** Logistic regression: weight per encoded column and intercept (also in weights.bin). */
  coefficients: { column: string; weight: number }[] | null;
  intercept: number | null;
  evaluation: Record<string, { protocol: Protocol; metrics: Metrics; baseline: Metrics; perRound: { name: string; metrics: Metrics }[] }>;
  limitations: string[];
}

export interface PublishedModel {
  card: ModelCard;
  /** model.json (TF.js layers format, weights in weights.bin). */
  modelJson: string;
  weights: Uint8Array;
  results: Record<string, ExperimentResult>;
}

export async function readRelease(dir: string): Promise<DataRelease> {
  const release: DataRelease = { tables: {}, hashes: {} };
  for (const name of [...MODEL_TABLES, "upcoming"] as const) {
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

export async function publishModel(tf: Tf, release: DataRelease, spec: PublishedSpec, log: (line: string) => void = () => {}): Promise<PublishedModel> {
  const params = validateParams(spec.params);
  const features = spec.features ?? featuresOfGroups(spec.groups);
  const rows = featureTableRows(release.tables);
  const labelled = labelledRows(rows);
  const results: Record<string, ExperimentResult> = {};
  for (const [name, protocol] of Object.entries(PROTOCOLS)) {
    results[name] = await runExperiment(tf, rows, { params, features, protocol, importanceRepeats: 3 });
    const m = results[name]!.metrics;
    log(`model ${spec.name} ${name}: accuracy ${m.accuracy.toFixed(3)} (baseline ${results[name]!.baseline.accuracy.toFixed(3)}), ROC-AUC ${m.rocAuc?.toFixed(3) ?? "n/a"}, log loss ${m.logLoss.toFixed(3)}, ${results[name]!.seconds.toFixed(1)} s`);
  }
  // The shipped model learns from every labelled row; the protocols above estimated how it does.
  const encoder = fitEncoder(labelled, features, labelled);
  const y = labelled.map((r) => r.label as number);
  const fitted = await fitModel(tf, params, encode(encoder, labelled), encoder.columns.length, y);
  try {
    const { modelJson, weights } = await saveLayers(tf, fitted.layers!);
    const codeId = codeHash();
    const data = dataHash(release);
    const latest = Math.max(...rows.map((r) => r.date_utc as number));
    const id = sha256(JSON.stringify({ data, params, features, code: codeId })).slice(0, 16);
    const card: ModelCard = {
      format: "falcon9-landing-lab/model-card@1",
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
      encoder,
      coefficients: fitted.linear ? encoder.columns.map((c, j) => ({ column: c.name, weight: round(fitted.linear!.weights[j]!) })) : null,
      intercept: fitted.linear ? round(fitted.linear.bias) : null,
      evaluation: Object.fromEntries(
        Object.entries(results).map(([name, r]) => [name, { protocol: r.protocol, metrics: r.metrics, baseline: r.baseline, perRound: r.perRound.map((p) => ({ name: p.name, metrics: p.metrics })) }])
      ),
      limitations: [
        `Failures are rare (${y.filter((v) => v === 0).length} of ${labelled.length} labelled attempts), most of them before 2017: the time-ordered test set holds one, so its ROC-AUC rests on a single core; the rolling-by-year protocol pools every year from 2017 to see more of them.`,
        "Weather and telemetry cover a minority of launches; the default model leaves them out (the lab can switch them on, with missing-value indicators).",
        "Rows from Wikipedia (after the SpaceX API ends in 2022) lack landing type, grid fins and legs; those show as '(none)' categories and missing indicators."
      ]
    };
    return { card, modelJson, weights, results };
  } finally {
    fitted.dispose();
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

/** predictions.csv: one line per (protocol, row): landing id, protocol, split or fold, label, probability. */
export function predictionsCsv(results: Record<string, ExperimentResult>): string {
  const lines = ["landing_id,launch_id,protocol,split,label,probability"];
  for (const [protocol, r] of Object.entries(results)) {
    for (const p of r.predictions) lines.push([p.landingId, p.launchId, protocol, p.round, p.label, p.probability.toFixed(6)].map(csvCell).join(","));
  }
  return lines.join("\n") + "\n";
}

export function metricsJson(models: PublishedModel[]): string {
  return JSON.stringify(
    Object.fromEntries(models.map((m) => [m.card.name, { id: m.card.id, evaluation: m.card.evaluation, importance: Object.fromEntries(Object.entries(m.results).map(([k, r]) => [k, r.importance])) }])),
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
      cvRocAuc: m.card.evaluation.kfold?.metrics.rocAuc ?? null,
      cvAccuracy: m.card.evaluation.kfold?.metrics.accuracy ?? NaN,
      baselineAccuracy: m.card.evaluation.kfold?.baseline.accuracy ?? NaN,
      files: [`${m.card.name}/model.json`, `${m.card.name}/weights.bin`, `${m.card.name}/card.json`]
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
    if (![...MODEL_TABLES, "upcoming"].includes(t.name)) continue;
    release.hashes[t.name] = sha256(t.bytes);
    release.tables[t.name as TableName] = await parquetRows(t.bytes);
  }
  return release;
}

/** Every published model and the files that ship them, as archive/directory paths. */
export async function publishAll(tf: Tf, release: DataRelease, log: (line: string) => void = () => {}): Promise<{ models: PublishedModel[]; files: [string, string | Uint8Array][] }> {
  const models: PublishedModel[] = [];
  for (const spec of PUBLISHED) models.push(await publishModel(tf, release, spec, log));
  const files: [string, string | Uint8Array][] = [];
  for (const m of models) {
    files.push([`${m.card.name}/model.json`, m.modelJson + "\n"], [`${m.card.name}/weights.bin`, m.weights], [`${m.card.name}/card.json`, JSON.stringify(m.card, null, 1) + "\n"]);
  }
  files.push(["registry.json", registryJson(models)], ["metrics.json", metricsJson(models)], ["predictions.csv", predictionsCsv(models[0]!.results)]);
  return { models, files };
}
