// What a published build says it was built from must be true, and repeatable: the site publishes the
// data manifest, the tables it publishes are the bytes the manifest hashes, and building again from
// the same recorded responses (through the CLI, and through the site build) gives the same hashes.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { projectRoot } from "../../data-loaders/config.ts";
import { sha256 } from "../../data-loaders/http.ts";
import type { Manifest } from "../../data-loaders/release.ts";
import type { BuildLog } from "../../src/components/build-log.ts";
import { SNAPSHOTS } from "../support/snapshots.ts";
import { DIST } from "../support/site.ts";

const published = (pattern: RegExp) => readdirSync(join(DIST, "_file", "data")).filter((f) => pattern.test(f));

function publishedManifest(): { file: string; text: string; manifest: Manifest } {
  const files = published(/^manifest\.[0-9a-f]{8}\.json$/);
  assert.equal(files.length, 1, "dist/ holds one data manifest (run the build test first)");
  const text = readFileSync(join(DIST, "_file", "data", files[0]!), "utf8");
  return { file: files[0]!, text, manifest: JSON.parse(text) as Manifest };
}

function run(command: string, args: string[], env: Record<string, string>) {
  const result = spawnSync(command, args, { cwd: projectRoot, env: { ...process.env, ...env }, encoding: "utf8" });
  assert.equal(result.status, 0, `${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
}

describe("published data versions", () => {
  const dir = mkdtempSync(join(tmpdir(), "f9-release-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("publishes the data manifest, and every published table is the bytes it hashes", () => {
    const { manifest } = publishedManifest();
    assert.equal(manifest.format, "falcon9-landing-lab/data-manifest@1");
    assert.equal(manifest.mode, "replay");
    assert.ok(manifest.responses.length > 0 && manifest.responses.every((r) => /^[0-9a-f]{64}$/.test(r.sha256) && r.origin === "replayed"));
    let checked = 0;
    for (const table of manifest.tables) {
      for (const file of published(new RegExp(`^${table.name}\\.[0-9a-f]{8}\\.parquet$`))) {
        const bytes = readFileSync(join(DIST, "_file", "data", file));
        assert.equal(sha256(bytes), table.sha256, `${file} is the ${table.name} table the manifest describes`);
        assert.equal(bytes.byteLength, table.bytes);
        checked++;
      }
    }
    assert.ok(checked >= 1 && published(/^launches\./).length === 1, "at least the launches table is published and checked");
  });

  it("rebuilds the same hashes from the same recorded responses with npm run data", () => {
    const { manifest } = publishedManifest();
    run("npm", ["run", "data", "--", "--out", dir], { F9_SNAPSHOTS: SNAPSHOTS });
    const again = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Manifest;
    assert.deepEqual(again.tables, manifest.tables, "same rows and SHA-256 for every table");
    assert.deepEqual(
      again.responses.map((r) => [r.url, r.sha256]),
      manifest.responses.map((r) => [r.url, r.sha256]),
      "same raw responses"
    );
    for (const table of manifest.tables) assert.equal(sha256(readFileSync(join(dir, table.file))), table.sha256, table.file);
  });

  it("rebuilds the site byte-identically, carrying a previous manifest into the build log", () => {
    const { file, text, manifest } = publishedManifest();
    // An earlier release, as the deploy workflow would pass it: fewer launches, and a table since dropped.
    const previous = {
      ...manifest,
      tables: [
        ...manifest.tables.map((t) => (t.name === "launches" ? { ...t, rows: t.rows - 3, sha256: "0".repeat(64) } : t)),
        { name: "boosters", file: "boosters.parquet", rows: 80, bytes: 1000, sha256: "1".repeat(64) }
      ]
    };
    const previousPath = join(dir, "previous-manifest.json");
    writeFileSync(previousPath, JSON.stringify(previous));
    // Framework would reuse the manifest loader's cached output; make it run again.
    rmSync(join(projectRoot, "src", ".observablehq", "cache", "data", "manifest.json"), { force: true });
    run("npm", ["run", "build"], { F9_SNAPSHOTS: SNAPSHOTS, F9_PREVIOUS_MANIFEST: previousPath });
    const rebuilt = publishedManifest();
    assert.equal(rebuilt.file, file, "same manifest file name (its name carries its hash)");
    assert.equal(rebuilt.text, text);
    const log = JSON.parse(readFileSync(join(DIST, "build-log.json"), "utf8")) as BuildLog;
    assert.equal(log.loaders.find((l) => l.file === "/data/manifest.json")?.cache, "missing", "the manifest loader ran again");
    assert.deepEqual(log.previousManifest?.manifest, previous);
  });

  it("stops a build at once on a previous manifest that is not JSON, naming it", () => {
    const bad = join(dir, "not-a-manifest.json");
    writeFileSync(bad, "<html>");
    const result = spawnSync("npm", ["run", "build"], { cwd: projectRoot, env: { ...process.env, F9_SNAPSHOTS: SNAPSHOTS, F9_PREVIOUS_MANIFEST: bad }, encoding: "utf8" });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, new RegExp(`F9_PREVIOUS_MANIFEST=${bad.replaceAll(".", "\\.")} cannot be read as JSON`));
    assert.doesNotMatch(result.stdout, /load \/data\//, "no loader ran");
  });
});
