// A run writes its output beside it as `.NAME.partial-PID`, then swaps it in, setting the old output
// aside as `.NAME.previous-PID` for a moment (the data CLI's release directory, the build's dist/).
// (A build's early loader runs are kept in `.data.prefetch-PID` beside Framework's loader cache.)
// A run killed midway leaves these behind; the next run clears them, and puts back a previous output
// that a kill caught between its two renames, so the last good output is never lost.
import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Whether a process of this machine is still running (a permission error means it is). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/** Clears the temporary directories that killed runs left beside `out`. */
export function clearLeftovers(out: string): void {
  const prefix = `.${basename(out)}.`;
  if (!existsSync(dirname(out))) return;
  for (const name of readdirSync(dirname(out))) {
    const m = name.startsWith(prefix) ? /\.(partial|previous|prefetch)-(\d+)$/.exec(name) : null;
    if (!m || processAlive(Number(m[2]))) continue;
    const path = join(dirname(out), name);
    if (m[1] === "previous" && !existsSync(out)) renameSync(path, out);
    else rmSync(path, { recursive: true, force: true });
  }
}
