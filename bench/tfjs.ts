// What the training worker downloads of TF.js: the bundle the build wrote (src/data/workers.tar.ts,
// core + layers + cpu backend) as nginx sends it (the .gz scripts/finish-build.ts writes beside
// it), against the flat @tensorflow/tfjs bundle the worker imported before, gzipped alike.
import { gzipSync } from "node:zlib";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

export interface TfjsFigures {
  workerKb: number;
  flatKb: number;
  file: string;
}

const gzipped = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length / 1000;

export function measureTfjs(dist: string): TfjsFigures {
  const dir = join(dist, "_file", "data", "workers");
  const name = existsSync(dir) ? readdirSync(dir).find((f) => /^tfjs\.[0-9a-f]+\.js$/.test(f)) : undefined;
  if (!name) throw new Error(`bench: no TF.js bundle (_file/data/workers/tfjs.*.js) in ${dist}; build the site first.`);
  const file = join(dir, name);
  const workerKb = existsSync(file + ".gz") ? readFileSync(file + ".gz").length / 1000 : gzipped(readFileSync(file));
  const flat = createRequire(import.meta.url).resolve("@tensorflow/tfjs/dist/tf.fesm.min.js");
  return { workerKb, flatKb: gzipped(readFileSync(flat)), file: join("_file", "data", "workers", name) };
}
