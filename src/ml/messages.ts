// The conversation between a page and the training worker (src/components/trainer.ts).
import type { ExperimentRequest, ExperimentResult } from "./evaluate.js";
import type { Row } from "./features.js";
import type { Family, FamilyResult } from "./grid.js";

export type GridTarget = { kind: "capstone" } | { kind: "lab"; features: string[]; folds: number; seed: number };

export type ToWorker =
  | { type: "rows"; rows: Row[] }
  | { type: "train"; id: number; request: ExperimentRequest }
  | { type: "grid"; id: number; target: GridTarget; families?: Family[] }
  | { type: "cancel"; id: number }
  | { type: "memory"; id: number };

export interface GridRun {
  target: GridTarget;
  rows: number;
  columns: number;
  trainRows: number;
  testRows: number;
  folds: number;
  families: FamilyResult[];
  seconds: number;
}

export type FromWorker =
  | { type: "progress"; id: number; fraction: number; message: string }
  | { type: "result"; id: number; result: ExperimentResult }
  | { type: "grid"; id: number; result: GridRun }
  | { type: "memory"; id: number; numTensors: number; numBytes: number }
  | { type: "cancelled"; id: number }
  | { type: "error"; id: number; message: string };
