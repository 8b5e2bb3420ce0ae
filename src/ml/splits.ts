// How rows are divided for evaluation. Cores of one launch (a Falcon Heavy's three) share weather,
// payload and date, so every protocol keeps a launch's rows together: a core's sibling in the
// training set would otherwise leak its outcome into the test set.
import { seededRandom, shuffled } from "./random.js";

export interface SplitRow {
  /** The launch the row belongs to: rows of one group never straddle a split. */
  group: string;
  label: number;
  /** Lift-off time in ms, for the time-ordered split. */
  time: number;
}

export interface Split {
  train: number[];
  test: number[];
}

export type Protocol =
  | { kind: "random"; testFraction: number; seed: number }
  | { kind: "kfold"; folds: number; seed: number }
  | { kind: "time"; testFraction: number }
  /** Expanding window: for each calendar year from `startYear`, train on every earlier launch and test on that year's. */
  | { kind: "rolling"; startYear: number }
  /** Month by month, no look-ahead: each calendar month from `startYear` predicted by a model of every earlier launch. */
  | { kind: "prequential"; startYear: number };

/** What each protocol is, in a reader's words (the lab, the model cards, docs/model.md). */
export const PROTOCOL_TITLES: Record<Protocol["kind"], string> = {
  prequential: "Month by month, no look-ahead (prequential)",
  rolling: "Year by year, no look-ahead",
  time: "Time-ordered split: latest 20% of launches",
  kfold: "k-fold cross-validation (mixes years: a model that has seen later years scores earlier ones)",
  random: "Random stratified split (mixes years)"
};

/** Each evaluation round: train on `train`, predict `test`; `name` goes into predictions.csv. */
export interface Round extends Split {
  name: string;
}

export function rounds(rows: readonly SplitRow[], protocol: Protocol): Round[] {
  switch (protocol.kind) {
    case "random":
      return [{ name: "test", ...stratifiedSplit(rows, protocol.testFraction, protocol.seed) }];
    case "time":
      return [{ name: "test", ...timeOrderedSplit(rows, protocol.testFraction) }];
    case "rolling":
      return rollingYears(rows, protocol.startYear);
    case "prequential":
      return prequentialMonths(rows, protocol.startYear);
    case "kfold": {
      const fold = stratifiedFolds(rows, protocol.folds, protocol.seed);
      return Array.from({ length: protocol.folds }, (_, f) => ({
        name: `fold-${f + 1}`,
        train: indicesWhere(fold, (g) => g !== f),
        test: indicesWhere(fold, (g) => g === f)
      }));
    }
  }
}

interface Group {
  key: string;
  rows: number[];
  /** 0 when any core of the launch failed: failures are rare, so they decide the stratum. */
  stratum: number;
  time: number;
}

function groupsOf(rows: readonly SplitRow[]): Group[] {
  const byKey = new Map<string, Group>();
  rows.forEach((row, i) => {
    let g = byKey.get(row.group);
    if (!g) byKey.set(row.group, (g = { key: row.group, rows: [], stratum: 1, time: row.time }));
    g.rows.push(i);
    g.stratum = Math.min(g.stratum, row.label);
    g.time = Math.min(g.time, row.time);
  });
  return [...byKey.values()];
}

function checkFraction(testFraction: number): void {
  if (!(testFraction > 0 && testFraction < 1)) throw new Error(`The test share must be between 0 and 1 (exclusive), got ${testFraction}.`);
}

/** Random split stratified by outcome: each stratum sends round(share × size) launches to the test set. */
export function stratifiedSplit(rows: readonly SplitRow[], testFraction: number, seed: number): Split {
  checkFraction(testFraction);
  const random = seededRandom(seed);
  const test = new Set<number>();
  for (const stratum of [0, 1]) {
    const groups = shuffled(groupsOf(rows).filter((g) => g.stratum === stratum), random);
    const take = Math.round(groups.length * testFraction);
    for (const g of groups.slice(0, take)) g.rows.forEach((i) => test.add(i));
  }
  const split = partition(rows.length, test);
  if (!split.train.length || !split.test.length) throw new Error(`A test share of ${testFraction} leaves an empty training or test set with ${rows.length} rows.`);
  return split;
}

/** Fold number of each row: launches of each stratum are shuffled and dealt round-robin. */
export function stratifiedFolds(rows: readonly SplitRow[], folds: number, seed: number): number[] {
  const groups = groupsOf(rows);
  if (!Number.isInteger(folds) || folds < 2) throw new Error(`Cross-validation needs a whole number of folds ≥ 2, got ${folds}.`);
  if (folds > groups.length) throw new Error(`${folds} folds need at least ${folds} launches; there are ${groups.length}.`);
  const random = seededRandom(seed);
  const fold = new Array<number>(rows.length).fill(-1);
  let next = 0;
  for (const stratum of [0, 1]) {
    // Continue dealing where the previous stratum stopped, so fold sizes stay within one launch.
    for (const g of shuffled(groups.filter((x) => x.stratum === stratum), random)) {
      for (const i of g.rows) fold[i] = next % folds;
      next++;
    }
  }
  return fold;
}

/** Train on the earliest launches, test on the latest `testFraction` of them: no look-ahead. */
export function timeOrderedSplit(rows: readonly SplitRow[], testFraction: number): Split {
  checkFraction(testFraction);
  const groups = groupsOf(rows).sort((a, b) => a.time - b.time || (a.key < b.key ? -1 : 1));
  const cut = groups.length - Math.round(groups.length * testFraction);
  if (cut <= 0 || cut >= groups.length) throw new Error(`A test share of ${testFraction} leaves an empty training or test set with ${groups.length} launches.`);
  const test = new Set(groups.slice(cut).flatMap((g) => g.rows));
  return partition(rows.length, test);
}

/**
 * Rolling-origin evaluation by year: each year's launches are predicted by a model that saw only
 * the launches before 1 January of that year. Pooled, the predictions cover every failure since
 * `startYear`, where a single time-ordered split holds only the latest few.
 */
export function rollingYears(rows: readonly SplitRow[], startYear: number): Round[] {
  if (!Number.isInteger(startYear)) throw new Error(`The first test year must be a whole year, got ${startYear}.`);
  const years = [...new Set(rows.map((r) => new Date(r.time).getUTCFullYear()))].filter((y) => y >= startYear).sort((a, b) => a - b);
  const out: Round[] = [];
  for (const year of years) {
    const start = Date.UTC(year, 0, 1);
    const end = Date.UTC(year + 1, 0, 1);
    const train: number[] = [];
    const test: number[] = [];
    rows.forEach((r, i) => (r.time < start ? train.push(i) : r.time < end ? test.push(i) : null));
    if (train.length && test.length) out.push({ name: String(year), train, test });
  }
  if (!out.length) throw new Error(`No launches to test from ${startYear} on with earlier ones to train on.`);
  return out;
}

/**
 * Prequential evaluation by month: for each calendar month from January of `startYear` to the
 * last month with data, train on every row before the month's first day (UTC) and predict the
 * month's rows. Pooled, every row from `startYear` on is predicted exactly once, by a model that
 * knew only what was known before its month began. Months with no rows are skipped.
 */
export function prequentialMonths(rows: readonly SplitRow[], startYear: number): Round[] {
  if (!Number.isInteger(startYear)) throw new Error(`The first test year must be a whole year, got ${startYear}.`);
  const monthOf = (t: number) => {
    const d = new Date(t);
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  };
  const months = [...new Set(rows.map((r) => monthOf(r.time)))].filter((m) => m >= startYear * 12).sort((a, b) => a - b);
  const out: Round[] = [];
  for (const month of months) {
    const start = Date.UTC(Math.floor(month / 12), month % 12, 1);
    const end = Date.UTC(Math.floor((month + 1) / 12), (month + 1) % 12, 1);
    const train: number[] = [];
    const test: number[] = [];
    rows.forEach((r, i) => (r.time < start ? train.push(i) : r.time < end ? test.push(i) : null));
    if (train.length && test.length) out.push({ name: new Date(start).toISOString().slice(0, 7), train, test });
  }
  if (!out.length) throw new Error(`No launches to test from ${startYear} on with earlier ones to train on.`);
  return out;
}

/**
 * scikit-learn's `StratifiedKFold(n_splits=k)` without shuffling, as GridSearchCV(cv=10) uses it:
 * fold sizes per class follow the sorted labels dealt round-robin, and within a class the rows go
 * to folds in their original order. Only the capstone replica uses this, to match the notebook.
 */
export function sklearnStratifiedFolds(labels: readonly number[], k: number): number[] {
  const sorted = [...labels].sort((a, b) => a - b);
  const classes = [...new Set(sorted)];
  const allocation = Array.from({ length: k }, (_, f) => classes.map((c) => sorted.filter((y, i) => i % k === f && y === c).length));
  const fold = new Array<number>(labels.length).fill(-1);
  classes.forEach((c, ci) => {
    const order: number[] = [];
    for (let f = 0; f < k; f++) for (let n = 0; n < allocation[f]![ci]!; n++) order.push(f);
    let next = 0;
    labels.forEach((y, i) => {
      if (y === c) fold[i] = order[next++]!;
    });
  });
  return fold;
}

function partition(n: number, test: Set<number>): Split {
  const split: Split = { train: [], test: [] };
  for (let i = 0; i < n; i++) (test.has(i) ? split.test : split.train).push(i);
  return split;
}

function indicesWhere(values: number[], test: (v: number) => boolean): number[] {
  const out: number[] = [];
  values.forEach((v, i) => test(v) && out.push(i));
  return out;
}
