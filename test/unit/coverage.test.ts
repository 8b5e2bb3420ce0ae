import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { yearCoverage } from "../../src/components/coverage.ts";

const launch = (date: string, date_source: string, site: string, sources = date_source) => ({ date_utc: new Date(date), date_source, site, sources });

describe("yearCoverage", () => {
  it("marks a year with a hole or a cut-off end as partial, and says which dates are covered", () => {
    const rows = [
      launch("2024-01-05", "a", "X"),
      launch("2024-03-01", "a", "Y"),
      // a gap of more than 30 days no source covers
      launch("2024-06-01", "b", "X"),
      launch("2024-12-30", "b", "X"),
      launch("2025-02-01", "b", "Y", "b"),
      // source c alone goes on, for site X only: site Y's sources ended with its last launch
      launch("2025-02-20", "c", "X", "c"),
      launch("2025-03-20", "c", "X", "c")
    ];
    const years = yearCoverage(rows);
    assert.deepEqual(years.map((y) => [y.year, y.partial]), [[2024, true], [2025, true]]);
    assert.equal(years[0]!.note, "2024-01-05 → 2024-03-01, 2024-06-01 → 2024-12-31");
    assert.equal(years[1]!.note, "2025-01-01 → 2025-03-20; Y only to 2025-02-01, where its sources end");
  });

  it("leaves a whole year whole", () => {
    const rows = Array.from({ length: 60 }, (_, i) => launch(new Date(Date.UTC(2023, 0, 1 + i * 7)).toISOString(), "a", "X"));
    const years = yearCoverage(rows);
    assert.equal(years.find((y) => y.year === 2023)!.partial, false);
  });
});
