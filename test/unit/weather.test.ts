import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { parquetReadObjects } from "hyparquet";
import { Http } from "../../data-loaders/http.ts";
import { loadLaunches } from "../../data-loaders/launch-history.ts";
import { skyboundRequest } from "../../data-loaders/sources/open-meteo.ts";
import { FALCON_9_ID, FALCON_HEAVY_ID, fetchSpacex } from "../../data-loaders/sources/spacex-api.ts";
import { toParquet } from "../../data-loaders/tables.ts";
import { coverageMarkdown, distanceKm, launchHour, MAX_GRID_DISTANCE_KM, RECORDED_COVERAGE, weatherCoverage, weatherRows, weatherTable, type WeatherLaunch } from "../../data-loaders/weather.ts";
import { replayHttp } from "../support/snapshots.ts";

const SLC40 = { lat: 28.5618571, lon: -80.577366 };
const LC39A = { lat: 28.6080585, lon: -80.6039558 };

describe("weather table from the recorded sources", async () => {
  const http = replayHttp();
  // The counts below are facts about the SpaceX API's launch record (PROVENANCE.md), so the launches
  // come straight from it rather than from the merged history, whose dates may come from LL2.
  const spacex = await fetchSpacex(http);
  const pads = new Map(spacex.launchpads.map((p) => [p.id, p]));
  const launches: WeatherLaunch[] = spacex.launches
    .filter((l) => !l.upcoming && (l.rocketId === FALCON_9_ID || l.rocketId === FALCON_HEAVY_ID))
    .map((l) => {
      const pad = pads.get(l.launchpadId!)!;
      return { launchId: `spacex:${l.id}`, dateUtc: l.dateUtc, padName: pad.name, padLatitude: pad.latitude, padLongitude: pad.longitude };
    });
  const gaps: string[] = [];
  const rows = await weatherRows(http, launches, { log: () => {}, problems: { count: (source, kind, example) => gaps.push(`${source} ${kind} ${example}`) } });
  const launchById = new Map(launches.map((l) => [l.launchId, l]));

  it("joins SkyBound's Open-Meteo hours to 47 of the 56 SLC-40 launches through July 2020", () => {
    const slc40 = launches.filter((l) => l.padName === "CCSFS SLC 40" && l.dateUtc < "2020-08-01");
    assert.equal(slc40.length, 56);
    const atmosphere = rows.filter((r) => r.source !== null);
    assert.equal(atmosphere.length, 47);
    assert.ok(atmosphere.every((r) => r.source === "open-meteo-skybound" && launchById.get(r.launchId)!.padName === "CCSFS SLC 40"));
    // The file holds 55 of those launch dates (CRS-6 is missing), but only the UTC hours 04:00 → 03:00
    // of each: the 8 launches between 00:00 and 03:59 UTC fall before their date's first hour.
    const missed = slc40.filter((l) => !atmosphere.some((r) => r.launchId === l.launchId));
    assert.equal(missed.length, 9);
    assert.equal(missed.filter((l) => new Date(l.dateUtc).getUTCHours() < 4).length, 8);
  });

  it("joins the hour nearest lift-off and says how far the point is from the pad", () => {
    for (const r of rows.filter((r) => r.source)) {
      const launch = launchById.get(r.launchId)!;
      assert.equal(r.observedAt, launchHour(launch.dateUtc));
      assert.ok(Math.abs(Date.parse(r.observedAt!) - Date.parse(launch.dateUtc)) <= 30 * 60_000);
      assert.ok(r.distanceKm! <= MAX_GRID_DISTANCE_KM);
    }
    assert.equal(rows.find((r) => r.source)!.distanceKm, 19.1);
    assert.equal(Math.round(distanceKm(SLC40.lat, SLC40.lon, 28.3922, -80.6077)), 19);
    assert.equal(Math.round(distanceKm(LC39A.lat, LC39A.lon, 28.3922, -80.6077)), 24);
    // The first Falcon 9, 2010-06-04 18:45 UTC, is 14:45 in the file's UTC-4 and joins 19:00 UTC.
    const first = rows.find((r) => r.launchDateUtc.startsWith("2010-06-04"))!;
    assert.deepEqual([first.observedAt, first.temperatureC, first.windSpeedKmh, first.pressureMslHpa], ["2010-06-04T19:00:00.000Z", 28.7, 7.5, 1014.5]);
  });

  it("gives sea state to 16 of the 18 Florida launches in Q1 2021 and Q1 2022, none to Vandenberg", () => {
    const quarters = launches.filter((l) => /^(2021|2022)-0[1-3]/.test(l.dateUtc));
    const florida = quarters.filter((l) => l.padName !== "VAFB SLC 4E");
    assert.equal(florida.length, 18);
    assert.equal(new Set(florida.map((l) => l.dateUtc.slice(0, 10))).size, 18);
    const sea = rows.filter((r) => r.waveSource !== null);
    assert.equal(sea.length, 16);
    assert.ok(sea.every((r) => florida.some((l) => l.launchId === r.launchId)));
    // Both buoys have no rows from 2021-03-10 to 03-14: Starlink-20 and Starlink-21 stay without.
    const without = florida.filter((l) => !sea.some((r) => r.launchId === l.launchId)).map((l) => l.dateUtc.slice(0, 10));
    assert.deepEqual(without, ["2021-03-11", "2021-03-14"]);
    for (const r of sea) {
      assert.equal(r.waveSource, "ndbc-41010");
      assert.ok(Math.abs(Date.parse(r.waveObservedAt!) - Date.parse(r.launchDateUtc)) <= 3_600_000);
      assert.ok(r.waveDistanceKm! > 190 && r.waveDistanceKm! < 220);
      assert.ok(r.waveHeightM! > 0 && r.waveHeightM! < 6);
      assert.equal(r.source, null); // Open-Meteo's recorded extract ends in July 2020
    }
  });

  it("writes no row without weather and counts what the replay lacks", () => {
    assert.equal(rows.length, 47 + 16);
    assert.ok(rows.every((r) => r.source !== null || r.waveSource !== null));
    assert.ok(gaps.some((g) => g.startsWith("open-meteo-archive not recorded https://archive-api.open-meteo.com/v1/archive?")));
    assert.ok(gaps.some((g) => g === "ndbc-41010 yearly file not recorded 2020"));
  });

  it("summarises coverage per year and pad", () => {
    const coverage = weatherCoverage(launches, rows);
    assert.equal(coverage.reduce((a, c) => a + c.launches, 0), launches.length);
    assert.equal(coverage.reduce((a, c) => a + c.launches - c.withoutWeather, 0), rows.length);
    const c2021 = coverage.find((c) => c.year === 2021 && c.pad === "CCSFS SLC 40")!;
    assert.equal(c2021.withSeaState, 5);
  });

  it("writes Parquet that reads back with the declared columns", async () => {
    const bytes = toParquet(weatherTable, rows);
    const back = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
    assert.equal(back.length, rows.length);
    assert.deepEqual(Object.keys(back[0]!), weatherTable.columns.map((c) => c.name));
    assert.deepEqual(toParquet(weatherTable, [...rows].reverse()), bytes);
  });
});

describe("weather for the merged launch history (what the loader builds)", async () => {
  const http = replayHttp();
  const launches = await loadLaunches(http);
  const rows = await weatherRows(http, launches, { log: () => {} });

  it("has a row only for listed launches, each with a source and a time near lift-off", () => {
    const byId = new Map(launches.map((l) => [l.launchId, l]));
    assert.equal(new Set(rows.map((r) => r.launchId)).size, rows.length);
    for (const r of rows) {
      const launch = byId.get(r.launchId)!;
      assert.ok(launch, r.launchId);
      assert.ok(r.source || r.waveSource);
      if (r.observedAt) assert.ok(Math.abs(Date.parse(r.observedAt) - Date.parse(launch.dateUtc)) <= 30 * 60_000);
    }
    // SkyBound covers only Cape Canaveral launch dates to July 2020; the buoys only Q1 2021 and Q1 2022.
    assert.ok(rows.filter((r) => r.source).every((r) => r.launchDateUtc < "2020-08-01"));
    assert.ok(rows.filter((r) => r.waveSource).every((r) => /^(2021|2022)-0[1-3]/.test(r.launchDateUtc)));
    assert.ok(rows.length >= 55 && rows.length <= 70, `${rows.length} rows`);
  });
});

describe("weather from the live archive API", () => {
  const dir = mkdtempSync(join(tmpdir(), "f9-weather-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("asks the archive for each pad and date in GMT, prefers it to the recorded extract, and falls back from unpublished buoy years to the marine model", async () => {
    const asked: string[] = [];
    const fakeFetch = async (input: string | URL | Request) => {
      const url = String(input);
      asked.push(url);
      if (url.startsWith("https://archive-api.open-meteo.com/")) {
        const q = new URL(url).searchParams;
        const date = q.get("start_date")!;
        const hours = Array.from({ length: 24 }, (_, h) => `${date}T${String(h).padStart(2, "0")}:00`);
        const series = (v: number) => hours.map(() => v);
        return Response.json({
          latitude: Number(q.get("latitude")) + 0.01,
          longitude: Number(q.get("longitude")),
          utc_offset_seconds: 0,
          hourly_units: { time: "iso8601", temperature_2m: "°C", relative_humidity_2m: "%", precipitation: "mm", wind_speed_10m: "km/h", wind_gusts_10m: "km/h", wind_direction_10m: "°", cloud_cover: "%", pressure_msl: "hPa" },
          hourly: { time: hours, temperature_2m: series(21), relative_humidity_2m: series(70), precipitation: series(0), wind_speed_10m: series(30), wind_gusts_10m: series(45), wind_direction_10m: series(90), cloud_cover: series(10), pressure_msl: series(1015) }
        });
      }
      if (url.startsWith("https://marine-api.open-meteo.com/")) {
        const q = new URL(url).searchParams;
        const date = q.get("start_date")!;
        // The marine models answer 400 for a date they do not cover.
        if (date === "2020-01-08") return Response.json({ error: true, reason: "Parameter 'start_date' is out of allowed range" }, { status: 400 });
        const hours = Array.from({ length: 24 }, (_, h) => `${date}T${String(h).padStart(2, "0")}:00`);
        return Response.json({
          latitude: 28.875,
          longitude: -78.5,
          utc_offset_seconds: 0,
          hourly_units: { time: "iso8601", wave_height: "m", wave_peak_period: "s" },
          hourly: { time: hours, wave_height: hours.map(() => 1.25), wave_peak_period: hours.map(() => null) }
        });
      }
      if (url === skyboundRequest.url) return new Response("date,time,temperature_2m,relative_humidity_2m,precipitation,windspeed_10m,windgusts_10m,winddirection_10m,cloudcover,pressure_msl\n2020-01-07,2020-01-07T10:00,1,1,1,1,1,1,1,1\n");
      return new Response("not found", { status: 404 });
    };
    const http = new Http({ mode: "live", recordDir: dir, fetch: fakeFetch as typeof fetch, log: () => {}, sleep: async () => {} });
    const launches: WeatherLaunch[] = [
      { launchId: "a", dateUtc: "2020-01-07T14:19:00.000Z", padName: "CCSFS SLC 40", padLatitude: SLC40.lat, padLongitude: SLC40.lon },
      { launchId: "b", dateUtc: "2020-01-07T23:40:00.000Z", padName: "KSC LC 39A", padLatitude: LC39A.lat, padLongitude: LC39A.lon },
      { launchId: "c", dateUtc: "2020-01-09T10:00:00.000Z", datePrecision: "day", padName: "KSC LC 39A", padLatitude: LC39A.lat, padLongitude: LC39A.lon }
    ];
    const rows = await weatherRows(http, launches, { log: () => {} });
    const archiveUrls = asked.filter((u) => u.startsWith("https://archive-api"));
    assert.equal(archiveUrls.length, 2);
    // 23:40 rounds to 00:00 the next day, so launch b asks for 2020-01-08.
    assert.deepEqual(archiveUrls.map((u) => new URL(u).searchParams.get("start_date")), ["2020-01-07", "2020-01-08"]);
    assert.ok(archiveUrls.every((u) => new URL(u).searchParams.get("timezone") === "GMT"));
    assert.ok(asked.some((u) => u.includes("filename=41010h2020.txt.gz")));
    assert.deepEqual(rows.map((r) => [r.launchId, r.source, r.observedAt, r.windSpeedKmh, r.distanceKm! < 2]), [
      ["a", "open-meteo-archive", "2020-01-07T14:00:00.000Z", 30, true],
      ["b", "open-meteo-archive", "2020-01-08T00:00:00.000Z", 30, true]
    ]);
    // No buoy file for 2020: the marine model at 41010 fills in, where it covers the date.
    assert.deepEqual(rows.map((r) => [r.waveSource, r.waveHeightM, r.dominantWavePeriodS, r.waveObservedAt]), [
      ["open-meteo-marine", 1.25, null, "2020-01-07T14:00:00.000Z"],
      [null, null, null, null]
    ]);
    assert.ok(rows[0]!.waveDistanceKm! > 190 && rows[0]!.waveDistanceKm! < 220);
  });
});

describe("the weather coverage quoted in docs/data.md", () => {
  it("is the recorded build's", async () => {
    const http = replayHttp();
    const launches = await loadLaunches(http);
    const rows = await weatherRows(http, launches, { log: () => {} });
    const table = coverageMarkdown(weatherCoverage(launches, rows));
    assert.equal(RECORDED_COVERAGE, table, `Update RECORDED_COVERAGE in data-loaders/weather.ts to:\n${table}\nand regenerate docs/data.md.`);
  });
});
