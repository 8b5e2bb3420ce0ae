import { CAPSTONE_ACCURACY } from "../ml/capstone.js";
import type { FamilyResult } from "../ml/grid.js";
import { wilsonInterval } from "../ml/metrics.js";
import { html } from "./inputs.js";

const NAMES = { logreg: "Logistic regression", svm: "Support vector machine", tree: "Decision tree", knn: "k-nearest neighbours" };

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const interval = (k: number, n: number) => {
  const [low, high] = wilsonInterval(k, n);
  return `${pct(low)}–${pct(high)}`;
};

/** One row per model family: best parameters, CV accuracy, test accuracy with its Wilson interval. */
export function GridTable(families: FamilyResult[], { id, capstone }: { id?: string; capstone: boolean }) {
  return html`<table id=${id ?? ""}>
    <thead><tr><th>Family</th><th>Library</th><th>scikit-learn grid / distinct models / fits</th><th>Best parameters</th><th>CV accuracy</th><th>Test accuracy</th><th>95% interval</th>${capstone ? html`<th>Capstone notebook</th>` : ""}<th>Time</th></tr></thead>
    <tbody>${families.map(
      (f) => html`<tr data-family=${f.family}>
        <td>${NAMES[f.family]}</td>
        <td class="muted">${f.library}</td>
        <td>${f.sklearnCombinations} / ${f.distinctCandidates} / ${f.fits}</td>
        <td><code>${Object.entries(f.best.params).map(([k, v]) => `${k}=${v}`).join(", ")}</code></td>
        <td>${f.best.cvAccuracy.toFixed(3)}</td>
        <td class="test-accuracy">${f.testAccuracy.toFixed(3)} (${f.testCorrect}/${f.testN})</td>
        <td>${interval(f.testCorrect, f.testN)}</td>
        ${capstone ? html`<td>${(CAPSTONE_ACCURACY.correct / CAPSTONE_ACCURACY.n).toFixed(3)} (${CAPSTONE_ACCURACY.correct}/${CAPSTONE_ACCURACY.n})</td>` : ""}
        <td>${f.seconds.toFixed(1)} s</td>
      </tr>`
    )}</tbody>
  </table>`;
}
