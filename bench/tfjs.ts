// What the training worker would download of TF.js: the flat bundle it imports today against a
// bundle of only the parts it uses (core, layers, cpu backend), both minified by esbuild (the
// bundler Framework uses) and gzipped as nginx sends them.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { projectRoot } from "../data-loaders/config.ts";

export interface TfjsFigures {
  fullKb: number;
  partsKb: number;
}

async function bundled(contents: string): Promise<number> {
  const result = await build({ stdin: { contents, resolveDir: projectRoot, loader: "js" }, bundle: true, minify: true, format: "esm", platform: "browser", write: false, logLevel: "silent" });
  return gzipSync(result.outputFiles[0]!.contents).length / 1000;
}

export async function measureTfjs(): Promise<TfjsFigures> {
  const flat = createRequire(import.meta.url).resolve("@tensorflow/tfjs/dist/tf.fesm.min.js");
  const fullKb = gzipSync(readFileSync(flat)).length / 1000;
  const partsKb = await bundled(`export * from "@tensorflow/tfjs-core"; export * from "@tensorflow/tfjs-layers"; import "@tensorflow/tfjs-backend-cpu";`);
  return { fullKb, partsKb };
}
