// Model evaluations kept across builds, keyed by the content hash of everything they depend on:
// the release's model tables, the model code (every src/ml file), the TF.js version and the
// request itself (model, features, protocol, replicates). An unchanged release reuses them instead
// of refitting ~300 models per protocol; any change to data, code or settings is a new key, so a
// stale result cannot be served. Node-only: the build loader and the CLI use it, never the worker.
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { deserialize, serialize } from "node:v8";
import { projectRoot } from "../../data-loaders/config.ts";
import { sha256, writeAtomically } from "../../data-loaders/http.ts";

export interface ResultCache {
  /** The value stored under the hash of `inputs`, or undefined. */
  get<T>(inputs: unknown): T | undefined;
  set(inputs: unknown, value: unknown): void;
  /** Where a key's value lives, for the log. */
  where(inputs: unknown): string;
}

/**
 * A directory of results, one file per key. Values go through V8's structured serialisation, so
 * NaN, undefined and typed arrays come back as they were (JSON would turn NaN into null). A file
 * that cannot be read back is recomputed and overwritten; files are written whole (temporary
 * file, then rename), so a killed build leaves no half-written entry.
 */
export function resultCache(dir = join(projectRoot, ".f9-cache", "evaluations")): ResultCache {
  const path = (inputs: unknown) => join(dir, `${sha256(JSON.stringify(inputs))}.v8`);
  return {
    get<T>(inputs: unknown): T | undefined {
      const file = path(inputs);
      if (!existsSync(file)) return undefined;
      try {
        return deserialize(readFileSync(file)) as T;
      } catch {
        return undefined;
      }
    },
    set(inputs: unknown, value: unknown): void {
      writeAtomically(path(inputs), serialize(value));
    },
    where: (inputs: unknown) => relative(projectRoot, path(inputs))
  };
}
