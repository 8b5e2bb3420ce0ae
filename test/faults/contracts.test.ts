// The contract and range rules on small manifests and records written here.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { acceptedDrops, compareReleases, compareWithExpected, DataContractError, DISAGREEMENT_TOLERANCE, disagreementWarnings, enforceContracts, EXPECTED_FORMAT, lastGoodPath, sourceContracts } from "../../data-loaders/contracts.ts";
import type { RawResponse } from "../../data-loaders/http.ts";
import { rangeViolations } from "../../data-loaders/validate.ts";
import { tempDir } from "./support.ts";
import { join } from "node:path";
import { writeFileSync } from "node:fs";

const response = (source: string, url: string, body: unknown, contentType = "application/json"): RawResponse => ({
  source, method: "GET", url, requestBody: null, status: 200, contentType, body: typeof body === "string" ? body : JSON.stringify(body),
  sha256: String(Math.random()), retrievedAt: null, origin: "replayed", recording: null
});

describe("data contracts", () => {
  const before = {
    sources: sourceContracts([response("ll2", "https://ll.example/launch/", { results: Array.from({ length: 100 }, (_, i) => ({ id: i, landing: { success: true } })) })], [{ source: "ll2", records: 100 }]),
    tables: [{ name: "landings", rows: 100, known: { landed: 90, label: 90 } }],
    coverage: [{ source: "ll2", launches: 100, first: "2015-01-01T00:00:00Z", last: "2024-01-01T00:00:00Z" }]
  };

  it("reads records and the share of each field generically, from JSON lists and CSV headers", () => {
    const [csv] = sourceContracts([response("x", "https://x.example/a.csv", "a,b\n1,2\n3,4\n", "text/csv")], [{ source: "x", records: 2 }]);
    assert.deepEqual(csv, { source: "x", records: 2, fields: { "/a.csv#rows[].a": 1, "/a.csv#rows[].b": 1 } });
    assert.equal(before.sources[0]!.fields["/launch/#results[].landing.success"], 1);
  });

  it("keeps a drop within 5%, flags one beyond it, and names the before and after figures", () => {
    const within = compareReleases(before, { ...before, tables: [{ name: "landings", rows: 96, known: { landed: 86, label: 90 } }] });
    assert.deepEqual(within.filter((c) => c.drop), []);
    const beyond = compareReleases(before, { ...before, tables: [{ name: "landings", rows: 100, known: { landed: 40, label: 90 } }] });
    assert.deepEqual(beyond.filter((c) => c.drop).map((c) => [c.key, c.before, c.after]), [["column:landings.landed", 90, 40]]);
  });

  it("calls a field most records had and none has now schema drift", () => {
    const renamed = sourceContracts([response("ll2", "https://ll.example/launch/", { results: Array.from({ length: 100 }, (_, i) => ({ id: i, landing: { succeeded: true } })) })], [{ source: "ll2", records: 100 }]);
    const drops = compareReleases(before, { ...before, sources: renamed }).filter((c) => c.drop);
    assert.deepEqual(drops.map((c) => c.key), ["field:ll2./launch/#results[].landing.success"]);
    assert.match(drops[0]!.what, /absent from every record now: schema drift/);
  });

  it("flags a shrinking coverage and a source that sent fewer records", () => {
    const drops = compareReleases(before, { ...before, sources: [{ ...before.sources[0]!, records: 10 }], coverage: [{ source: "ll2", launches: 10, first: "2023-01-01T00:00:00Z", last: "2024-01-01T00:00:00Z" }] }).filter((c) => c.drop);
    assert.deepEqual(drops.map((c) => c.key).sort(), ["coverage:ll2", "coverage:ll2", "source:ll2"]);
  });

  it("fails with the accepting command, and passes what it accepts", () => {
    const dir = tempDir();
    const path = join(dir, "manifest.replay.json");
    writeFileSync(path, JSON.stringify(before));
    const shorter = { ...before, tables: [{ name: "landings", rows: 50, known: { landed: 45, label: 45 } }] };
    assert.throws(() => enforceContracts(shorter, path, acceptedDrops(undefined)), (e: Error) => {
      assert.ok(e instanceof DataContractError);
      assert.match(e.message, /table:landings: rows of table landings: 100 before, 50 now/);
      assert.match(e.message, /F9_ACCEPT_DROP=table:landings,column:landings npm run build/);
      return true;
    });
    assert.equal(enforceContracts(shorter, path, acceptedDrops("table:landings,column:landings")).comparisons.length > 0, true);
    assert.equal(enforceContracts(shorter, join(dir, "none.json"), acceptedDrops(undefined)).baseline, null, "a first run has nothing to compare with");
  });
});

describe("the disagreement log", () => {
  const log = (rows: number, fields: Record<string, number>) => ({ tables: [{ name: "reconciliation", rows, known: { field: rows, value_a: rows } }], reconciliation: fields });

  it("is reported, never a drop, when it shrinks", () => {
    const comparisons = compareReleases(log(166, { date: 100, site: 66 }), log(20, { date: 10, site: 10 }));
    assert.ok(comparisons.some((c) => c.key === "table:reconciliation" && c.before === 166 && c.after === 20), "still compared, for the report");
    assert.deepEqual(comparisons.filter((c) => c.drop), []);
    assert.deepEqual(disagreementWarnings(log(166, { date: 100, site: 66 }), log(20, { date: 10, site: 10 })), []);
  });

  it("warns when disagreements rise beyond the tolerance, in all or on one field", () => {
    const before = log(100, { date: 50, site: 50 });
    const within = Math.floor(50 * (1 + DISAGREEMENT_TOLERANCE));
    assert.deepEqual(disagreementWarnings(before, log(100 + within - 50, { date: within, site: 50 })), []);
    assert.deepEqual(disagreementWarnings(before, log(130, { date: 80, site: 50 })), [
      { key: "reconciliation", what: "disagreements between sources (the reconciliation table)", before: 100, after: 130 },
      { key: "reconciliation:date", what: "disagreements on date", before: 50, after: 80 }
    ]);
    assert.deepEqual(disagreementWarnings(before, log(100, { date: 50, site: 45, booster: 5 })), [{ key: "reconciliation:booster", what: "disagreements on booster", before: 0, after: 5 }]);
  });
});

describe("the expected release", () => {
  const expected = { merged: { "2023": { launches: 96, labelled: 99 } }, wikipedia: { "2022": { launches: 61, labelled: 60 } }, "wikipedia-massimo": { "2023": { launches: 90, labelled: 90 } } };

  it("refuses any year with fewer launches or labelled landings, and accepts by source", () => {
    const current = { years: { merged: { "2023": { launches: 96, labelled: 98 } }, wikipedia: { "2022": { launches: 61, labelled: 60 } }, "wikipedia-massimo": { "2023": { launches: 91, labelled: 90 } } } };
    const drops = compareWithExpected(expected, current).filter((c) => c.drop);
    assert.deepEqual(drops.map((c) => [c.key, c.what, c.before, c.after]), [["expected:merged.2023", "labelled landings in 2023 (all sources merged)", 99, 98]]);
    assert.ok(acceptedDrops("expected:merged")("expected:merged.2023"));
    assert.ok(!acceptedDrops("expected:wikipedia")("expected:merged.2023"));
  });

  it("holds a live build only to the sources it reads (recorded extracts are not read live)", () => {
    const live = { years: { merged: { "2023": { launches: 96, labelled: 99 } }, wikipedia: { "2022": { launches: 61, labelled: 60 } } }, problems: [{ source: "wikipedia-massimo", kind: "recorded extract: not read in a live build (no live endpoint)", count: 1 }] };
    assert.deepEqual(compareWithExpected(expected, live).filter((c) => c.drop), []);
    const lost = compareWithExpected(expected, { ...live, years: { ...live.years, wikipedia: {} } }).filter((c) => c.drop);
    assert.deepEqual(lost.map((c) => `${c.key} ${c.before}→${c.after}`), ["expected:wikipedia.2022 61→0", "expected:wikipedia.2022 60→0"]);
  });

  it("is the baseline of a run without a last good release, named in the refusal with both ways forward", () => {
    const dir = tempDir();
    const path = join(dir, "expected-release.json");
    writeFileSync(path, JSON.stringify({ format: EXPECTED_FORMAT, years: expected }));
    const current = { years: { merged: { "2023": { launches: 40, labelled: 40 } } } };
    assert.throws(() => enforceContracts(current, join(dir, "none.json"), acceptedDrops(undefined), path), (e: Error) => {
      assert.match(e.message, /^data contract: \d+ drops against the expected release \(\S+expected-release\.json\), checked because live builds have no last good release yet/);
      assert.match(e.message, /  expected:merged\.2023: launches in 2023 \(all sources merged\): 96 expected, 40 now/);
      assert.match(e.message, /F9_ACCEPT_DROP=expected:merged,expected:wikipedia,expected:wikipedia-massimo npm run build/);
      assert.match(e.message, /regenerate the expected release from them \(F9_SNAPSHOTS=DIR npm run expectations\) and review its diff/);
      return true;
    });
    const passed = enforceContracts(current, join(dir, "none.json"), acceptedDrops("all"), path, dir);
    assert.deepEqual(passed.baseline, { kind: "expected release", path, recordings: dir });
    assert.throws(() => enforceContracts(current, join(dir, "none.json"), acceptedDrops(undefined), path, dir), /checked because these recordings have no last good release yet/);
  });
});

describe("where the last good release is kept", () => {
  it("one for live builds, one per recording set for replays, never the same", () => {
    const [a, b] = [tempDir(), tempDir()];
    const env = { F9_LAST_GOOD: "/lg" };
    assert.equal(lastGoodPath({ mode: "live" }, env, "/project"), "/lg/manifest.live.json");
    const [pa, pb] = [lastGoodPath({ mode: "replay", snapshotDir: a }, env), lastGoodPath({ mode: "replay", snapshotDir: b }, env)];
    assert.notEqual(pa, pb);
    assert.equal(lastGoodPath({ mode: "replay", snapshotDir: join(a, ".") }, env), pa, "keyed by the resolved path");
    assert.match(pa, /^\/lg\/manifest\.replay\.f9-fault-\w+-[0-9a-f]{12}\.json$/);
  });
});

describe("values in range", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  it("names table, record and field of each impossible value, new fields included", () => {
    const records = [
      { id: "a", dateUtc: "2009-12-31T00:00:00Z", padLatitude: 28.5, payloadMassKg: 100 },
      { id: "b", dateUtc: "2027-06-01T00:00:00Z", padLatitude: 999, payloadMassKg: -1 },
      { id: "c", dateUtc: "not a date", landingLongitude: -200, padLatitude: null, payloadMassKg: 1e9 },
      { id: "d", dateUtc: "2020-01-01T00:00:00Z", padLatitude: -90, payloadMassKg: 0 }
    ];
    assert.deepEqual(rangeViolations("launches", records, (r) => String(r.id), now), [
      'launches: record a, field "dateUtc": 2009-12-31T00:00:00Z lies outside 2010-01-01 … 2027-01-02',
      'launches: record b, field "dateUtc": 2027-06-01T00:00:00Z lies outside 2010-01-01 … 2027-01-02',
      'launches: record b, field "padLatitude": 999 is not a latitude (-90 … 90)',
      'launches: record b, field "payloadMassKg": -1 kg is not a plausible mass (0 … 70000 kg)',
      'launches: record c, field "dateUtc": "not a date" is not a date',
      'launches: record c, field "landingLongitude": -200 is not a longitude (-180 … 180)',
      'launches: record c, field "payloadMassKg": 1000000000 kg is not a plausible mass (0 … 70000 kg)'
    ]);
  });
});
