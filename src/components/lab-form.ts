// The lab's controls: one Observable Inputs form (model, parameters, protocol, feature groups),
// every number with its valid range stated beside it. Inputs.range keeps its last valid value when
// the reader types something out of range, so the form alone would train on a value the reader no
// longer sees: each field therefore shows a message beside it, and `formProblems` lists every such
// field so the page refuses the run.
import { FEATURE_GROUPS, featuresOfGroups, type FeatureGroup } from "../ml/features.js";
import type { ModelKind, ModelParams } from "../ml/params.js";
import { PROTOCOL_TITLES, type Protocol } from "../ml/splits.js";
import { html, Inputs } from "./inputs.js";
import type { State } from "./url-state.js";

export type ProtocolKind = Protocol["kind"];

/** Headline first: the month-by-month protocol is the one that judges a forecast. */
export const PROTOCOL_NAMES: Record<string, string> = {
  prequential: `${PROTOCOL_TITLES.prequential}, from 2017`,
  rolling: `${PROTOCOL_TITLES.rolling}, from 2017`,
  time: PROTOCOL_TITLES.time.replace("latest 20%", "latest share"),
  kfold: PROTOCOL_TITLES.kfold,
  random: PROTOCOL_TITLES.random
};

export const MODEL_LABELS: Record<ModelKind, string> = {
  bayes: "Bayesian logistic regression",
  logreg: "Logistic regression",
  mlp: "Neural network",
  svm: "Support vector machine",
  tree: "Decision tree (CART)",
  knn: "k-nearest neighbours"
};

/** A numeric field: its valid range, whether it is whole, and which models or protocols use it. */
interface NumberField {
  name: keyof ModelParams | "testFraction" | "folds" | "recentN";
  label: string;
  min: number;
  max: number;
  integer?: boolean;
  /** Slider on a log scale (learning rate, C, gamma). */
  log?: boolean;
  /** No slider: the range is too wide or starts at zero (L2, seed). */
  plain?: boolean;
  models?: ModelKind[];
  protocols?: ProtocolKind[];
}

const GRADIENT: ModelKind[] = ["logreg", "mlp", "svm"];

export const NUMBER_FIELDS: NumberField[] = [
  { name: "testFraction", label: "Test share", min: 0.05, max: 0.5, protocols: ["random", "time"] },
  { name: "folds", label: "Folds", min: 2, max: 20, integer: true, protocols: ["kfold"] },
  { name: "seed", label: "Seed", min: 0, max: 2 ** 31 - 1, integer: true, plain: true },
  { name: "recentN", label: "Recent-rate window (landings)", min: 1, max: 500, integer: true },
  { name: "priorScale", label: "Prior scale (0 = by evidence)", min: 0, max: 100, plain: true, models: ["bayes"] },
  { name: "learningRate", label: "Learning rate", min: 1e-4, max: 1, log: true, models: GRADIENT },
  { name: "epochs", label: "Epochs", min: 1, max: 5000, integer: true, models: GRADIENT },
  { name: "batchSize", label: "Batch size", min: 1, max: 1024, integer: true, models: ["logreg", "mlp"] },
  { name: "l2", label: "L2 penalty", min: 0, max: 10, plain: true, models: ["logreg", "mlp"] },
  { name: "hiddenLayers", label: "Hidden layers", min: 1, max: 4, integer: true, models: ["mlp"] },
  { name: "units", label: "Units per layer", min: 1, max: 256, integer: true, models: ["mlp"] },
  { name: "dropout", label: "Dropout", min: 0, max: 0.9, models: ["mlp"] },
  { name: "C", label: "C", min: 1e-4, max: 1e4, log: true, models: ["svm"] },
  { name: "gamma", label: "gamma", min: 1e-5, max: 100, log: true, models: ["svm"] },
  { name: "maxDepth", label: "Maximum depth", min: 1, max: 30, integer: true, models: ["tree"] },
  { name: "minSamplesLeaf", label: "Min samples per leaf", min: 1, max: 200, integer: true, models: ["tree"] },
  { name: "minSamplesSplit", label: "Min samples to split", min: 2, max: 400, integer: true, models: ["tree"] },
  { name: "k", label: "k (neighbours)", min: 1, max: 100, integer: true, models: ["knn"] }
];

const CHOICE_MODELS: Record<string, ModelKind[]> = {
  classWeighting: GRADIENT,
  activation: ["mlp"],
  kernel: ["svm"],
  criterion: ["tree"],
  p: ["knn"]
};

const formatRange = (v: number) => (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5) ? v.toExponential(0).replace("e+", "e") : String(v));

/** The form's value: what the URL keeps and what a run is built from. */
export type LabState = State & {
  kind: string;
  featureSet: string;
  protocol: string;
  groups: string[];
  importance: boolean;
  classWeighting: boolean;
  activation: string;
  kernel: string;
  criterion: string;
  p: number;
};

/** The lab's defaults: the published model's parameters, features and headline protocol. */
export function labDefaults(params: ModelParams, groups: string[], protocol: string, recentN: number): LabState {
  return {
    kind: params.kind,
    featureSet: "published",
    recentN,
    priorScale: params.priorScale,
    protocol,
    groups,
    testFraction: 0.2,
    folds: 10,
    seed: params.seed,
    importance: true,
    learningRate: params.learningRate,
    epochs: params.epochs,
    batchSize: params.batchSize,
    l2: params.l2,
    classWeighting: params.classWeighting,
    hiddenLayers: params.hiddenLayers,
    units: params.units,
    activation: params.activation,
    dropout: params.dropout,
    C: params.C,
    kernel: params.kernel,
    gamma: params.gamma,
    maxDepth: params.maxDepth,
    criterion: params.criterion,
    minSamplesLeaf: params.minSamplesLeaf,
    minSamplesSplit: params.minSamplesSplit,
    k: params.k,
    p: params.p
  };
}

interface FieldElement extends HTMLElement {
  value: unknown;
}

/** A number Input with its range beside it; a value outside the range turns that note into a warning. */
function numberField(spec: NumberField, initial: number): FieldElement {
  const range: [number, number] = [spec.min, spec.max];
  const options = { label: spec.label, step: spec.integer ? 1 : undefined, value: Math.min(spec.max, Math.max(spec.min, initial)) };
  const input = (spec.plain ? Inputs.number(range, options) : Inputs.range(range, { ...options, transform: spec.log ? Math.log : undefined })) as unknown as FieldElement;
  input.id = `param-${spec.name}`;
  input.dataset.field = spec.name;
  const number = input.querySelector("input[type=number]") as HTMLInputElement;
  const note = html`<span class="field-note">${formatRange(spec.min)} – ${formatRange(spec.max)}${spec.integer ? ", whole" : ""}</span>` as HTMLElement;
  input.append(note);
  const check = () => {
    const problem = numberProblem(spec, number);
    note.textContent = problem ?? `${formatRange(spec.min)} – ${formatRange(spec.max)}${spec.integer ? ", whole" : ""}`;
    note.classList.toggle("field-error", problem !== null);
    input.classList.toggle("invalid", problem !== null);
  };
  // Capture: Inputs stops the event of an invalid number before it bubbles.
  number.addEventListener("input", check, true);
  // A link may carry a value out of range: show it as typed, refused, rather than clamp it silently.
  if (initial !== options.value || (spec.integer && !Number.isInteger(initial))) number.value = String(initial);
  check();
  return input;
}

function numberProblem(spec: NumberField, number: HTMLInputElement): string | null {
  const text = number.value.trim();
  const range = `${formatRange(spec.min)} to ${formatRange(spec.max)}`;
  if (text === "") return `${spec.label} is empty: type a number from ${range}.`;
  const v = Number(text);
  if (!Number.isFinite(v)) return `${spec.label} "${text}" is not a number: type one from ${range}.`;
  if (v < spec.min || v > spec.max) return `${spec.label} ${text} is out of range: ${range}.`;
  if (spec.integer && !Number.isInteger(v)) return `${spec.label} must be a whole number (got ${text}).`;
  return null;
}

/** The whole form, sections for models and protocols the reader has not chosen hidden. */
export function labForm(initial: LabState, publishedFeatures: string[], protocolNames: Record<string, string> = PROTOCOL_NAMES) {
  const fields: Record<string, FieldElement> = {
    featureSet: Inputs.radio(new Map([[`The published model's features (${publishedFeatures.join(", ")})`, "published"], ["The feature groups ticked below", "groups"]]), { label: "Features", value: initial.featureSet }) as unknown as FieldElement,
    kind: Inputs.select(new Map(Object.entries(MODEL_LABELS).map(([k, v]) => [v, k])), { label: "Model", value: initial.kind }) as unknown as FieldElement,
    protocol: Inputs.select(new Map(Object.entries(protocolNames).map(([k, v]) => [v, k])), { label: "Protocol", value: initial.protocol }) as unknown as FieldElement,
    groups: Inputs.checkbox(new Map(FEATURE_GROUPS.map((g) => [g.title, g.group])), { label: "Feature groups", value: initial.groups }) as unknown as FieldElement,
    importance: Inputs.toggle({ label: "Permutation importance", value: initial.importance }) as unknown as FieldElement,
    classWeighting: Inputs.toggle({ label: "Class weighting", value: initial.classWeighting }) as unknown as FieldElement,
    activation: Inputs.select(["relu", "tanh", "sigmoid", "elu"], { label: "Activation", value: initial.activation }) as unknown as FieldElement,
    kernel: Inputs.select(["linear", "rbf", "poly"], { label: "Kernel", value: initial.kernel }) as unknown as FieldElement,
    criterion: Inputs.select(["gini", "entropy"], { label: "Criterion", value: initial.criterion }) as unknown as FieldElement,
    p: Inputs.select(new Map([["Euclidean (p = 2)", 2], ["Manhattan (p = 1)", 1]]), { label: "Distance", value: initial.p }) as unknown as FieldElement
  };
  for (const spec of NUMBER_FIELDS) fields[spec.name] = numberField(spec, initial[spec.name] as number);
  for (const [name, field] of Object.entries(fields)) {
    field.id ||= `param-${name}`;
    field.dataset.field = name;
  }
  const template = (f: Record<string, FieldElement>) => html`<div class="lab-form">
    <section><h3>Model</h3>${f.kind}${NUMBER_FIELDS.filter((s) => s.models).map((s) => f[s.name])}${Object.keys(CHOICE_MODELS).map((n) => f[n])}</section>
    <section><h3>Evaluation</h3>${f.protocol}${NUMBER_FIELDS.filter((s) => !s.models).map((s) => f[s.name])}${f.importance}</section>
    <section class="lab-form-groups"><h3>Features</h3>${f.featureSet}${f.groups}</section>
  </div>`;
  const form = Inputs.form(fields, { template }) as unknown as HTMLElement & { value: LabState };
  const applies = () => {
    const { kind, protocol } = form.value;
    for (const spec of NUMBER_FIELDS) fields[spec.name]!.hidden = Boolean((spec.models && !spec.models.includes(kind as ModelKind)) || (spec.protocols && !spec.protocols.includes(protocol as ProtocolKind)));
    for (const [name, models] of Object.entries(CHOICE_MODELS)) fields[name]!.hidden = !models.includes(kind as ModelKind);
    fields.groups!.hidden = form.value.featureSet !== "groups";
  };
  form.addEventListener("input", applies);
  applies();
  return form;
}

/** Every visible field whose text is not a valid value (Inputs keeps the last valid one: not what the reader sees). */
export function formProblems(form: HTMLElement): string[] {
  const problems: string[] = [];
  for (const spec of NUMBER_FIELDS) {
    const field = form.querySelector<HTMLElement>(`[data-field='${spec.name}']`);
    if (!field || field.hidden) continue;
    const problem = numberProblem(spec, field.querySelector("input[type=number]") as HTMLInputElement);
    if (problem) problems.push(problem);
  }
  return problems;
}

export interface LabRequest {
  params: Partial<ModelParams>;
  features: string[];
  protocol: Protocol;
  importanceRepeats: number;
  recentN: number;
}

/** A run request from the form's value; `protocolOf` builds protocols the lab does not know itself (prequential). */
export function requestOf(v: LabState, publishedFeatures: string[]): LabRequest {
  const seed = v.seed as number;
  const protocol: Protocol =
    v.protocol === "prequential"
      ? { kind: "prequential", startYear: 2017 }
      : (v.protocol === "kfold"
      ? { kind: "kfold", folds: v.folds as number, seed }
      : v.protocol === "time"
        ? { kind: "time", testFraction: v.testFraction as number }
        : v.protocol === "rolling"
          ? { kind: "rolling", startYear: 2017 }
          : { kind: "random", testFraction: v.testFraction as number, seed });
  const groups = v.groups as FeatureGroup[];
  const features = v.featureSet === "published" ? [...publishedFeatures] : featuresOfGroups(groups);
  const params: Partial<ModelParams> = {
    kind: v.kind as ModelKind,
    seed,
    learningRate: v.learningRate as number,
    epochs: v.epochs as number,
    batchSize: v.batchSize as number,
    l2: v.l2 as number,
    classWeighting: v.classWeighting,
    hiddenLayers: v.hiddenLayers as number,
    units: v.units as number,
    activation: v.activation as ModelParams["activation"],
    dropout: v.dropout as number,
    C: v.C as number,
    kernel: v.kernel as ModelParams["kernel"],
    gamma: v.gamma as number,
    maxDepth: v.maxDepth as number,
    criterion: v.criterion as ModelParams["criterion"],
    minSamplesLeaf: v.minSamplesLeaf as number,
    minSamplesSplit: v.minSamplesSplit as number,
    priorScale: v.priorScale as number,
    k: v.k as number,
    p: v.p as 1 | 2
  };
  return { params, features, protocol, importanceRepeats: v.importance ? 3 : 0, recentN: v.recentN as number };
}

/** The parameters that matter for the chosen model, as "name=value" text (run history, downloads). */
export function describeParams(params: ModelParams): string {
  const used = NUMBER_FIELDS.filter((s) => s.models?.includes(params.kind)).map((s) => `${s.name}=${params[s.name as keyof ModelParams]}`);
  for (const [name, models] of Object.entries(CHOICE_MODELS)) if (models.includes(params.kind)) used.push(`${name}=${params[name as keyof ModelParams]}`);
  return [`seed=${params.seed}`, ...used].join(", ");
}

export function describeProtocol(protocol: Protocol): string {
  switch (protocol.kind) {
    case "random":
      return `random ${Math.round(protocol.testFraction * 100)}% test, seed ${protocol.seed}`;
    case "kfold":
      return `${protocol.folds}-fold CV, seed ${protocol.seed}`;
    case "time":
      return `time-ordered, latest ${Math.round(protocol.testFraction * 100)}%`;
    case "rolling":
      return `year by year from ${protocol.startYear}`;
    case "prequential":
      return `month by month from ${protocol.startYear}`;
    default:
      return (protocol as { kind: string }).kind;
  }
}
