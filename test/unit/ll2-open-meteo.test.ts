// The recorded launch-weather dataset (PROVENANCE §10): LL2's published forecasts and Open-Meteo's
// daily values at the pad, 469 Falcon 9 launches 2016-03 → 2026-07.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Problems } from "../../data-loaders/problems.ts";
import { fetchLl2, launchesFromLl2 } from "../../data-loaders/sources/launch-library-2.ts";
import { catalogLl2OpenMeteo, FILE_LL2_OPEN_METEO, fetchLl2OpenMeteo, parseLl2OpenMeteo, recordedArchiveRequests } from "../../data-loaders/sources/ll2-open-meteo.ts";
import { SourceShapeError } from "../../data-loaders/validate.ts";
import { replayHttp, SNAPSHOTS } from "../support/snapshots.ts";

function count<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items.map(key).sort()) counts[item] = (counts[item] ?? 0) + 1;
  return counts;
}

describe("launch_weather_dataset.csv", async () => {
  const problems = new Problems(() => {});
  const data = await fetchLl2OpenMeteo(replayHttp(), problems);
  const raw = readFileSync(join(SNAPSHOTS, FILE_LL2_OPEN_METEO), "utf8");

  it("is catalogued under the GitHub URL of the file at the commit the snapshot manifest names", () => {
    const manifest = JSON.parse(readFileSync(join(SNAPSHOTS, "manifest.json"), "utf8")) as { files: { file: string; repo: string; path: string; commit: string }[] };
    const f = manifest.files.find((m) => m.file === FILE_LL2_OPEN_METEO)!;
    assert.equal(catalogLl2OpenMeteo[0]!.request.url, `https://raw.githubusercontent.com/${f.repo}/${f.commit}/${f.path}`);
  });

  it("reads its 469 launches: per pad and per year as PROVENANCE §10 counts them", () => {
    assert.equal(data.rows.length, 469);
    assert.deepEqual(count(data.rows, (r) => r.padName), { "Launch Complex 39A": 120, "Space Launch Complex 40": 314, "Space Launch Complex 4E": 35 });
    assert.deepEqual(count(data.rows, (r) => r.day.dateUtc.slice(0, 4)), {
      "2016": 7, "2017": 17, "2018": 18, "2019": 12, "2020": 25, "2021": 29, "2022": 54, "2023": 72, "2024": 92, "2025": 100, "2026": 43
    });
    assert.equal(data.rows.at(-1)!.day.dateUtc, "2016-03-04");
    assert.equal(data.rows[0]!.day.dateUtc, "2026-07-30");
    assert.deepEqual(problems.list(), []);
  });

  it("keeps the forecast as LL2 published it, with concerns tidied and 'None' read as none", () => {
    const first = data.rows[0]!;
    assert.deepEqual([first.ll2Id, first.mission, first.probabilityPct, first.concerns], ["24675e3d-2458-48a3-8c70-5196e44d4dc3", "NROL-95", 70, "Anvil Cloud Rules, Thick Cloud Layers Rule, Cumulus Cloud Rule"]);
    assert.deepEqual(first.day, { dateUtc: "2026-07-30", temperatureMaxC: 30.1, temperatureMinC: 23.9, precipitationSumMm: 30.8, windSpeedMaxKmh: 22.4, windGustsMaxKmh: 42.1, cloudCoverMeanPct: 92 });
    // 230 rows are empty and 9 say "None" (PROVENANCE §10).
    assert.equal(data.rows.filter((r) => r.concerns === null).length, 239);
    assert.ok(data.rows.every((r) => r.concerns === null || r.concerns === r.concerns.trim()));
    assert.equal(data.rows.filter((r) => r.probabilityPct >= 50).length, 445, "label_go's 445 GO rows (its PROVENANCE.upstream.md)");
  });

  it("agrees with the LL2 records the history reads wherever both have the launch", async () => {
    const ll2 = launchesFromLl2(await fetchLl2(replayHttp(), new Problems(() => {}), () => {}));
    const byId = new Map(data.rows.map((r) => [r.ll2Id, r]));
    const both = ll2.filter((l) => byId.has(l.ll2Id!));
    assert.equal(both.length, 151);
    for (const l of both) assert.equal(l.weatherForecast?.probabilityPct, byId.get(l.ll2Id!)!.probabilityPct, l.ll2Id!);
  });

  it("rebuilds the recorded archive requests: one per pad over its whole date range, daily, in UTC", () => {
    const requests = recordedArchiveRequests(data);
    assert.deepEqual(requests.map((r) => [r.padName, r.launches]), [["Space Launch Complex 40", 314], ["Space Launch Complex 4E", 35], ["Launch Complex 39A", 120]]);
    const slc40 = new URL(requests[0]!.request.url);
    assert.deepEqual(Object.fromEntries(slc40.searchParams), {
      latitude: "28.56194122",
      longitude: "-80.57735736",
      start_date: "2016-03-04",
      end_date: "2026-07-30",
      daily: "temperature_2m_max,temperature_2m_min,precipitation_sum,windspeed_10m_max,windgusts_10m_max,cloudcover_mean",
      timezone: "UTC"
    });
  });

  it("stops on a value outside its physical range, naming source, file, row and column", () => {
    const [header, second, ...rest] = raw.split("\n");
    const damaged = (row: string) => [header, second, row, ...rest].join("\n");
    const third = rest[0]!;
    const cells = third.split(",");
    const at = (name: string) => header!.split(",").indexOf(name) - header!.split(",").length;
    const replace = (name: string, value: string) => {
      const c = [...cells];
      c[c.length + at(name)] = value;
      return c.join(",");
    };
    assert.throws(
      () => parseLl2OpenMeteo(damaged(replace("precipitation_mm", "-2.0"))),
      (e: Error) => e instanceof SourceShapeError && e.message === `ll2-open-meteo: record ${FILE_LL2_OPEN_METEO}, row 3, field "precipitation_mm": -2 mm is outside the physical range 0…1000 mm; the source is damaged or changed its units: check it before rebuilding`
    );
    assert.throws(() => parseLl2OpenMeteo(damaged(replace("windgusts_max_kmh", "400"))), /row 3, field "windgusts_max_kmh": 400 km\/h is outside the physical range 0…360 km\/h/);
    assert.throws(() => parseLl2OpenMeteo(damaged(replace("temp_max_c", "55"))), /row 3, field "temp_max_c": 55 °C is outside the physical range -30…50 °C/);
    assert.throws(() => parseLl2OpenMeteo(damaged(replace("published_probability_pct", "120"))), /row 3, field "published_probability_pct": expected a whole percentage 0–100/);
  });
});
