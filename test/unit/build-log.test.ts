import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseFrameworkLog } from "../../src/components/build-log.ts";

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

  it("marks a loader the log never finished as unfinished, keeping what it wrote", () => {
    const runs = parseFrameworkLog([
      { stream: "stdout", text: "copy src/data/a.json → load /data/a.json → [missing] " },
      { stream: "stderr", text: "a: still going" }
    ]);
    assert.deepEqual(runs, [{ file: "/data/a.json", cache: "missing", status: "unfinished", ms: null, size: null, error: null, log: ["a: still going"] }]);
  });
});
