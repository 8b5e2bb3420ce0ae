// A data loader's run that the build starts before Framework asks for it. Framework reads every
// page, and on an empty cache bundles every npm package (7–8 s), before it runs its first loader,
// and then runs loaders one after another; the release loader alone takes 10–18 s with nothing
// cached. So when the release has no cached output, scripts/build.ts starts its loader at once, on
// the machine's other core. When Framework runs that loader later, the loader waits for the run
// already under way and hands over its output, its log lines and its exit status, instead of
// computing them again: Framework caches and reports the loader exactly as if it had run it.
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { projectRoot } from "./config.ts";
import { processAlive } from "./leftovers.ts";

/** Names the directory of this build's early runs; Framework's loader processes inherit it. */
export const PREFETCH_ENV = "F9_PREFETCH_DIR";

export interface Prefetch {
  /** The loader, from the project root. */
  loader: string;
  /** Resolves with the run's exit status and how long it took, once its status file is written. */
  done: Promise<{ status: number; seconds: number }>;
  /** Ends the run, if it is still going. */
  stop(): void;
}

const files = (dir: string, loader: string) => {
  const base = join(dir, loader.replaceAll("/", "__"));
  return { out: `${base}.out`, err: `${base}.err`, pid: `${base}.pid`, status: `${base}.status` };
};

/** Starts `loader` (a TypeScript loader, from the project root) as Framework would, its output and log kept in `dir`. */
export function startPrefetch(dir: string, loader: string, env: NodeJS.ProcessEnv): Prefetch {
  mkdirSync(dir, { recursive: true });
  const f = files(dir, loader);
  const [out, err] = [openSync(f.out, "w"), openSync(f.err, "w")];
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", loader], { cwd: projectRoot, stdio: ["ignore", out, err], env });
  closeSync(out);
  closeSync(err);
  writeFileSync(f.pid, String(child.pid));
  // Whatever ends the build ends its early runs: none outlives it.
  process.on("exit", () => child.exitCode === null && child.kill());
  const done = new Promise<{ status: number; seconds: number }>((resolve) => {
    const finish = (status: number) => {
      // Written last: a loader waiting on this run reads the output only once this exists.
      writeFileSync(f.status, String(status));
      resolve({ status, seconds: (performance.now() - started) / 1000 });
    };
    child.on("error", () => finish(1));
    child.on("close", (code) => finish(code ?? 1));
  });
  return { loader, done, stop: () => void (child.exitCode === null && child.kill()) };
}

/**
 * In a loader: if this build already started this loader's run, waits for it and passes on its log
 * lines (stderr), its output (stdout) and its status, and says so by returning true; the loader then
 * has nothing left to do. False when no such run exists, or it ended without a status (killed).
 */
export async function takePrefetched(loader: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const dir = env[PREFETCH_ENV];
  if (!dir) return false;
  const f = files(dir, loader);
  if (!existsSync(f.pid)) return false;
  const pid = Number(readFileSync(f.pid, "utf8"));
  if (pid === process.pid) return false;
  while (!existsSync(f.status)) {
    if (!processAlive(pid) && !existsSync(f.status)) return false;
    await sleep(50);
  }
  process.stderr.write(readFileSync(f.err));
  const status = Number(readFileSync(f.status, "utf8"));
  if (status === 0) process.stdout.write(readFileSync(f.out));
  process.exitCode = status;
  return true;
}
