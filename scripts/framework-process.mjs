// @ts-check
// Framework's build process for `npm run build`, started before anything else (scripts/build.mjs):
// Framework spends about 0.9 s loading its own modules before it reads its config, time in which
// this process loads the TypeScript loader and scripts/build.ts computes the config. The config
// reaches Framework through its stdin (scripts/framework-config.mjs reads it), so it cannot read
// a config, or touch the loader cache, before scripts/build.ts has prepared both.
import { spawn } from "node:child_process";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));
/** Where this build keeps the loader runs it starts before Framework asks (data-loaders/prefetch.ts); Framework's loaders find it in F9_PREFETCH_DIR. */
export const prefetchDir = join(projectRoot, "src", ".observablehq", "cache", `.data.prefetch-${process.pid}`);
/** @type {import("node:child_process").ChildProcessByStdio<import("node:stream").Writable, import("node:stream").Readable, import("node:stream").Readable> | undefined} */
let framework;

/** The environment Framework runs in, and so its data loaders. */
export function frameworkEnv() {
  // Framework runs .ts loaders with `tsx` from PATH, which npm scripts provide and a direct run may not.
  return { ...process.env, PATH: `${join(projectRoot, "node_modules", ".bin")}${delimiter}${process.env.PATH ?? ""}`, OBSERVABLE_TELEMETRY_DISABLE: "true", F9_PREFETCH_DIR: prefetchDir, ...(process.stdout.isTTY ? { FORCE_COLOR: "1" } : {}) };
}

/** The one Framework build process of this run, started on the first call. */
export function startFramework() {
  if (framework) return framework;
  const bin = join(projectRoot, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js");
  const child = spawn(process.execPath, [bin, "build", "--config", join(projectRoot, "scripts", "framework-config.mjs")], {
    cwd: projectRoot,
    stdio: ["pipe", "pipe", "pipe"],
    env: frameworkEnv()
  });
  // Whatever ends this process (a bad setting, an uncaught error) ends the build it started.
  process.on("exit", () => child.exitCode === null && child.kill());
  return (framework = child);
}
