// What a static host needs beyond Framework's output, done to the build before it replaces dist/
// (scripts/build.ts calls finishBuild on its temporary directory; run alone, it finishes dist/):
// - /favicon.ico, which every browser asks for whatever the page's <link rel=icon> says;
// - a gzip copy beside every compressible file over 10 kB, which nginx serves as is
//   (gzip_static), so DuckDB's WASM and the big bundles are compressed once, at the highest level,
//   instead of on every request. Brotli would need a module Debian's nginx does not ship. A file
//   byte-identical to the one at the same path in the previous build (most are: Framework names
//   assets by content hash) takes that build's .gz, so a rebuild does not recompress DuckDB's 34 MB.
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, constants } from "node:zlib";
import { projectRoot } from "../data-loaders/config.ts";

/** Files at least this large get a precompressed copy. */
export const PRECOMPRESS_MIN_BYTES = 10_000;
/** Types that compress (Parquet, images and fonts are compressed inside already). */
export const PRECOMPRESSED_TYPES = new Set([".js", ".mjs", ".css", ".html", ".json", ".wasm", ".svg", ".csv", ".txt", ".map"]);

export function finishBuild(dir: string, previous?: string): { precompressed: number; reused: number } {
  if (!existsSync(join(dir, "index.html"))) throw new Error(`${dir}/index.html is missing: Framework's build did not finish.`);
  copyFileSync(join(projectRoot, "src", "favicon.ico"), join(dir, "favicon.ico"));
  let precompressed = 0;
  let reused = 0;
  for (const file of filesUnder(dir)) {
    if (!PRECOMPRESSED_TYPES.has(extname(file)) || statSync(file).size < PRECOMPRESS_MIN_BYTES) continue;
    const bytes = readFileSync(file);
    const earlier = previous ? join(previous, relative(dir, file)) : null;
    const earlierGz = earlier && existsSync(`${earlier}.gz`) && existsSync(earlier) && statSync(earlier).size === bytes.length && readFileSync(earlier).equals(bytes) ? readFileSync(`${earlier}.gz`) : null;
    if (earlierGz) reused++;
    const gz = earlierGz ?? gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
    if (gz.length >= bytes.length) continue;
    writeFileSync(`${file}.gz`, gz);
    // One modification time for both, so the copy is never older than what it stands for.
    const { atime, mtime } = statSync(file);
    utimesSync(`${file}.gz`, atime, mtime);
    precompressed++;
  }
  return { precompressed, reused };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { precompressed } = finishBuild(join(projectRoot, "dist"));
  process.stderr.write(`finish-build: favicon.ico copied, ${precompressed} files precompressed\n`);
}
