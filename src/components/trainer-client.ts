// The page's side of the training worker: each run is a promise, progress arrives by callback,
// and cancel() ends the current run.
import type { ExperimentRequest, ExperimentResult } from "../ml/evaluate.js";
import type { Row } from "../ml/features.js";
import type { Family } from "../ml/grid.js";
import type { FromWorker, GridRun, GridTarget, ToWorker } from "../ml/messages.js";

export class RunCancelled extends Error {
  constructor() {
    super("Cancelled.");
    this.name = "RunCancelled";
  }
}

export interface Trainer {
  setRows(rows: Row[]): void;
  train(request: ExperimentRequest, onProgress?: (fraction: number, message: string) => void): Promise<ExperimentResult>;
  grid(target: GridTarget, families?: Family[], onProgress?: (fraction: number, message: string) => void): Promise<GridRun>;
  cancel(): void;
  memory(): Promise<{ numTensors: number; numBytes: number }>;
}

/** Pages create the worker (`new Worker(import.meta.resolve("./components/trainer.js"), {type: "module"})`) and pass it here. */
export function createTrainer(worker: Worker): Trainer {
  let nextId = 1;
  let current: number | null = null;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; progress?: (f: number, m: string) => void }>();
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    const entry = pending.get(message.id);
    if (!entry) return;
    if (message.type === "progress") return entry.progress?.(message.fraction, message.message);
    pending.delete(message.id);
    if (current === message.id) current = null;
    if (message.type === "result") entry.resolve(message.result);
    else if (message.type === "grid") entry.resolve(message.result);
    else if (message.type === "memory") entry.resolve({ numTensors: message.numTensors, numBytes: message.numBytes });
    else if (message.type === "cancelled") entry.reject(new RunCancelled());
    else entry.reject(new Error(message.message));
  };
  worker.onerror = (event) => {
    for (const entry of pending.values()) entry.reject(new Error(`The training worker failed: ${event.message}`));
    pending.clear();
  };
  const send = <T>(message: ToWorker & { id: number }, progress?: (f: number, m: string) => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      pending.set(message.id, { resolve: resolve as (v: unknown) => void, reject, progress });
      worker.postMessage(message);
    });
  return {
    setRows: (rows) => worker.postMessage({ type: "rows", rows } satisfies ToWorker),
    train(request, onProgress) {
      const id = nextId++;
      current = id;
      return send<ExperimentResult>({ type: "train", id, request }, onProgress);
    },
    grid(target, families, onProgress) {
      const id = nextId++;
      current = id;
      return send<GridRun>({ type: "grid", id, target, families }, onProgress);
    },
    cancel() {
      if (current !== null) worker.postMessage({ type: "cancel", id: current } satisfies ToWorker);
    },
    memory: () => send({ type: "memory", id: nextId++ })
  };
}
