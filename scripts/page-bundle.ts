// A page's own modules and the npm packages they import, bundled into one minified ES module by
// esbuild at build time (src/data/overview.js.ts). Framework serves each local module and each npm
// package as a file of its own, and Plot imports the whole of d3: the overview's graph was 59
// modules, fetched in rounds a phone pays 150 ms of latency for, and thirty d3 packages of which
// Plot's marks use a few. One file, tree-shaken, is fewer bytes and one round trip.
// Node-only (it runs esbuild); the page imports the result by URL.
import type { BuildOptions } from "esbuild";
import { join } from "node:path";
import { projectRoot } from "../data-loaders/config.ts";

/** The page bundles' loader outputs under src/data, and the sources they are made from: Framework
 * reruns a loader only when the loader file changes, so scripts/build.ts drops a cached bundle
 * whenever any of these sources changed. */
export const PAGE_BUNDLES = { outputs: ["overview.js"], sources: ["src/components", "src/facts", "src/ml", "scripts/page-bundle.ts"] };

/** `entry` (a path from the project root) and everything it imports, as one minified ES module. */
export function pageBundle(entry: string): Promise<Uint8Array> {
  return browserBundle({ entryPoints: [join(projectRoot, entry)] });
}

/** One minified ES module for browsers from esbuild's input (`entryPoints` or `stdin`): the page bundles and the worker's TF.js. */
export async function browserBundle(input: Pick<BuildOptions, "entryPoints" | "stdin" | "define">): Promise<Uint8Array> {
  // Imported here, not at the top: scripts/build.ts reads PAGE_BUNDLES before every build.
  const { build } = await import("esbuild");
  const result = await build({ ...input, bundle: true, minify: true, format: "esm", platform: "browser", target: "es2020", legalComments: "none", write: false, logLevel: "silent" });
  return result.outputFiles[0]!.contents;
}
