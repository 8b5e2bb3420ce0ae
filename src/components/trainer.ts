// The training worker: every model fits here, off the page's thread, and reports progress as it
// goes. One run at a time; "cancel" stops it at the next epoch or grid step.
import { runExperiment } from "../ml/evaluate.js";
import type { Row } from "../ml/features.js";
import { runGridOn } from "../ml/grid-runs.js";
import type { FromWorker, ToWorker } from "../ml/messages.js";
import { Cancelled, type RunControl, type Tf } from "../ml/tensors.js";
import { loadLibsvm } from "./libsvm.js";
import { tf } from "./tf.js";

// The flat bundle declares the same API as the package entry (see types.d.ts), typed separately.
const engine = tf as unknown as Tf;
let rows: Row[] = [];
const cancelled = new Set<number>();
// The CPU backend: the same arithmetic as the Node build loader and CLI, so results agree.
const ready = tf.setBackend("cpu").then(() => tf.ready());

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
  await ready;
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
    if (message.type === "train") post({ type: "result", id, result: await runExperiment(engine, rows, message.request, control) });
    else post({ type: "grid", id, result: await runGridOn(engine, rows, message.target, message.families, control) });
  } catch (error) {
    if (error instanceof Cancelled) post({ type: "cancelled", id });
    else post({ type: "error", id, message: error instanceof Error ? error.message : String(error) });
  } finally {
    cancelled.delete(id);
  }
};
