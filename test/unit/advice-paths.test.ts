// Advice that names a file the user cannot find sends them nowhere: every repository path that
// data-loaders/ and scripts/ write into a message (or a comment) must resolve, and the module an
// HTTP error sends each source to must exist.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { projectRoot, sourceHosts } from "../../data-loaders/config.ts";
import { sourceModule } from "../../data-loaders/http.ts";

const ROOTS = ["data-loaders", "scripts"];
/** A path into the repository: a top-level directory of it, then a file with an extension (or a directory, ending in "/"). */
const PATH = /(?<![\w./-])((?:data-loaders|src|scripts|docs|test|deploy|bench|\.github)\/[\w./-]*?(?:\.(?:ts|md|json|js|css|conf|yml|html)|\/))(?![\w/-]|\.\w)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith(".ts") ? [path] : [];
  });
}

describe("paths named in messages", () => {
  it("every repository path written in data-loaders/ and scripts/ exists", () => {
    const named: { file: string; path: string }[] = [];
    for (const file of ROOTS.flatMap((r) => sourceFiles(join(projectRoot, r)))) {
      for (const m of readFileSync(file, "utf8").matchAll(PATH)) named.push({ file: relative(projectRoot, file), path: m[1]! });
    }
    assert.ok(named.length > 20, `found ${named.length} paths: the pattern still reads the sources`);
    assert.ok(named.some((n) => n.path === "data-loaders/sources/wikipedia.ts"), "the year-page advice is among them");
    const missing = named.filter((n) => !existsSync(join(projectRoot, n.path)));
    assert.deepEqual(missing, [], missing.map((m) => `${m.file} names ${m.path}, which does not exist`).join("\n"));
  });

  it("an HTTP error's advice names the module of each source, which exists", () => {
    const sources = Object.keys(sourceHosts);
    assert.ok(sources.includes("ll2") && sources.some((s) => s.startsWith("ndbc-")), sources.join(", "));
    for (const source of sources) {
      const module = sourceModule(source);
      assert.match(module, /^data-loaders\/sources\/[\w-]+\.ts$/, `${source} → ${module}`);
      assert.ok(existsSync(join(projectRoot, module)), `${source} → ${module}`);
    }
    assert.equal(sourceModule("ll2"), "data-loaders/sources/launch-library-2.ts");
    assert.equal(sourceModule("open-meteo-archive"), "data-loaders/sources/open-meteo.ts");
  });
});
