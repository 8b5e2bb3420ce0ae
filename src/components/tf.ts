// The flat ESM bundle (272 kB gzipped). The bare "@tensorflow/tfjs" entry breaks in the browser, and
// so does importing only @tensorflow/tfjs-core, -layers and -backend-cpu (179 kB gzipped as one
// bundle, 219 kB as Framework splits it): Framework's bundle of tfjs-core loses seedrandom's `alea`,
// so every seeded initializer fails ("alea is not a function"; tried 2026-12-02).
export * as tf from "@tensorflow/tfjs/dist/tf.fesm.min.js";
