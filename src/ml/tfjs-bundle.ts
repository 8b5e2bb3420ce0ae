// The TF.js the training worker runs: @tensorflow/tfjs-core, -layers and -backend-cpu bundled into
// one ES module by esbuild at build time (src/data/workers.tar.ts), instead of the flat @tensorflow/tfjs
// bundle with the converter, data and WebGL parts the worker never uses. Framework cannot bundle
// these parts itself: it bundles each npm package alone, and its bundle of seedrandom (CommonJS that
// adds `alea` to module.exports after the fact) has only a default export, so tfjs-core's
// `import * as seedrandom` finds no `alea` and every seeded initializer fails ("alea is not a
// function"). esbuild bundles seedrandom inside, with CommonJS interop that keeps `alea`.
// Node-only (it runs esbuild); the worker imports the result by URL.
import { projectRoot } from "../../data-loaders/config.ts";
import { browserBundle } from "../../scripts/page-bundle.ts";

/** What the worker uses of TF.js: the engine and ops, layers, and the CPU backend registered. */
const ENTRY = `export * from "@tensorflow/tfjs-core"; export * from "@tensorflow/tfjs-layers"; import "@tensorflow/tfjs-backend-cpu";`;

/** The worker's TF.js as one minified ES module. */
export function workerTfjsBundle(): Promise<Uint8Array> {
  return browserBundle({
    stdin: { contents: ENTRY, resolveDir: projectRoot, loader: "js", sourcefile: "worker-tfjs.js" },
    define: { "process.env.NODE_ENV": JSON.stringify("production") }
  });
}
