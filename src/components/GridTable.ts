import { share } from "../facts/format.js";
import { CAPSTONE_ACCURACY } from "../ml/capstone.js";
import type { FamilyResult } from "../ml/grid.js";
import { laplaceRate } from "../ml/forecast.js";
import { logLoss, wilsonInterval } from "../ml/metrics.js";
import { html } from "./inputs.js";
import { cardsOnPhone } from "./ResultTable.js";

const NAMES = { logreg: "Logistic regression", svm: "Support vector machine", tree: "Decision tree", knn: "k-nearest neighbours" };

const pct = (v: number) => share(v, 1);
const interval = (k: number, n: number) => {
  const [low, high] = wilsonInterval(k, n);
  return `${pct(low)}–${pct(high)}`;
};

/**
 * One row per model family: best parameters, CV accuracy, test accuracy with its Wilson interval,
 * and beside them the references on the same test rows: "always lands" (its accuracy) and the
 * training set's Laplace-smoothed base rate (its log loss against the family's).
 */
export function GridTable(families: FamilyResult[], { id, capstone, trainLabels, testLabels }: { id?: string; capstone: boolean; trainLabels: number[]; testLabels: number[] }) {
  const landed = testLabels.filter((y) => y === 1).length;
  const rate = laplaceRate(trainLabels);
  const baseLoss = logLoss(testLabels, testLabels.map(() => rate));
  return cardsOnPhone(html`<table id=${id ?? ""} class="numbers">
    <thead><tr><th>Family</th><th>Library</th><th>scikit-learn grid / distinct models / fits</th><th>Best parameters</th><th class="number">CV accuracy</th><th class="number">Test accuracy</th><th class="number">95% interval</th><th class="number">"Always lands" accuracy</th><th class="number">Test log loss</th><th class="number">Base-rate log loss</th>${capstone ? html`<th>Capstone notebook</th>` : ""}<th class="number">Time</th></tr></thead>
    <tbody>${families.map(
      (f) => html`<tr data-family=${f.family}>
        <td>${NAMES[f.family]}</td>
        <td class="muted">${f.library}</td>
        <td>${f.sklearnCombinations} / ${f.distinctCandidates} / ${f.fits}</td>
        <td><code>${Object.entries(f.best.params).map(([k, v]) => `${k}=${v}`).join(", ")}</code></td>
        <td class="number">${f.best.cvAccuracy.toFixed(3)}</td>
        <td class="number test-accuracy">${f.testAccuracy.toFixed(3)} (${f.testCorrect}/${f.testN})</td>
        <td class="number">${interval(f.testCorrect, f.testN)}</td>
        <td class="number always-lands">${(landed / testLabels.length).toFixed(3)} (${landed}/${testLabels.length})${f.testCorrect === landed ? html` <span class="muted">= the family's</span>` : ""}</td>
        <td class="number">${logLoss(testLabels, f.testProbabilities).toFixed(3)}</td>
        <td class="number">${baseLoss.toFixed(3)}</td>
        ${capstone ? html`<td>${(CAPSTONE_ACCURACY.correct / CAPSTONE_ACCURACY.n).toFixed(3)} (${CAPSTONE_ACCURACY.correct}/${CAPSTONE_ACCURACY.n})</td>` : ""}
        <td class="number">${f.seconds.toFixed(1)} s</td>
      </tr>`
    )}</tbody>
  </table>`);
}
