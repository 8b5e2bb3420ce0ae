// libsvm-js's WebAssembly build in Node, loaded once for every Node entry point that fits SVMs
// (tests, the bench, the build's model loader). Import for its effect: `import "../ml/libsvm-node.ts"`.
import { createRequire } from "node:module";
import { useLibsvm, type Libsvm } from "./svm.js";

const require = createRequire(import.meta.url);
// Its Emscripten loader tries fetch() on a file path first when fetch exists (Node ≥ 18), fails,
// warns on stderr, and falls back to reading the file; without fetch it reads the file at once.
const fetch_ = globalThis.fetch;
(globalThis as { fetch?: typeof fetch }).fetch = undefined;
try {
  useLibsvm((await require("libsvm-js")) as Libsvm);
} finally {
  globalThis.fetch = fetch_;
}
