// The bare "@tensorflow/tfjs" entry breaks in the browser; the flat ESM bundle works.
export * as tf from "@tensorflow/tfjs/dist/tf.fesm.min.js";
