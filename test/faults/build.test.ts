// kind 4: a build that fails on a broken recording leaves the last good site and the loader cache
// byte-identical, nothing temporary behind, and says in one line which loader failed on what.
// It runs the real `npm run build` script in a copy of the project (node_modules linked), so the
// project's own dist/ is never at stake.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { projectRoot } from "../../data-loaders/config.ts";
import { copyOfSnapshots, tempDir, tree } from "./support.ts";

describe("kind 4: a failed build", () => {
  it("keeps the previous dist/ and loader cache byte-identical and names the loader and file", () => {
    const copy = join(tempDir("f9-build-fault-"), "project");
    mkdirSync(copy);
    for (const p of ["data-loaders", "scripts", "deploy", "src", "observablehq.config.ts", "package.json", "package-lock.json", "tsconfig.json"]) {
      cpSync(join(projectRoot, p), join(copy, p), { recursive: true, filter: (f) => !f.includes("/.observablehq/cache") });
    }
    symlinkSync(join(projectRoot, "node_modules"), join(copy, "node_modules"));
    // A previous site and loader cache, small and written here.
    mkdirSync(join(copy, "dist", "_file"), { recursive: true });
    writeFileSync(join(copy, "dist", "index.html"), "<!doctype html><title>last good</title>");
    writeFileSync(join(copy, "dist", "_file", "x.0123abcd.json"), "{}");
    const cache = join(copy, "src", ".observablehq", "cache", "data");
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, "launches.parquet"), "cached bytes");
    writeFileSync(join(cache, ".f9-inputs"), "an older fingerprint");
    const [dist, cached] = [tree(join(copy, "dist")), tree(cache)];

    const snapshots = copyOfSnapshots();
    const broken = join(snapshots, "spacex-api-v4", "launches.json");
    writeFileSync(broken, readFileSync(broken, "utf8").slice(0, 5000));
    const run = spawnSync(process.execPath, ["--import", "tsx", join(copy, "scripts", "build.ts")], {
      cwd: copy,
      env: { ...process.env, F9_SNAPSHOTS: snapshots, F9_LAST_GOOD: join(copy, ".last-good"), OBSERVABLE_TELEMETRY_DISABLE: "true" },
      encoding: "utf8",
      timeout: 600_000
    });
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /build: ✗ loader src\/data\/[\w.]+\.ts failed: .*spacex-api: GET https:\/\/api\.spacexdata\.com\/v4\/launches .*not valid JSON.*launches\.json is damaged/);
    const first = run.stderr.indexOf("build: ✗ loader");
    assert.ok(first >= 0 && (run.stderr.indexOf("at ", first) === -1 || run.stderr.slice(0, first).split("\n").every((l) => !/^\s+at .*observablehq\/framework/.test(l))), "the clear line comes before Framework's trace");
    assert.match(run.stderr, /dist\/ is the last good site, untouched; the loader cache is kept/);
    assert.deepEqual(tree(join(copy, "dist")), dist, "dist/ is byte-identical");
    assert.deepEqual(tree(cache), cached, "the loader cache is byte-identical");
    assert.deepEqual(readdirSync(copy).filter((n) => /partial|previous/.test(n)), [], "no temporary build directory is left");
    assert.deepEqual(readdirSync(join(copy, "src", ".observablehq", "cache")).filter((n) => /previous/.test(n)), []);
  });
});
