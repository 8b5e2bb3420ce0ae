import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RegistryEntry } from "../../src/ml/publish.ts";
import { compareTables, contractSummary, formatChange, modelVersions, previousTables, sourceStatus, type Manifest } from "../../src/components/build-report.ts";

const table = (name: string, rows: number, sha256: string) => ({ name, file: `${name}.parquet`, rows, bytes: 100, sha256 });

describe("compareTables", () => {
  it("gives each table's row change and whether its bytes changed, new and removed tables included", () => {
    const previous = [table("launches", 500, "a"), table("landings", 510, "b"), table("boosters", 80, "c")];
    const current = [table("launches", 528, "a2"), table("landings", 510, "b"), table("weather", 62, "d")];
    assert.deepEqual(compareTables(current, previous), [
      { name: "launches", rows: 528, previousRows: 500, change: 28, sha256: "a2", status: "changed" },
      { name: "landings", rows: 510, previousRows: 510, change: 0, sha256: "b", status: "unchanged" },
      { name: "weather", rows: 62, previousRows: null, change: null, sha256: "d", status: "new" },
      { name: "boosters", rows: null, previousRows: 80, change: null, sha256: null, status: "removed" }
    ]);
    assert.deepEqual(compareTables([table("launches", 1, "a")], null), [
      { name: "launches", rows: 1, previousRows: null, change: null, sha256: "a", status: "no previous manifest" }
    ]);
    assert.deepEqual([28, -3, 0, null].map(formatChange), ["+28", "−3", "0", "–"]);
  });
});

describe("previousTables", () => {
  it("reads an earlier manifest's tables, and says why when it cannot", () => {
    assert.deepEqual(previousTables({ tables: [table("launches", 5, "a")] }), { tables: [table("launches", 5, "a")] });
    assert.deepEqual(previousTables({ format: "other@2", items: [] }), { problem: 'it has no "tables" list (format "other@2")' });
    assert.deepEqual(previousTables({ tables: [table("launches", 5, "a"), { name: "x", rows: "many" }] }), {
      problem: "its table 2 lacks a name, an integer row count or a sha256"
    });
  });
});

describe("sourceStatus", () => {
  it("lists every source the manifest names, with its origins, retrieval times, coverage and problems", () => {
    const response = (source: string, origin: "live" | "cached" | "replayed", retrieved_at: string | null) =>
      ({ source, method: "GET", url: `https://example.org/${source}`, request_body: null, origin, retrieved_at, sha256: "0", recording: null });
    const manifest = {
      format: "falcon9-landing-lab/data-manifest@1",
      mode: "live",
      tables: [],
      responses: [response("ll2", "live", "2026-11-02T10:00:00Z"), response("ll2", "cached", "2026-11-01T09:00:00Z"), response("spacex-api", "replayed", null)],
      coverage: [{ source: "ll2", launches: 40, first: "2022-01-01T00:00:00Z", last: "2026-11-01T00:00:00Z" }],
      reconciliation: {},
      problems: [{ source: "open-meteo-archive", kind: "not recorded", count: 3, examples: ["a"] }]
    } as unknown as Manifest;
    assert.deepEqual(sourceStatus(manifest), [
      {
        source: "ll2",
        origin: "cached, live",
        responses: 2,
        retrieved: ["2026-11-01T09:00:00Z", "2026-11-02T10:00:00Z"],
        coverage: { launches: 40, first: "2022-01-01T00:00:00Z", last: "2026-11-01T00:00:00Z" },
        problems: []
      },
      { source: "open-meteo-archive", origin: "no responses", responses: 0, retrieved: null, coverage: null, problems: [{ kind: "not recorded", count: 3, examples: ["a"] }] },
      { source: "spacex-api", origin: "replayed", responses: 1, retrieved: null, coverage: null, problems: [] }
    ]);
  });
});

describe("modelVersions", () => {
  it("lists each distinct model once, with the builds that published it", () => {
    const model = (id: string, dataHash: string): RegistryEntry => ({
      id, name: "default", title: "Logistic regression", date: "2026-11-01", dataHash, codeHash: "c", kind: "logreg",
      features: 9, trainingRows: 150, cvRocAuc: 0.8, cvAccuracy: 0.9, baselineAccuracy: 0.88, files: []
    });
    const build = (finishedAt: string, models: RegistryEntry[], manifestSha256: string | null = null) => ({ finishedAt, commit: null, mode: "live" as const, manifestSha256, tables: [], models });
    const versions = modelVersions([
      build("2026-11-02T05:00:00Z", [model("a", "d1")], "m1"),
      build("2026-11-09T05:00:00Z", [model("a", "d1")]),
      build("2026-11-16T05:00:00Z", [model("b", "d2")]),
      build("2026-11-23T05:00:00Z", [])
    ]);
    assert.deepEqual(versions, [
      { model: model("a", "d1"), builds: 2, firstBuilt: "2026-11-02T05:00:00Z", lastBuilt: "2026-11-09T05:00:00Z", manifestSha256: "m1" },
      { model: model("b", "d2"), builds: 1, firstBuilt: "2026-11-16T05:00:00Z", lastBuilt: "2026-11-16T05:00:00Z", manifestSha256: null }
    ]);
  });
});

describe("contractSummary", () => {
  const comparison = { key: "expected:wikipedia.2022", what: "launches in 2022 (wikipedia)", before: 61, after: 0, drop: true };
  it("says which baseline a build was held to, what it accepted and what it warns of", () => {
    const expected = contractSummary({ lastGood: null, baseline: { kind: "expected release", path: "data-loaders/expected-release.json", recordings: "../shared/snapshots" }, comparisons: [comparison, { ...comparison, drop: false }], warnings: [] });
    assert.match(expected!.baseline, /^No last good release of these recordings yet: held to the expected release/);
    assert.equal(expected!.path, "data-loaders/expected-release.json");
    assert.deepEqual(expected!.accepted, [{ key: "expected:wikipedia.2022", what: "launches in 2022 (wikipedia)", before: "61", after: "0" }]);
    const warning = { key: "reconciliation", what: "disagreements between sources (the reconciliation table)", before: 100, after: 130 };
    const lastGood = contractSummary({ lastGood: ".f9-last-good/manifest.live.json", baseline: { kind: "last good release", path: ".f9-last-good/manifest.live.json", recordings: null }, comparisons: [], warnings: [warning] });
    assert.equal(lastGood!.baseline, "Held to the last good release of live builds");
    assert.deepEqual(lastGood!.warnings, [warning]);
    assert.equal(contractSummary({ lastGood: null, baseline: null, comparisons: [] })!.path, null);
    const older = contractSummary({ lastGood: ".f9-last-good/manifest.replay.json", comparisons: [] })!;
    assert.deepEqual([older.baseline, older.path], ["Held to the last good release", ".f9-last-good/manifest.replay.json"], "an older log: its last good release, as it named it");
    assert.equal(contractSummary(undefined), null);
  });
});
