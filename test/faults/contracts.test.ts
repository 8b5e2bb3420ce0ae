// The contract and range rules on small manifests and records written here.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { acceptedDrops, compareReleases, DataContractError, enforceContracts, sourceContracts } from "../../data-loaders/contracts.ts";
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
