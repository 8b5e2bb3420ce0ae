// CART decision tree in plain TypeScript (no TF.js: a tree is sorting and counting, not tensors).
// Same knobs as scikit-learn's DecisionTreeClassifier that the capstone grid searches.

export type TreeNode = { p: number; n: number } | { feature: number; threshold: number; left: TreeNode; right: TreeNode; n: number };

export interface TreeOptions {
  maxDepth: number;
  criterion: "gini" | "entropy";
  minSamplesLeaf: number;
  minSamplesSplit: number;
  /** Features tried at each node; null tries all (scikit-learn's "sqrt"/"auto" is ⌊√d⌋ but at least 1). */
  maxFeatures: number | null;
  splitter: "best" | "random";
  random: () => number;
  /** Per-row weights (class weighting); default 1. */
  weights?: Float32Array;
}

function impurity(criterion: TreeOptions["criterion"], positive: number, total: number): number {
  if (total <= 0) return 0;
  const p = positive / total;
  if (criterion === "gini") return 2 * p * (1 - p);
  const h = (q: number) => (q > 0 ? -q * Math.log2(q) : 0);
  return h(p) + h(1 - p);
}

/** Fit on `rows` (indices into X, row-major n × d) with labels y (0/1). */
export function fitTree(X: Float32Array, d: number, y: ArrayLike<number>, rows: readonly number[], options: TreeOptions): TreeNode {
  const w = (i: number) => options.weights?.[i] ?? 1;
  const grow = (idx: number[], depth: number): TreeNode => {
    let total = 0;
    let positive = 0;
    for (const i of idx) {
      total += w(i);
      positive += w(i) * y[i]!;
    }
    const leaf = { p: total ? positive / total : 0.5, n: idx.length };
    const parentImpurity = impurity(options.criterion, positive, total);
    if (depth >= options.maxDepth || idx.length < options.minSamplesSplit || parentImpurity <= 1e-12 || idx.length < 2 * options.minSamplesLeaf) return leaf;
    let candidates = Array.from({ length: d }, (_, j) => j);
    if (options.maxFeatures !== null && options.maxFeatures < d) {
      for (let i = 0; i < options.maxFeatures; i++) {
        const j = i + Math.floor(options.random() * (d - i));
        [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
      }
      candidates = candidates.slice(0, options.maxFeatures);
    }
    let best: { feature: number; threshold: number; score: number } | null = null;
    for (const feature of candidates) {
      const sorted = [...idx].sort((a, b) => X[a * d + feature]! - X[b * d + feature]!);
      const lo = X[sorted[0]! * d + feature]!;
      const hi = X[sorted[sorted.length - 1]! * d + feature]!;
      if (hi <= lo) continue;
      const consider = (threshold: number) => {
        let lt = 0, lp = 0, ln = 0;
        for (const i of sorted) {
          if (X[i * d + feature]! > threshold) break;
          lt += w(i);
          lp += w(i) * y[i]!;
          ln++;
        }
        const rn = idx.length - ln;
        if (ln < options.minSamplesLeaf || rn < options.minSamplesLeaf) return;
        const score = (lt * impurity(options.criterion, lp, lt) + (total - lt) * impurity(options.criterion, positive - lp, total - lt)) / total;
        if (!best || score < best.score - 1e-12) best = { feature, threshold, score };
      };
      if (options.splitter === "random") {
        consider(lo + options.random() * (hi - lo));
      } else {
        // Scan split points between consecutive distinct values in one pass.
        let lt = 0, lp = 0;
        for (let k = 0; k < sorted.length - 1; k++) {
          const i = sorted[k]!;
          lt += w(i);
          lp += w(i) * y[i]!;
          const v = X[i * d + feature]!;
          const next = X[sorted[k + 1]! * d + feature]!;
          if (next <= v) continue;
          const ln = k + 1;
          if (ln < options.minSamplesLeaf || idx.length - ln < options.minSamplesLeaf) continue;
          const score = (lt * impurity(options.criterion, lp, lt) + (total - lt) * impurity(options.criterion, positive - lp, total - lt)) / total;
          if (!best || score < best.score - 1e-12) best = { feature, threshold: (v + next) / 2, score };
        }
      }
    }
    const chosen = best as { feature: number; threshold: number; score: number } | null;
    if (!chosen || chosen.score >= parentImpurity - 1e-12) return leaf;
    const left = idx.filter((i) => X[i * d + chosen.feature]! <= chosen.threshold);
    const right = idx.filter((i) => X[i * d + chosen.feature]! > chosen.threshold);
    return { feature: chosen.feature, threshold: chosen.threshold, n: idx.length, left: grow(left, depth + 1), right: grow(right, depth + 1) };
  };
  if (rows.length === 0) throw new Error("A decision tree needs at least one training row.");
  return grow([...rows], 0);
}

/** Probability of landing for each row of X (n × d). */
export function predictTree(tree: TreeNode, X: Float32Array, d: number): Float64Array {
  const n = X.length / d;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let node = tree;
    while ("feature" in node) node = X[i * d + node.feature]! <= node.threshold ? node.left : node.right;
    out[i] = node.p;
  }
  return out;
}

export function treeDepth(tree: TreeNode): number {
  return "feature" in tree ? 1 + Math.max(treeDepth(tree.left), treeDepth(tree.right)) : 0;
}
