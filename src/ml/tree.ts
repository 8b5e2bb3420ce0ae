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

function impurity(entropy: boolean, positive: number, total: number): number {
  if (total <= 0) return 0;
  const p = positive / total;
  if (!entropy) return 2 * p * (1 - p);
  return (p > 0 ? -p * Math.log2(p) : 0) + (p < 1 ? -(1 - p) * Math.log2(1 - p) : 0);
}

/**
 * Fit on `rows` (indices into X, row-major n × d) with labels y (0/1). Each column of X is sorted
 * once (and kept for the next fit on the same matrix: a grid fits thousands of trees on it); a node
 * reads its rows in a column's order by walking that order and keeping its own rows.
 */
export function fitTree(X: Float32Array, d: number, y: ArrayLike<number>, rows: readonly number[], options: TreeOptions): TreeNode {
  if (rows.length === 0) throw new Error("A decision tree needs at least one training row.");
  const entropy = options.criterion === "entropy";
  const n = X.length / d;
  const weight = new Float64Array(n);
  for (const i of rows) weight[i] = options.weights?.[i] ?? 1;
  const order = columnOrder(X, d);
  const member = new Int32Array(n).fill(-1);
  const sorted = new Int32Array(rows.length);
  let nodeId = 0;
  const grow = (idx: number[], depth: number): TreeNode => {
    let total = 0;
    let positive = 0;
    for (const i of idx) {
      total += weight[i]!;
      positive += weight[i]! * y[i]!;
    }
    const leaf = { p: total ? positive / total : 0.5, n: idx.length };
    const parentImpurity = impurity(entropy, positive, total);
    if (depth >= options.maxDepth || idx.length < options.minSamplesSplit || parentImpurity <= 1e-12 || idx.length < 2 * options.minSamplesLeaf) return leaf;
    let candidates = Array.from({ length: d }, (_, j) => j);
    if (options.maxFeatures !== null && options.maxFeatures < d) {
      for (let i = 0; i < options.maxFeatures; i++) {
        const j = i + Math.floor(options.random() * (d - i));
        [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
      }
      candidates = candidates.slice(0, options.maxFeatures);
    }
    const id = nodeId++;
    for (const i of idx) member[i] = id;
    const count = idx.length;
    let bestFeature = -1;
    let bestThreshold = 0;
    let bestScore = Infinity;
    for (const feature of candidates) {
      const column = order[feature]!;
      let k = 0;
      for (let c = 0; c < column.length; c++) if (member[column[c]!] === id) sorted[k++] = column[c]!;
      const lo = X[sorted[0]! * d + feature]!;
      const hi = X[sorted[count - 1]! * d + feature]!;
      if (hi <= lo) continue;
      if (options.splitter === "random") {
        const threshold = lo + options.random() * (hi - lo);
        let lt = 0, lp = 0, ln = 0;
        for (let c = 0; c < count; c++) {
          const i = sorted[c]!;
          if (X[i * d + feature]! > threshold) break;
          lt += weight[i]!;
          lp += weight[i]! * y[i]!;
          ln++;
        }
        if (ln < options.minSamplesLeaf || count - ln < options.minSamplesLeaf) continue;
        const score = (lt * impurity(entropy, lp, lt) + (total - lt) * impurity(entropy, positive - lp, total - lt)) / total;
        if (score < bestScore - 1e-12) [bestFeature, bestThreshold, bestScore] = [feature, threshold, score];
        continue;
      }
      // Scan split points between consecutive distinct values in one pass.
      let lt = 0, lp = 0;
      for (let c = 0; c < count - 1; c++) {
        const i = sorted[c]!;
        lt += weight[i]!;
        lp += weight[i]! * y[i]!;
        const v = X[i * d + feature]!;
        const next = X[sorted[c + 1]! * d + feature]!;
        if (next <= v) continue;
        const ln = c + 1;
        if (ln < options.minSamplesLeaf || count - ln < options.minSamplesLeaf) continue;
        const score = (lt * impurity(entropy, lp, lt) + (total - lt) * impurity(entropy, positive - lp, total - lt)) / total;
        if (score < bestScore - 1e-12) [bestFeature, bestThreshold, bestScore] = [feature, (v + next) / 2, score];
      }
    }
    if (bestFeature < 0 || bestScore >= parentImpurity - 1e-12) return leaf;
    const left: number[] = [];
    const right: number[] = [];
    for (const i of idx) (X[i * d + bestFeature]! <= bestThreshold ? left : right).push(i);
    return { feature: bestFeature, threshold: bestThreshold, n: idx.length, left: grow(left, depth + 1), right: grow(right, depth + 1) };
  };
  return grow([...rows], 0);
}

const columnOrders = new WeakMap<Float32Array, Int32Array[]>();

/** For each column, all rows of X in ascending order of its values (ties in row order); once per matrix. */
function columnOrder(X: Float32Array, d: number): Int32Array[] {
  let orders = columnOrders.get(X);
  if (!orders) {
    const all = Int32Array.from({ length: X.length / d }, (_, i) => i);
    orders = Array.from({ length: d }, (_, feature) => all.slice().sort((a, b) => X[a * d + feature]! - X[b * d + feature]! || a - b));
    columnOrders.set(X, orders);
  }
  return orders;
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
