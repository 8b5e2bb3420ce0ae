// The page's side of the training worker: each run is a promise, progress arrives by callback,
// and cancel() ends the current run at once.
//
// A worker only reads "cancel" between steps, and one libsvm fit is a single synchronous call into
// WebAssembly that can run for seconds, so a cancel cannot wait for the worker to agree: the run's
// promise is rejected on the spot (later progress from it is dropped), and a worker that has not
// acknowledged within CANCEL_GRACE_MS is terminated and replaced by a fresh one that gets the rows
// again and every request still waiting for an answer.
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
  /** End the current run: its promise rejects with RunCancelled now, whatever the worker is doing. */
  cancel(): void;
  memory(): Promise<{ numTensors: number; numBytes: number }>;
  /** How many times a worker that did not answer a cancel was replaced (read by tests). */
  readonly restarts: number;
  terminate(): void;
}

/** Long enough for a worker between two grid steps (a checkpoint comes every 40 ms), short enough that a reader never waits. */
export const CANCEL_GRACE_MS = 1500;

interface Waiting {
  message: ToWorker & { id: number };
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  progress?: (fraction: number, message: string) => void;
}

/**
 * Pages pass a function that starts the worker
 * (`() => new Worker(import.meta.resolve("./components/trainer.js"), {type: "module"})`), so a
 * worker stuck in a fit can be replaced.
 */
export function createTrainer(spawn: () => Worker): Trainer {
  let nextId = 1;
  let current: number | null = null;
  let rows: Row[] | null = null;
  let restarts = 0;
  const waiting = new Map<number, Waiting>();
  // Cancelled runs the worker has not acknowledged yet, and the timer that replaces it if it never does.
  const unacknowledged = new Set<number>();
  let watchdog: ReturnType<typeof setTimeout> | null = null;
  let worker = start();

  function start(): Worker {
    const fresh = spawn();
    fresh.onmessage = (event: MessageEvent<FromWorker>) => {
      if (fresh !== worker) return;
      const message = event.data;
      if (message.type !== "progress" && unacknowledged.delete(message.id) && unacknowledged.size === 0) stopWatchdog();
      const entry = waiting.get(message.id);
      if (!entry) return;
      if (message.type === "progress") return entry.progress?.(message.fraction, message.message);
      waiting.delete(message.id);
      if (current === message.id) current = null;
      if (message.type === "result" || message.type === "grid") entry.resolve(message.result);
      else if (message.type === "memory") entry.resolve({ numTensors: message.numTensors, numBytes: message.numBytes });
      else if (message.type === "cancelled") entry.reject(new RunCancelled());
      else entry.reject(new Error(message.message));
    };
    fresh.onerror = (event) => {
      if (fresh !== worker) return;
      event.preventDefault();
      for (const entry of waiting.values()) entry.reject(new Error(`The training worker failed: ${event.message || "it could not start (see the browser console)"}. Reload the page to try again.`));
      waiting.clear();
      current = null;
    };
    if (rows) fresh.postMessage({ type: "rows", rows } satisfies ToWorker);
    return fresh;
  }

  function stopWatchdog() {
    if (watchdog !== null) clearTimeout(watchdog);
    watchdog = null;
  }

  function replaceWorker() {
    stopWatchdog();
    unacknowledged.clear();
    worker.terminate();
    restarts += 1;
    worker = start();
    // Requests sent after the cancel were queued behind the stuck fit: the new worker takes them.
    for (const entry of waiting.values()) worker.postMessage(entry.message);
  }

  function send<T>(message: ToWorker & { id: number }, progress?: (f: number, m: string) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      waiting.set(message.id, { message, resolve: resolve as (v: unknown) => void, reject, progress });
      worker.postMessage(message);
    });
  }

  return {
    setRows(next) {
      rows = next;
      worker.postMessage({ type: "rows", rows: next } satisfies ToWorker);
    },
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
      if (current === null) return;
      const id = current;
      current = null;
      const entry = waiting.get(id);
      waiting.delete(id);
      worker.postMessage({ type: "cancel", id } satisfies ToWorker);
      unacknowledged.add(id);
      watchdog ??= setTimeout(replaceWorker, CANCEL_GRACE_MS);
      entry?.reject(new RunCancelled());
    },
    memory: () => send({ type: "memory", id: nextId++ }),
    get restarts() {
      return restarts;
    },
    terminate() {
      stopWatchdog();
      worker.terminate();
    }
  };
}
