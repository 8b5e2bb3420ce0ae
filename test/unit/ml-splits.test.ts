import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { numpyPermutation } from "../../src/ml/random.ts";
import { rounds, sklearnStratifiedFolds, stratifiedFolds, stratifiedSplit, timeOrderedSplit, type SplitRow } from "../../src/ml/splits.ts";

// 60 launches, every 6th failed; launches 50–52 are Falcon Heavies with three cores each.
const rows: SplitRow[] = [];
for (let launch = 0; launch < 60; launch++) {
  const cores = launch >= 50 && launch <= 52 ? 3 : 1;
  for (let c = 0; c < cores; c++) rows.push({ group: `L${launch}`, label: launch % 6 === 0 ? 0 : 1, time: launch * 86400_000 });
}
const groupsOf = (idx: number[]) => new Set(idx.map((i) => rows[i]!.group));

describe("evaluation splits", () => {
  it("k-fold: every row tested once, launches never split across folds, failures spread evenly", () => {
    const fold = stratifiedFolds(rows, 5, 7);
    assert.ok(fold.every((f) => f >= 0 && f < 5));
    for (const g of new Set(rows.map((r) => r.group))) assert.equal(new Set(rows.flatMap((r, i) => (r.group === g ? [fold[i]] : []))).size, 1, `${g} in one fold`);
    const failures = [0, 1, 2, 3, 4].map((f) => rows.filter((r, i) => fold[i] === f && r.label === 0).length);
    assert.ok(Math.max(...failures) - Math.min(...failures) <= 1, `failures per fold ${failures}`);
    const plan = rounds(rows, { kind: "kfold", folds: 5, seed: 7 });
    for (const r of plan) {
      assert.equal(r.train.length + r.test.length, rows.length);
      for (const g of groupsOf(r.test)) assert.ok(!groupsOf(r.train).has(g), "no launch in both train and test");
    }
    assert.deepEqual(stratifiedFolds(rows, 5, 7), fold, "same seed, same folds");
    assert.notDeepEqual(stratifiedFolds(rows, 5, 8), fold, "another seed, other folds");
  });
  it("random split: stratified share of failures, no leakage", () => {
    const split = stratifiedSplit(rows, 0.2, 1);
    const failedLaunches = (idx: number[]) => [...groupsOf(idx)].filter((g) => Number(g.slice(1)) % 6 === 0).length;
    assert.equal(failedLaunches(split.test), 2, "20% of 10 failed launches");
    assert.equal(groupsOf(split.test).size, 12, "20% of 60 launches");
    for (const g of groupsOf(split.test)) assert.ok(!groupsOf(split.train).has(g));
  });
  it("time-ordered split: every test launch is later than every training launch", () => {
    const split = timeOrderedSplit(rows, 0.2);
    const lastTrain = Math.max(...split.train.map((i) => rows[i]!.time));
    const firstTest = Math.min(...split.test.map((i) => rows[i]!.time));
    assert.ok(lastTrain < firstTest);
    assert.equal(groupsOf(split.test).size, 12);
  });
  it("rolling by year: each year tested once, by a model that saw only earlier launches", () => {
    const yearly: SplitRow[] = Array.from({ length: 40 }, (_, i) => ({ group: `L${i}`, label: i % 5 ? 1 : 0, time: Date.UTC(2015 + Math.floor(i / 10), i % 10, 1) }));
    const plan = rounds(yearly, { kind: "rolling", startYear: 2016 });
    assert.deepEqual(plan.map((r) => r.name), ["2016", "2017", "2018"]);
    for (const r of plan) {
      assert.equal(r.test.length, 10);
      assert.ok(Math.max(...r.train.map((i) => yearly[i]!.time)) < Math.min(...r.test.map((i) => yearly[i]!.time)));
    }
    assert.equal(plan[2]!.train.length, 30);
  });
  it("clear messages for impossible settings", () => {
    assert.throws(() => stratifiedFolds(rows, 1, 0), /folds ≥ 2/);
    assert.throws(() => stratifiedFolds(rows, 61, 0), /need at least 61 launches/);
    assert.throws(() => stratifiedSplit(rows, 0, 0), /between 0 and 1/);
  });
  it("scikit-learn's unshuffled StratifiedKFold, worked by hand", () => {
    assert.deepEqual(sklearnStratifiedFolds([0, 0, 0, 1, 1, 1, 1, 1, 1], 3), [0, 1, 2, 0, 0, 1, 1, 2, 2]);
  });
  it("numpy's RandomState(seed).permutation", () => {
    assert.deepEqual(numpyPermutation(10, 0), [2, 8, 4, 9, 1, 6, 7, 3, 0, 5]);
    assert.deepEqual(numpyPermutation(10, 42), [8, 1, 5, 0, 7, 2, 9, 4, 3, 6]);
  });
});

describe("grid search on the lab's own table", () => {
  it("holds out the latest 20% of launches, folds the rest by launch, scales on training rows only", async () => {
    const { gridData } = await import("../../src/ml/grid-runs.ts");
    const table = Array.from({ length: 100 }, (_, i) => ({
      landing_id: `L${Math.floor(i / 2)}#${i % 2}`,
      launch_id: `L${Math.floor(i / 2)}`,
      date_utc: Date.UTC(2016, 0, 1) + Math.floor(i / 2) * 86400_000,
      label: i % 9 === 0 ? 0 : 1,
      payload_mass_kg: 1000 + 10 * i
    }));
    const data = gridData(table, { kind: "lab", features: ["payload_mass_kg"], folds: 5, seed: 1 });
    assert.equal(data.test.length, 20);
    assert.ok(Math.max(...data.train.map((i) => table[i]!.date_utc)) < Math.min(...data.test.map((i) => table[i]!.date_utc)));
    const foldOfLaunch = new Map<string, Set<number>>();
    data.train.forEach((row, k) => foldOfLaunch.set(table[row]!.launch_id, (foldOfLaunch.get(table[row]!.launch_id) ?? new Set()).add(data.folds[k]!)));
    for (const folds of foldOfLaunch.values()) assert.equal(folds.size, 1);
    // Standardized on the training rows: their mean is 0, the later (heavier) test rows' is above.
    const mean = (rows: readonly number[]) => rows.reduce((s, i) => s + data.X[i * data.d]!, 0) / rows.length;
    assert.ok(Math.abs(mean(data.train)) < 1e-5);
    assert.ok(mean(data.test) > 1);
  });
});
