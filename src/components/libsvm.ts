// libsvm-js's WebAssembly build in the training worker. Its loader fetches "libsvm.wasm" beside the
// script that runs it (the worker's own URL here), where no file is; Framework copies the file
// named by import.meta.resolve into dist/, so the worker points that one request at it.
import { useLibsvm, type Libsvm } from "../ml/svm.js";

const wasm = import.meta.resolve("libsvm-js/dist/browser/wasm/libsvm.wasm");
let loaded: Promise<void> | null = null;

/** Load libsvm once, on the first SVM a worker fits. */
export function loadLibsvm(): Promise<void> {
  return (loaded ??= (async () => {
    const fetch_ = self.fetch;
    self.fetch = (input, init) => fetch_(String(input instanceof Request ? input.url : input).endsWith("/libsvm.wasm") ? wasm : input, init);
    try {
      const module = (await import("libsvm-js/dist/browser/wasm/libsvm.js")) as { default: Promise<Libsvm> };
      useLibsvm(await module.default);
    } catch (error) {
      loaded = null;
      throw new Error(`The SVM solver (libsvm-js) did not load from ${wasm}: ${error instanceof Error ? error.message : String(error)}. Rebuild the site (npm run build).`);
    } finally {
      self.fetch = fetch_;
    }
  })());
}
