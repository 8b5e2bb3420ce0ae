// TF.js is passed in rather than imported: the browser worker imports the bundle the build makes of
// tfjs-core, -layers and -backend-cpu (src/ml/tfjs-bundle.ts) and Node uses the package's own entry.
// Everything here disposes what it allocates (see test/integration/ml-memory).
import type * as TF from "@tensorflow/tfjs";

export type Tf = typeof TF;

/** How a long run reports progress and learns it was cancelled. */
export interface RunControl {
  progress?(fraction: number, message: string): void;
  cancelled?(): boolean;
  /** Bayesian logistic regression: where the evidence search for the prior scale starts (last refit's choice). */
  priorScaleHint?: number;
  /** Bayesian logistic regression: where Newton's method starts (last refit's mode, intercept first). */
  startWeightsHint?: number[];
}

export class Cancelled extends Error {
  constructor() {
    super("Training was cancelled.");
    this.name = "Cancelled";
  }
}

let lastYield = 0;
/**
 * Give the event loop a turn at most every 40 ms, so a worker can receive "cancel" and a page
 * stays responsive, then throw if the run was cancelled.
 */
export async function checkpoint(control: RunControl | undefined): Promise<void> {
  const now = Date.now();
  if (now - lastYield > 40) {
    lastYield = now;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (control?.cancelled?.()) throw new Cancelled();
}

/** Minkowski distances (p = 1 or 2) between rows of A (m × d) and B (n × d), as an m × n matrix. */
export function distanceMatrix(A: Float32Array, B: Float32Array, d: number, p: 1 | 2): Float64Array {
  const m = A.length / d;
  const n = B.length / d;
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) {
        const diff = A[i * d + c]! - B[j * d + c]!;
        s += p === 1 ? Math.abs(diff) : diff * diff;
      }
      out[i * n + j] = p === 1 ? s : Math.sqrt(s);
    }
  }
  return out;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
