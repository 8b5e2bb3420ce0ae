// TF.js in the training worker: the bundle of @tensorflow/tfjs-core, -layers and -backend-cpu that
// src/data/workers.tar.ts builds (src/ml/tfjs-bundle.ts says why Framework's own npm bundling cannot).
// The page names its URL (FileAttachment("data/workers/tfjs.js").href) in the worker's `tfjs` query
// parameter, since only a page can resolve a file attachment.
import type { Tf } from "../ml/tensors.js";

/** Import the worker's TF.js, with the CPU backend ready: the arithmetic the Node build uses. */
export async function loadTf(): Promise<Tf> {
  const href = new URL(self.location.href).searchParams.get("tfjs");
  if (!href) throw new Error(`The training worker was started without its TF.js (no "tfjs" parameter in ${self.location.href}); start it as src/lab.md does.`);
  const tf = (await import(/* @vite-ignore */ href)) as Tf;
  await tf.setBackend("cpu");
  await tf.ready();
  return tf;
}
