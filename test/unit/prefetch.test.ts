import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { PREFETCH_ENV, startPrefetch } from "../../data-loaders/prefetch.ts";

// A loader as Framework runs it: a process whose stdout is its output. Here it only takes over the
// build's early run, as src/data/release.tar.ts does, or says it found none.
// Asynchronous, as in a build: the early run's end is noticed by this process's event loop.
const takeOver = (dir: string, loader: string) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", `import { takePrefetched } from ${JSON.stringify(join(process.cwd(), "data-loaders", "prefetch.ts"))}; if (!(await takePrefetched(${JSON.stringify(loader)}))) process.stdout.write("computed here");`],
      { encoding: "utf8", env: { ...process.env, [PREFETCH_ENV]: dir }, timeout: 60_000 },
      (_, stdout, stderr) => resolve({ status: child.exitCode ?? -1, stdout, stderr })
    );
  });

const made: string[] = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function loaderFile(source: string): { dir: string; loader: string } {
  const dir = mkdtempSync(join(tmpdir(), "f9-prefetch-"));
  made.push(dir);
  const loader = join(dir, "x.json.mts"); // .mts: an ES module (top-level await) outside any package
  writeFileSync(loader, source);
  return { dir: join(dir, "runs"), loader };
}

describe("a loader run started by the build before Framework asks for it", () => {
  it("hands over its output, its log lines and its success to the loader Framework runs, which computes nothing", async () => {
    const { dir, loader } = loaderFile(`await new Promise((r) => setTimeout(r, 400)); process.stderr.write("stage: tables 0.4 s\\n"); process.stdout.write(JSON.stringify({ rows: 682 }));`);
    const run = startPrefetch(dir, loader, process.env);
    // Started while the run is still going: it waits for it.
    const [taken, done] = await Promise.all([takeOver(dir, loader), run.done]);
    assert.equal(done.status, 0);
    assert.equal(taken.status, 0, taken.stderr);
    assert.equal(taken.stdout, '{"rows":682}');
    assert.match(taken.stderr, /^stage: tables 0\.4 s$/m);
  });

  it("hands over a failure with its message and exit status, and no output", async () => {
    const { dir, loader } = loaderFile(`process.stdout.write("half"); process.stderr.write("Error: spacex-api: launches.json is damaged\\n"); process.exit(3);`);
    const run = startPrefetch(dir, loader, process.env);
    assert.equal((await run.done).status, 3);
    const taken = await takeOver(dir, loader);
    assert.equal(taken.status, 3);
    assert.equal(taken.stdout, "", "no partial output reaches Framework's cache");
    assert.match(taken.stderr, /launches\.json is damaged/);
  });

  it("leaves the loader to compute when the build started no run of it", async () => {
    const { dir, loader } = loaderFile(`process.stdout.write("never run");`);
    const taken = await takeOver(dir, loader);
    assert.equal(taken.status, 0, taken.stderr);
    assert.equal(taken.stdout, "computed here");
  });
});
