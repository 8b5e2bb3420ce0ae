// The training worker: every model fits here, off the page's thread, and reports progress as it
// goes. One run at a time; "cancel" stops it at the next epoch or grid step.
import { runExperiment } from "../ml/evaluate.js";
import type { Row } from "../ml/features.js";
import { runGridOn } from "../ml/grid-runs.js";
import type { FromWorker, ToWorker } from "../ml/messages.js";
import { Cancelled, type RunControl, type Tf } from "../ml/tensors.js";
import { loadLibsvm } from "./libsvm.js";
import { loadTf } from "./tf.js";

let rows: Row[] = [];
const cancelled = new Set<number>();
// Loading starts at once; messages wait for it. The CPU backend: the same arithmetic as the Node
// build loader and CLI, so results agree.
const ready = loadTf();

const post = (message: FromWorker) => (self as unknown as Worker).postMessage(message);

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === "rows") {
    rows = message.rows;
    return;
  }
  if (message.type === "cancel") {
    cancelled.add(message.id);
    return;
  }
  // A TF.js that failed to load fails every run with its reason, rather than leaving it waiting.
  const tf = await ready.catch((error: unknown) => error instanceof Error ? error : new Error(String(error)));
  if (tf instanceof Error) {
    if (message.type !== "memory") post({ type: "error", id: message.id, message: `TF.js did not load: ${tf.message}` });
    return;
  }
  if (message.type === "memory") {
    const memory = tf.memory();
    post({ type: "memory", id: message.id, numTensors: memory.numTensors, numBytes: memory.numBytes });
    return;
  }
  const id = message.id;
  let last = 0;
  const control: RunControl = {
    cancelled: () => cancelled.has(id),
    progress: (fraction, text) => {
      const now = Date.now();
      if (now - last < 50 && fraction < 1) return;
      last = now;
      post({ type: "progress", id, fraction, message: text });
    }
  };
  try {
    // A cancel that arrived while TF.js or libsvm was loading ends the run before any work.
    if (cancelled.has(id)) throw new Cancelled();
    // libsvm only for the runs that fit an SVM: the other models never download it.
    if (message.type === "train" ? message.request.params.kind === "svm" : (message.families ?? ["svm"]).includes("svm")) await loadLibsvm();
    if (cancelled.has(id)) throw new Cancelled();
    if (message.type === "train") post({ type: "result", id, result: await runExperiment(tf, rows, message.request, control) });
    else post({ type: "grid", id, result: await runGridOn(tf, rows, message.target, message.families, control) });
  } catch (error) {
    if (error instanceof Cancelled) post({ type: "cancelled", id });
    else post({ type: "error", id, message: error instanceof Error ? error.message : String(error) });
  } finally {
    cancelled.delete(id);
  }
};
