// What a grid search runs on: the capstone replica, or the lab's own feature table (scaled on the
// training rows only, folds keeping each launch's cores together, the last 20% of launches by
// date held out as the test set).
import { capstoneData } from "./capstone.js";
import { encode, fitEncoder, labelledRows, type Row } from "./features.js";
import { runGrid, type Family } from "./grid.js";
import type { GridRun, GridTarget } from "./messages.js";
import { stratifiedFolds, timeOrderedSplit } from "./splits.js";
import type { RunControl, Tf } from "./tensors.js";
import type { GridData } from "./grid.js";

export function gridData(rows: readonly Row[], target: GridTarget): GridData & { rows: number } {
  if (target.kind === "capstone") {
    const data = capstoneData(rows);
    return { ...data, rows: data.rows.length };
  }
  const labelled = labelledRows(rows);
  const splitRows = labelled.map((r) => ({ group: String(r.launch_id), label: r.label as number, time: r.date_utc as number }));
  const split = timeOrderedSplit(splitRows, 0.2);
  const encoder = fitEncoder(split.train.map((i) => labelled[i]!), target.features, labelled);
  const folds = stratifiedFolds(split.train.map((i) => splitRows[i]!), target.folds, target.seed);
  return {
    X: encode(encoder, labelled),
    d: encoder.columns.length,
    y: labelled.map((r) => r.label as number),
    train: split.train,
    test: split.test,
    folds,
    rows: labelled.length
  };
}

export async function runGridOn(tf: Tf, rows: readonly Row[], target: GridTarget, families: Family[] | undefined, control?: RunControl): Promise<GridRun> {
  const started = Date.now();
  const data = gridData(rows, target);
  const results = await runGrid(tf, data, { families }, control);
  return {
    target,
    rows: data.rows,
    columns: data.d,
    trainRows: data.train.length,
    testRows: data.test.length,
    folds: Math.max(...data.folds) + 1,
    families: results,
    seconds: (Date.now() - started) / 1000
  };
}
