import type { Comparisons, Interval, ReferenceMetrics } from "../ml/forecast.js";
import { REFERENCES, REFERENCE_TITLES } from "../ml/forecast.js";
import type { Metrics } from "../ml/metrics.js";
import { html } from "./inputs.js";
import { formatMetric } from "./MetricsTable.js";
import { cardsOnPhone } from "./ResultTable.js";

const ROWS: { key: "logLoss" | "brier" | "rocAuc" | "accuracy"; label: string; better: string }[] = [
  { key: "logLoss", label: "Log loss", better: "lower is better" },
  { key: "brier", label: "Brier score", better: "lower is better" },
  { key: "rocAuc", label: "ROC-AUC", better: "higher is better" },
  { key: "accuracy", label: "Accuracy (p > 0.5)", better: "the rare failures decide it" }
];

const signed = (v: number) => `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(3)}`;
const interval = (c: Interval | null | undefined) => (c ? html`${signed(c.difference)} <span class="muted">[${signed(c.low)}, ${signed(c.high)}]</span>` : "—");

/**
 * A model's metrics beside the three naive references on the same rows, and for log loss, Brier
 * and ROC-AUC the model-minus-reference difference with its paired-bootstrap 95% interval.
 */
export function ReferencesTable(model: Metrics, references: ReferenceMetrics, comparisons: Comparisons | null, { id, recentN }: { id?: string; recentN?: number } = {}) {
  const title = (ref: (typeof REFERENCES)[number]) => (ref === "recentRate" && recentN ? REFERENCE_TITLES[ref].replace("last N", `last ${recentN}`) : REFERENCE_TITLES[ref]);
  return cardsOnPhone(html`<div class="scroll-box"><table id=${id ?? ""} class="numbers references-table">
    <thead><tr><th>Metric</th><th class="number">Model</th>${REFERENCES.map((r) => html`<th class="number">${title(r)}</th>`)}${REFERENCES.map((r) => html`<th class="number">Model − ${r === "baseRate" ? "base rate" : r === "recentRate" ? "recent rate" : "era"} [95%]</th>`)}</tr></thead>
    <tbody>${ROWS.map(
      (row) => html`<tr data-metric=${row.key}><td>${row.label} <span class="muted">(${row.better})</span></td><td class="number model">${formatMetric(model[row.key] as number | null)}</td>${REFERENCES.map((r) => html`<td class="number reference" data-reference=${r}>${formatMetric(references[r][row.key] as number | null)}</td>`)}${REFERENCES.map((r) => html`<td class="number">${row.key === "accuracy" ? "—" : interval(comparisons?.[r]?.[row.key])}</td>`)}</tr>`
    )}
    <tr><td>Test rows</td><td class="number" colspan="7">${model.n} cores, ${model.n - model.positives} failures</td></tr></tbody>
  </table></div>`);
}
