import { share } from "../facts/format.js";
import type { Metrics } from "../ml/metrics.js";
import { wilsonInterval } from "../ml/metrics.js";
import { html } from "./inputs.js";
import { cardsOnPhone } from "./ResultTable.js";

const ROWS: { key: keyof Metrics; label: string; better: "higher" | "lower"; note: string }[] = [
  { key: "accuracy", label: "Accuracy", better: "higher", note: "share predicted right at p > 0.5" },
  { key: "balancedAccuracy", label: "Balanced accuracy", better: "higher", note: "mean of the landed and failed recall" },
  { key: "rocAuc", label: "ROC-AUC", better: "higher", note: "chance a failure ranks below a landing" },
  { key: "prAucFailed", label: "PR-AUC (failures)", better: "higher", note: "average precision for finding failures; the rare class" },
  { key: "prAucLanded", label: "PR-AUC (landings)", better: "higher", note: "near the base rate for any model" },
  { key: "logLoss", label: "Log loss", better: "lower", note: "cross-entropy of the probabilities" },
  { key: "brier", label: "Brier score", better: "lower", note: "mean squared error of the probabilities" }
];

export const formatMetric = (v: number | null | undefined, digits = 3) => (v === null || v === undefined || Number.isNaN(v) ? "undefined" : v.toFixed(digits));

/** A model's metrics beside the cumulative base rate's (each training set's landing rate), on the same test rows. */
export function MetricsTable(model: Metrics, baseline: Metrics, { id }: { id?: string } = {}) {
  const [low, high] = wilsonInterval(model.confusion.tp + model.confusion.tn, model.n);
  return cardsOnPhone(html`<table id=${id ?? ""} class="metrics-table">
    <thead><tr><th>Metric</th><th>Model</th><th>Base rate (Laplace-smoothed)</th><th data-label="Note"></th></tr></thead>
    <tbody>
      ${ROWS.map(
        (r) => html`<tr data-metric=${r.key}><td>${r.label}</td><td class="model">${formatMetric(model[r.key] as number | null)}${r.key === "rocAuc" && model.rocAucSe !== null ? html`<span class="muted" title="95% interval, Hanley–McNeil"> ± ${(1.96 * model.rocAucSe).toFixed(3)}</span>` : ""}</td><td class="baseline">${formatMetric(baseline[r.key] as number | null)}</td><td class="muted">${r.note}${r.better === "lower" ? " (lower is better)" : ""}</td></tr>`
      )}
      <tr><td>Test rows</td><td>${model.n}</td><td>${model.n}</td><td class="muted">${model.n - model.positives} failures; base rate ${share(model.baseRate, 1)} landed; accuracy 95% Wilson interval ${share(low, 1)} – ${share(high, 1)}</td></tr>
    </tbody>
  </table>`);
}
