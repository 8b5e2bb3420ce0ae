import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildStages, loaderOutputs, loaderRuns, parseFrameworkLog, ranNow, type LoaderRun } from "../../src/components/build-log.ts";

const gray = (s: string) => `\x1b[90m${s}\x1b[39m`;

describe("parseFrameworkLog", () => {
  it("reads each loader's cache verdict, time and size, and gives it the stderr it wrote", () => {
    const runs = parseFrameworkLog([
      { stream: "stdout", text: `load /index in 495ms\ncopy src/data/launches.parquet ${gray("→")} \x1b[36mload\x1b[39m /data/launches.parquet ${gray("→")} ` },
      { stream: "stdout", text: gray("[missing] ") },
      { stream: "stderr", text: "spacex-api: 4 requests, 187 launc" },
      { stream: "stderr", text: "hes in 120 ms\n\n" },
      { stream: "stdout", text: "\x1b[32msuccess\x1b[39m 12.6 kB in 6" },
      { stream: "stdout", text: "11ms\ncopy src/data/weather.parquet → load /data/weather.parquet → [fresh] success 3 kB in 2ms\n" },
      { stream: "stderr", text: "Warning: 1 broken link\n" },
      { stream: "stdout", text: "copy src/data/model.json → load /data/model.json → [stale] error in 30ms: command exited with code 1\n" }
    ]);
    assert.deepEqual(runs, [
      { file: "/data/launches.parquet", cache: "missing", status: "success", ms: 611, size: "12.6 kB", error: null, log: ["spacex-api: 4 requests, 187 launches in 120 ms"] },
      { file: "/data/weather.parquet", cache: "fresh", status: "success", ms: 2, size: "3 kB", error: null, log: [] },
      { file: "/data/model.json", cache: "stale", status: "error", ms: 30, size: null, error: "command exited with code 1", log: [] }
    ]);
  });

  it("keeps the head and the tail of a long log, where a loader's summary stands", () => {
    const skips = Array.from({ length: 500 }, (_, i) => `  wikipedia: row skipped: description row: line ${i}`).join("\n");
    const runs = parseFrameworkLog([
      { stream: "stdout", text: "load /data/release.tar → [missing] " },
      { stream: "stderr", text: `spacex-api: fetching\n${skips}\nmodel default prequential: log loss 0.0636\n` },
      { stream: "stdout", text: "success 2 MB in 30000ms\n" }
    ]);
    const log = runs[0]!.log;
    assert.equal(log.length, 201);
    assert.equal(log[0], "spacex-api: fetching");
    assert.equal(log[100], "… 302 lines left out …");
    assert.equal(log.at(-1), "model default prequential: log loss 0.0636");
  });

  it("lists a file inside a loader-made archive and the archive's own loader, giving the archive its log", () => {
    const runs = parseFrameworkLog([
      { stream: "stdout", text: "copy src/data/models/a/card.json → load /data/models/a/card.json → [missing] load /data/models.tar → [missing] " },
      { stream: "stderr", text: "model a kfold: ROC-AUC 0.71\n" },
      { stream: "stdout", text: "success 90 kB in 20000ms\nsuccess 2 kB in 20010ms\n" },
      { stream: "stdout", text: "copy src/data/models/a/model.json → load /data/models/a/model.json → [missing] load /data/models.tar → [fresh] success 90 kB in 1ms\nsuccess 1 kB in 3ms\n" }
    ]);
    assert.deepEqual(runs, [
      { file: "/data/models/a/card.json", cache: "missing", status: "success", ms: 20010, size: "2 kB", error: null, log: [] },
      { file: "/data/models.tar", cache: "missing", status: "success", ms: 20000, size: "90 kB", error: null, log: ["model a kfold: ROC-AUC 0.71"] },
      { file: "/data/models/a/model.json", cache: "missing", status: "success", ms: 3, size: "1 kB", error: null, log: [] },
      { file: "/data/models.tar", cache: "fresh", status: "success", ms: 1, size: "90 kB", error: null, log: [] }
    ]);
  });

  it("marks a loader the log never finished as unfinished, keeping what it wrote", () => {
    const runs = parseFrameworkLog([
      { stream: "stdout", text: "copy src/data/a.json → load /data/a.json → [missing] " },
      { stream: "stderr", text: "a: still going" }
    ]);
    assert.deepEqual(runs, [{ file: "/data/a.json", cache: "missing", status: "unfinished", ms: null, size: null, error: null, log: ["a: still going"] }]);
  });
});

describe("buildStages", () => {
  it("splits Framework's output into its phases by their first lines, then the script's steps and the loaders' own stages", () => {
    const lines = [
      { at: 4000, text: "load /404 in 120ms" },
      { at: 6000, text: "built 12 pages in src" },
      { at: 6100, text: `${gray("index")} /dashboard` },
      { at: 8000, text: `copy src/data/release/launches.parquet ${gray("→")} load /data/release/launches.parquet` },
      { at: 30000, text: "build /_node/d3@7.9.0/index.js → dist/_node/d3@7.9.0/index.e09cb3e3.js" },
      { at: 32000, text: "copy src/components/plot.ts → dist/_import/components/plot.d3aea4ed.js" },
      { at: 33000, text: "render /404 → dist/404.html" }
    ];
    const loaders = [{ file: "/data/release.tar", cache: "missing", status: "success" as const, ms: 21000, size: "1 MB", error: null, log: ["spacex-api: 205 records", "stage: history and tables 3.2 s", "stage: published models 17.5 s"] }];
    const stages = buildStages(lines, 35000, [{ name: "gzip copies", seconds: 0.4 }], loaders);
    assert.deepEqual(stages.map((s) => [s.name.split(" ")[0], s.seconds]), [
      ["startup", 4],
      ["reading", 2.1],
      ["search", 1.9],
      ["data", 22],
      ["npm", 2],
      ["local", 1],
      ["rendering", 2],
      ["gzip", 0.4],
      ["loader", 3.2],
      ["loader", 17.5]
    ]);
    assert.equal(stages.at(-1)!.name, "loader /data/release.tar: published models");
  });
});

describe("loaderOutputs and loaderRuns", () => {
  const run = (file: string, cache: string, ms: number): LoaderRun => ({ file, cache, status: "success", ms, size: null, error: null, log: [] });
  // A cold build's log as Framework writes it: the archive runs for its first member, and is looked
  // up again ("fresh") for each later one.
  const cold = [
    run("/data/release/landings.parquet", "missing", 10520),
    run("/data/release.tar", "missing", 10517),
    run("/data/release/launches.parquet", "missing", 2),
    run("/data/release.tar", "fresh", 0),
    run("/data/overview.js", "missing", 780),
    run("/data/map/coast.json", "missing", 1300),
    run("/data/map.tar", "missing", 1290)
  ];

  it("lists each output once, as its first line has it: a cold build reused nothing", () => {
    const outputs = loaderOutputs(cold);
    assert.deepEqual(outputs.map((r) => r.file), ["/data/release/landings.parquet", "/data/release.tar", "/data/release/launches.parquet", "/data/overview.js", "/data/map/coast.json", "/data/map.tar"]);
    assert.equal(outputs.filter((r) => !ranNow(r)).length, 0);
  });

  it("keeps the loaders and leaves out what was extracted from their archives", () => {
    assert.deepEqual(loaderRuns(cold).map((r) => [r.file, r.ms]), [["/data/release.tar", 10517], ["/data/overview.js", 780], ["/data/map.tar", 1290]]);
  });
});
