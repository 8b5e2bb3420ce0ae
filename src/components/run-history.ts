// The lab's notebook of runs: every run's model, parameters, protocol and metrics beside the
// references, listed newest first, any two compared side by side, and each
// run's predictions and metrics downloadable.
import { share } from "../facts/format.js";
import type { ExperimentResult } from "../ml/evaluate.js";
import type { Metrics } from "../ml/metrics.js";
import { html, Inputs } from "./inputs.js";
import { describeParams, describeProtocol, MODEL_LABELS } from "./lab-form.js";
import { formatMetric } from "./MetricsTable.js";
import { cardsOnPhone } from "./ResultTable.js";

export interface Run {
  run: number;
  result: ExperimentResult;
  /** Set when the run finished but its model is useless: every prediction equal, NaN or diverged loss. */
  degenerate: string | null;
}

/** Why a finished run's model cannot be trusted, or null when it can. */
export function degeneracy(result: ExperimentResult): string | null {
  const p = result.predictions.map((d) => d.probability);
  if (p.some((v) => !Number.isFinite(v)) || result.history.some((v) => !Number.isFinite(v)) || !Number.isFinite(result.metrics.logLoss)) {
    return "the loss or the predictions became NaN or infinite (a learning rate too high for this model?)";
  }
  if (p.length > 1 && Math.max(...p) - Math.min(...p) < 1e-6) {
    return `every test row got the same probability (${share(p[0]!, 2)}): the model learned nothing that separates launches`;
  }
  const h = result.history;
  if (h.length > 2 && h[h.length - 1]! > 1.5 * h[0]! && h[h.length - 1]! > 0.1) {
    return `the training loss diverged: it rose from ${h[0]!.toFixed(3)} to ${h[h.length - 1]!.toFixed(3)}`;
  }
  return null;
}

const METRICS: { key: keyof Metrics; label: string }[] = [
  { key: "logLoss", label: "Log loss" },
  { key: "brier", label: "Brier" },
  { key: "rocAuc", label: "ROC-AUC" },
  { key: "accuracy", label: "Accuracy" },
  { key: "balancedAccuracy", label: "Balanced acc." },
  { key: "prAucFailed", label: "PR-AUC (failures)" }
];

/** One flat row per run, the shape the history table and the JSON download share. */
function summary({ run, result, degenerate }: Run) {
  return {
    run,
    model: MODEL_LABELS[result.params.kind],
    parameters: describeParams(result.params),
    protocol: describeProtocol(result.protocol),
    features: result.features.length,
    test_rows: result.metrics.n,
    log_loss: result.metrics.logLoss,
    baseline_log_loss: result.baseline.logLoss,
    recent_log_loss: result.references?.recentRate.logLoss ?? null,
    era_log_loss: result.references?.era.logLoss ?? null,
    minus_era: result.comparisons?.era?.logLoss ?? null,
    brier: result.metrics.brier,
    baseline_brier: result.baseline.brier,
    roc_auc: result.metrics.rocAuc,
    baseline_roc_auc: result.baseline.rocAuc,
    accuracy: result.metrics.accuracy,
    baseline_accuracy: result.baseline.accuracy,
    seconds: result.seconds,
    status: degenerate ? "degenerate" : "ok"
  };
}

const number = (v: unknown) => (typeof v === "number" ? formatMetric(v) : "—");

const HISTORY_COLUMNS = ["run", "model", "protocol", "log_loss", "baseline_log_loss", "recent_log_loss", "era_log_loss", "minus_era", "brier", "baseline_brier", "roc_auc", "baseline_roc_auc", "accuracy", "baseline_accuracy", "parameters", "status"];
const HISTORY_HEADER: Record<string, string> = {
  run: "Run", model: "Model", protocol: "Protocol", log_loss: "Log loss", baseline_log_loss: "Base rate", recent_log_loss: "Recent rate", era_log_loss: "Era model", minus_era: "Model − era [95%]", brier: "Brier", baseline_brier: "Base rate",
  roc_auc: "ROC-AUC", baseline_roc_auc: "Baseline", accuracy: "Accuracy", baseline_accuracy: "Baseline", parameters: "Parameters", status: "Status"
};
// Columns a reader would order runs by (the baselines sit beside their metric in each card).
const SORTABLE = ["run", "log_loss", "minus_era", "brier", "roc_auc", "accuracy", "model", "protocol"];

/**
 * The run history's sort for a phone, where its cards hide the headings a reader taps: each choice
 * sorts the table as a tap on that heading would (Inputs.table: a tap ascending, with Alt
 * descending, a second tap reverses). Hidden on wider screens by site.css.
 */
export function RunHistorySort(table: HTMLElement): HTMLElement {
  const choices = SORTABLE.flatMap((column) => [`${column}:up`, `${column}:down`]);
  const label = (choice: string) => {
    const [column, way] = choice.split(":");
    return `${HISTORY_HEADER[column!]}, ${column === "run" ? (way === "up" ? "oldest first" : "newest first") : way === "up" ? "low to high" : "high to low"}`;
  };
  const menu = Inputs.select(choices, { label: "Sort runs by", value: "run:down", format: label }) as HTMLElement & { value: string };
  menu.classList.add("phone-sort");
  // The table arrives newest first without a sorted heading.
  let current: { column: string | null; down: boolean } = { column: null, down: true };
  menu.addEventListener("input", (event) => {
    // The table's own value (the ticked runs) is what its listeners read; the menu is not news to them.
    event.stopPropagation();
    const [column, way] = menu.value.split(":") as [string, string];
    const down = way === "down";
    const th = table.querySelector<HTMLElement>(`thead th[title="${column}"]`);
    if (!th) return;
    if (current.column === column) {
      if (current.down !== down) th.dispatchEvent(new MouseEvent("click"));
    } else th.dispatchEvent(new MouseEvent("click", { altKey: down }));
    current = { column, down };
  });
  return menu;
}

/** The history as an Inputs.table (sortable, two rows selectable to compare); the current run marked. */
export function RunHistoryTable(runs: Run[], current: number | null) {
  const newestFirst = runs.map(summary).sort((x, y) => y.run - x.run);
  return cardsOnPhone(Inputs.table(newestFirst, {
    columns: HISTORY_COLUMNS,
    header: HISTORY_HEADER,
    format: {
      run: (r: number) => (r === current ? `▶ ${r} (shown)` : String(r)),
      baseline_brier: number, baseline_roc_auc: number, baseline_accuracy: number,
      log_loss: number, baseline_log_loss: number, recent_log_loss: number, era_log_loss: number,
      minus_era: (c: { difference: number; low: number; high: number } | null) => (c ? `${c.difference.toFixed(3)} [${c.low.toFixed(3)}, ${c.high.toFixed(3)}]` : "—"), brier: number, roc_auc: number, accuracy: number
    },
    align: { run: "left" },
    width: { parameters: 360, model: 170, protocol: 200 },
    rows: 8,
    multiple: true,
    required: false,
    select: true
  })) as unknown as HTMLElement & { value: ReturnType<typeof summary>[] };
}

/** Two runs side by side: each metric, its difference, and what differs in their set-up. */
export function RunComparison(a: Run, b: Run) {
  const rows = METRICS.map(({ key, label }) => {
    const x = a.result.metrics[key] as number | null;
    const y = b.result.metrics[key] as number | null;
    return html`<tr><td>${label}</td><td class="number">${formatMetric(x)}</td><td class="number">${formatMetric(y)}</td><td class="number">${x === null || y === null ? "—" : (y - x >= 0 ? "+" : "") + (y - x).toFixed(3)}</td></tr>`;
  });
  const setup = [
    ["Model", MODEL_LABELS[a.result.params.kind], MODEL_LABELS[b.result.params.kind]],
    ["Protocol", describeProtocol(a.result.protocol), describeProtocol(b.result.protocol)],
    ["Features", String(a.result.features.length), String(b.result.features.length)],
    ["Parameters", describeParams(a.result.params), describeParams(b.result.params)]
  ];
  const sameRows = a.result.metrics.n === b.result.metrics.n && describeProtocol(a.result.protocol) === describeProtocol(b.result.protocol);
  return cardsOnPhone(html`<div id="run-comparison" class="scroll-box"><table class="numbers">
    <thead><tr><th></th><th>Run ${a.run}</th><th>Run ${b.run}</th><th>Run ${b.run} − run ${a.run}</th></tr></thead>
    <tbody>${rows}${setup.map(([k, x, y]) => html`<tr class=${x === y ? "muted" : ""}><td>${k}</td><td>${x}</td><td>${y}</td><td>${x === y ? "same" : "differs"}</td></tr>`)}</tbody>
  </table>${sameRows ? "" : html`<p class="muted">The two runs were scored on different test rows: compare their differences from the baseline rather than the metrics themselves.</p>`}</div>`);
}

/** A run's pooled test predictions as CSV, one line per core. */
export function predictionsCsv(run: Run): string {
  const lines = ["run,landing_id,launch_id,date_utc,round,label,probability,probability_low,probability_high,base_rate,recent_rate,era"];
  const p6 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? "" : v.toFixed(6));
  for (const p of run.result.predictions) {
    lines.push([run.run, p.landingId, p.launchId, new Date(p.time).toISOString(), p.round, p.label, p6(p.probability), p6(p.low), p6(p.high), p6(p.references.baseRate), p6(p.references.recentRate), p6(p.references.era)].map(csvCell).join(","));
  }
  return lines.join("\n") + "\n";
}

/** A run's set-up and metrics (model and baseline, pooled and per round) as JSON. */
export function metricsJson(run: Run): string {
  const { result } = run;
  return JSON.stringify(
    {
      run: run.run,
      degenerate: run.degenerate,
      params: result.params,
      protocol: result.protocol,
      features: result.features,
      rows: result.rows,
      recentN: result.recentN,
      metrics: result.metrics,
      references: result.references,
      comparisons: result.comparisons,
      perRound: result.perRound,
      importance: result.importance,
      seconds: result.seconds
    },
    null,
    1
  ) + "\n";
}

const csvCell = (v: unknown) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** A link that downloads `content()` as a file, built when clicked (so a big CSV costs nothing until asked for). */
export function DownloadLink(label: string, filename: string, type: string, content: () => string, id?: string) {
  const link = html`<a href="#" id=${id ?? ""} download=${filename} class="download">${label}</a>` as unknown as HTMLAnchorElement;
  link.addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob([content()], { type }));
    link.href = url;
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  });
  return link;
}
