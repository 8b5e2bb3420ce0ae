import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { projectRoot } from "../../data-loaders/config.ts";
import { SNAPSHOTS } from "../support/snapshots.ts";
import { DIST, filesUnder } from "../support/site.ts";
import config from "../../observablehq.config.ts";

describe("offline build", () => {
  it("builds the whole site from recorded responses", () => {
    const result = spawnSync("npm", ["run", "build"], {
      cwd: projectRoot,
      env: { ...process.env, F9_SNAPSHOTS: SNAPSHOTS, OBSERVABLE_TELEMETRY_DISABLE: "true" },
      encoding: "utf8",
      timeout: 9 * 60_000
    });
    assert.equal(result.status, 0, `observable build failed:\n${result.stdout}\n${result.stderr}`);
    assert.ok(existsSync(join(DIST, "index.html")));
    assert.ok(existsSync(join(DIST, "favicon.ico")), "browsers ask for /favicon.ico");
  });

  it("ships every library from node_modules and fetches nothing from a CDN", () => {
    const files = filesUnder(DIST);
    assert.ok(!files.some((f) => relative(DIST, f).startsWith("_npm")), "dist/_npm holds CDN downloads");
    assert.ok(files.some((f) => f.endsWith("duckdb-eh.wasm")), "DuckDB's WASM is self-hosted");
    // Libraries may mention a CDN in code paths we never call (the browser tests catch any request
    // that leaves 127.0.0.1); our own pages, components and styles must not mention one at all.
    const ours = files.filter((f) => /\.(html|css)$/.test(f) || relative(DIST, f).startsWith("_import"));
    for (const file of ours) {
      const cdn = /fonts\.googleapis|cdn\.jsdelivr|unpkg\.com|extensions\.duckdb\.org/.exec(readFileSync(file, "utf8"));
      assert.equal(cdn, null, `${relative(DIST, file)} refers to ${cdn?.[0]}`);
    }
  });

  it("leaves no ${…} unevaluated in a page's HTML attributes (Markdown evaluates them only in text)", () => {
    const pages = filesUnder(DIST).filter((f) => f.endsWith(".html"));
    assert.ok(pages.length >= 12, `${pages.length} pages`);
    for (const file of pages) {
      const literal = /[\w-]+="\$\{[^"]*"/.exec(readFileSync(file, "utf8"));
      assert.equal(literal, null, `${relative(DIST, file)}: ${literal?.[0]} reaches the reader as text; build the element with html\`…\` instead`);
    }
  });

  it("declares a Content-Security-Policy that allows only the site's own origin", () => {
    const html = readFileSync(join(DIST, "index.html"), "utf8");
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    assert.ok(csp, "no CSP meta tag");
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /connect-src 'self'/);
    assert.doesNotMatch(csp, /https?:/, "CSP names another host");
  });

  it("gives every page the head and footer the config gives its path (they reach Framework through its stdin as JSON)", () => {
    const pages = filesUnder(DIST).filter((f) => f.endsWith(".html"));
    const preloads = new Set<string>();
    for (const file of pages) {
      const path = "/" + relative(DIST, file).replace(/\.html$/, "");
      const html = readFileSync(file, "utf8");
      assert.ok(html.includes(`content="${config.head({ path }).match(/content="([^"]+)"/)![1]}"`), `${path}: no CSP, or not the config's`);
      for (const [, href] of config.head({ path }).matchAll(/rel="modulepreload" href="\.\/data\/([\w-]+)\.js"/g)) {
        assert.match(html, new RegExp(`<link rel="modulepreload" href="(\\./|\\.\\./)*_file/data/${href}\\.[0-9a-f]{8}\\.js">`), `${path}: the head's preload of data/${href}.js`);
        preloads.add(path);
      }
      assert.ok(html.includes("Open-Meteo") && html.includes("CC BY-SA 4.0"), `${path}: the footer's data credits`);
      assert.doesNotMatch(html, /<header id="observablehq-header">/, `${path}: an empty header`);
    }
    assert.deepEqual([...preloads], ["/index"], "only the overview preloads a page bundle");
  });

  it("times its stages from the command's start: Framework's own start-up is counted", () => {
    const log = JSON.parse(readFileSync(join(DIST, "build-log.json"), "utf8")) as { durationMs: number; stages: { name: string; seconds: number }[] };
    const startup = log.stages.find((s) => s.name.startsWith("startup"));
    assert.ok(startup && startup.seconds > 0, JSON.stringify(log.stages));
    const framework = log.stages.filter((s) => !s.name.startsWith("loader "));
    const sum = framework.reduce((t, s) => t + s.seconds, 0);
    assert.ok(Math.abs(sum * 1000 - log.durationMs) < 600, `stages add up to ${sum.toFixed(1)} s of a ${log.durationMs} ms build`);
  });

  it("writes the launches table as Parquet", () => {
    const parquet = filesUnder(DIST).find((f) => /launches\.[0-9a-f]+\.parquet$/.test(f));
    assert.ok(parquet);
    assert.equal(readFileSync(parquet).subarray(0, 4).toString(), "PAR1");
  });
});
