import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  fetchSkybound,
  localToUtc,
  parseArchiveJson,
  parseMarineJson,
  openMeteoCatalog,
  parseSkyboundCsv,
  SKYBOUND_UTC_OFFSET_SECONDS,
  type HourlyWeather
} from "../../data-loaders/sources/open-meteo.ts";
import { SourceShapeError } from "../../data-loaders/validate.ts";
import { replayHttp, SNAPSHOTS } from "../support/snapshots.ts";

/** A small archive response written by hand in the API's format (timezone=GMT answers offset 0). */
function archiveBody(overrides: { offset?: number; windUnit?: string; temperature?: unknown[] } = {}) {
  return {
    latitude: 28.55,
    longitude: -80.6,
    generationtime_ms: 0.2,
    utc_offset_seconds: overrides.offset ?? 0,
    timezone: "GMT",
    timezone_abbreviation: "GMT",
    elevation: 3,
    hourly_units: {
      time: "iso8601",
      temperature_2m: "°C",
      relative_humidity_2m: "%",
      precipitation: "mm",
      wind_speed_10m: overrides.windUnit ?? "km/h",
      wind_gusts_10m: "km/h",
      wind_direction_10m: "°",
      cloud_cover: "%",
      pressure_msl: "hPa"
    },
    hourly: {
      time: ["2021-03-14T09:00", "2021-03-14T10:00"],
      temperature_2m: overrides.temperature ?? [18.4, 19.1],
      relative_humidity_2m: [88, 85],
      precipitation: [0.0, 0.2],
      wind_speed_10m: [12.3, 14.0],
      wind_gusts_10m: [25.2, null],
      wind_direction_10m: [40, 45],
      cloud_cover: [75, 100],
      pressure_msl: [1016.2, 1016.5]
    }
  };
}

describe("Open-Meteo archive API responses", () => {
  it("reads the hourly arrays into UTC hours, keeping nulls as missing", () => {
    const point = parseArchiveJson(archiveBody(), "test");
    assert.deepEqual([point.latitude, point.longitude], [28.55, -80.6]);
    assert.equal(point.hours.length, 2);
    assert.deepEqual(point.hours[1], {
      hourUtc: "2021-03-14T10:00:00.000Z",
      temperatureC: 19.1,
      relativeHumidityPct: 85,
      precipitationMm: 0.2,
      windSpeedKmh: 14,
      windGustsKmh: null,
      windDirectionDeg: 45,
      cloudCoverPct: 100,
      pressureMslHpa: 1016.5
    } satisfies HourlyWeather);
  });

  it("applies utc_offset_seconds when the series is in local time", () => {
    const point = parseArchiveJson(archiveBody({ offset: -14400 }), "test");
    assert.equal(point.hours[0]!.hourUtc, "2021-03-14T13:00:00.000Z");
  });

  it("refuses a unit it did not ask for, and a value that is not a number", () => {
    assert.throws(() => parseArchiveJson(archiveBody({ windUnit: "m/s" }), "req"), /field "wind_speed_10m": expected unit "km\/h", got "m\/s"/);
    assert.throws(
      () => parseArchiveJson(archiveBody({ temperature: [18.4, "warm"] }), "req"),
      (e: Error) => e instanceof SourceShapeError && /open-meteo-archive: record req.hourly, field "temperature_2m\[1\]"/.test(e.message)
    );
    assert.throws(() => parseArchiveJson(archiveBody({ temperature: [18.4] }), "req"), /has 1 values for 2 times/);
  });
});

describe("Open-Meteo archive daily values (one request per pad asks hourly and daily)", () => {
  const withDaily = (overrides: { offset?: number; gustUnit?: string; gusts?: unknown[]; precipitation?: unknown[] } = {}) => ({
    ...archiveBody({ offset: overrides.offset }),
    daily_units: { time: "iso8601", temperature_2m_max: "°C", temperature_2m_min: "°C", precipitation_sum: "mm", wind_speed_10m_max: "km/h", wind_gusts_10m_max: overrides.gustUnit ?? "km/h", cloud_cover_mean: "%" },
    daily: {
      time: ["2021-03-14", "2021-03-15"],
      temperature_2m_max: [24.1, 25.0],
      temperature_2m_min: [15.2, 16.0],
      precipitation_sum: overrides.precipitation ?? [0.4, 0],
      wind_speed_10m_max: [22.3, 18.0],
      wind_gusts_10m_max: overrides.gusts ?? [41.4, null],
      cloud_cover_mean: [60, 12]
    }
  });

  it("reads each UTC day's aggregates, keeping nulls as missing; an hourly-only answer has no days", () => {
    const point = parseArchiveJson(withDaily(), "test");
    assert.deepEqual(point.days, [
      { dateUtc: "2021-03-14", temperatureMaxC: 24.1, temperatureMinC: 15.2, precipitationSumMm: 0.4, windSpeedMaxKmh: 22.3, windGustsMaxKmh: 41.4, cloudCoverMeanPct: 60 },
      { dateUtc: "2021-03-15", temperatureMaxC: 25, temperatureMinC: 16, precipitationSumMm: 0, windSpeedMaxKmh: 18, windGustsMaxKmh: null, cloudCoverMeanPct: 12 }
    ]);
    assert.deepEqual(parseArchiveJson(archiveBody(), "test").days, []);
  });

  it("refuses local days, a unit it did not ask for, and a value outside its physical range", () => {
    assert.throws(() => parseArchiveJson(withDaily({ offset: -14400 }), "req"), /record req, field "utc_offset_seconds": daily values must be asked in GMT/);
    assert.throws(() => parseArchiveJson(withDaily({ gustUnit: "m/s" }), "req"), /field "wind_gusts_10m_max": expected unit "km\/h", got "m\/s"/);
    assert.throws(
      () => parseArchiveJson(withDaily({ gusts: [41.4, 420] }), "req"),
      (e: Error) => e instanceof SourceShapeError && e.message.startsWith('open-meteo-archive: record req.daily (2021-03-15), field "wind_gusts_10m_max": 420 km/h is outside the physical range 0…360 km/h')
    );
    assert.throws(() => parseArchiveJson(withDaily({ precipitation: [-1, 0] }), "req"), /record req\.daily \(2021-03-14\), field "precipitation_sum": -1 mm is outside the physical range/);
  });
});

describe("Open-Meteo marine API responses", () => {
  const body = (unit: string) => ({
    latitude: 28.875,
    longitude: -78.5,
    utc_offset_seconds: 0,
    hourly_units: { time: "iso8601", wave_height: unit, wave_peak_period: "s" },
    hourly: { time: ["2023-05-01T12:00"], wave_height: [1.4], wave_peak_period: [9.2] }
  });
  it("reads wave height and peak period, and refuses feet", () => {
    assert.deepEqual(parseMarineJson(body("m"), "m").hours, [{ hourUtc: "2023-05-01T12:00:00.000Z", waveHeightM: 1.4, wavePeakPeriodS: 9.2 }]);
    assert.throws(() => parseMarineJson(body("ft"), "req"), /open-meteo-marine: record req.hourly_units, field "wave_height": expected unit "m", got "ft"/);
  });
});

describe("SkyBound's recorded Open-Meteo extract", async () => {
  const point = await fetchSkybound(replayHttp());
  const raw = readFileSync(join(SNAPSHOTS, "weather/open-meteo/cape-canaveral_28.3922_-80.6077_hourly_on_launch_dates_1957-2020.csv"), "utf8");

  it("is catalogued under the GitHub URL of the file at the commit the snapshot manifest names", () => {
    const manifest = JSON.parse(readFileSync(join(SNAPSHOTS, "manifest.json"), "utf8")) as { files: { file: string; repo: string; path: string; commit: string }[] };
    const entry = openMeteoCatalog[0]!;
    const f = manifest.files.find((m) => m.file === entry.file)!;
    assert.equal(entry.request.url, `https://raw.githubusercontent.com/${f.repo}/${f.commit}/${f.path}`);
  });

  it("keeps each hour once: 15,768 rows are 15,648 distinct hours (5 dates carry two launches)", () => {
    assert.equal(raw.trim().split("\n").length - 1, 15_768);
    assert.equal(point.hours.length, 15_648);
    assert.equal(new Set(point.hours.map((h) => h.hourUtc)).size, 15_648);
    assert.deepEqual([point.hours[0]!.hourUtc, point.hours.at(-1)!.hourUtc], ["1957-12-06T04:00:00.000Z", "2020-07-31T03:00:00.000Z"]);
  });

  it("has the 24 local hours of each of its 652 launch dates", () => {
    const byDate = new Map<string, Set<string>>();
    for (const line of raw.trim().split("\n").slice(1)) {
      const time = /,(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}),/.exec(line)![1]!;
      byDate.set(time.slice(0, 10), (byDate.get(time.slice(0, 10)) ?? new Set()).add(time));
    }
    assert.equal(byDate.size, 652);
    assert.ok([...byDate.values()].every((hours) => hours.size === 24));
  });

  it("puts the semidiurnal pressure tide at its known phase (~09:45 local solar time) only under UTC-4", () => {
    // Mean pressure anomaly by UTC hour, then the phase of its 12-hour harmonic.
    const byDay = new Map<string, HourlyWeather[]>();
    for (const h of point.hours) {
      const day = new Date(Date.parse(h.hourUtc) + SKYBOUND_UTC_OFFSET_SECONDS * 1000).toISOString().slice(0, 10);
      byDay.set(day, [...(byDay.get(day) ?? []), h]);
    }
    const phase = (months: number[]) => {
      const sums = new Array(24).fill(0);
      const counts = new Array(24).fill(0);
      for (const [day, hours] of byDay) {
        if (hours.length !== 24 || !months.includes(Number(day.slice(5, 7)))) continue;
        const mean = hours.reduce((a, h) => a + h.pressureMslHpa!, 0) / 24;
        for (const h of hours) {
          const utcHour = new Date(h.hourUtc).getUTCHours();
          sums[utcHour] += h.pressureMslHpa! - mean;
          counts[utcHour]++;
        }
      }
      let a = 0;
      let b = 0;
      for (let hour = 0; hour < 24; hour++) {
        const w = (2 * Math.PI * 2 * hour) / 24;
        a += (sums[hour] / counts[hour]) * Math.cos(w);
        b += (sums[hour] / counts[hour]) * Math.sin(w);
      }
      const peakUtc = (((Math.atan2(b, a) / (2 * Math.PI)) * 12) + 12) % 12;
      // Local solar time at 80.6077° W is UTC − 5.37 h.
      return (peakUtc - 80.6077 / 15 + 24) % 12;
    };
    const winter = phase([12, 1, 2]);
    const summer = phase([6, 7, 8]);
    assert.ok(winter > 9.2 && winter < 10.5, `winter peak at ${winter.toFixed(2)} h local solar time`);
    assert.ok(summer > 9.2 && summer < 10.5, `summer peak at ${summer.toFixed(2)} h local solar time`);
    // Wall-clock DST would shift the summer series by an hour against the winter one.
    assert.ok(Math.abs(summer - winter) < 0.5);
  });

  it("names the line of a truncated row, an unclosed quote, a bad number and a contradicting repeat", () => {
    const header = "date,launch_location,Status Mission,launch_status,time,temperature_2m,relative_humidity_2m,precipitation,windspeed_10m,windgusts_10m,winddirection_10m,cloudcover,pressure_msl";
    const row = (time: string, t = "24.9") => `2020-07-30,"SLC-41, Cape Canaveral AFS, Florida, USA",Success,1,${time},${t},94,0.0,4.0,7.2,360,93,1019.9`;
    assert.equal(parseSkyboundCsv([header, row("2020-07-30T00:00")].join("\n")).hours[0]!.hourUtc, "2020-07-30T04:00:00.000Z");
    assert.throws(
      () => parseSkyboundCsv([header, row("2020-07-30T00:00"), "2020-07-30,\"SLC-41, Cape Canaveral AFS, Florida, USA\",Success,1,2020-07-30T01:00,25.1"].join("\n")),
      /open-meteo-skybound: record line 3, field "\(row\)": has 6 fields, the header has 13; the file may be truncated/
    );
    assert.throws(() => parseSkyboundCsv([header, '2020-07-30,"SLC-41, Cape'].join("\n")), /record line 2, .*quoted field is never closed/);
    assert.throws(() => parseSkyboundCsv([header, row("2020-07-30T00:00", "n/a")].join("\n")), /record line 2, field "temperature_2m": expected a number, got "n\/a"/);
    assert.throws(() => parseSkyboundCsv([header, row("2020-07-30T00:00"), row("2020-07-30T00:00", "30.0")].join("\n")), /line 3, field "time": hour 2020-07-30T04:00:00.000Z repeats line 2 with different values/);
    assert.throws(() => parseSkyboundCsv([header, row("30/07/2020 00:00")].join("\n")), /field "time": expected a time like/);
  });

  it("converts local time at a fixed offset, across midnight and month ends", () => {
    assert.equal(localToUtc("2020-07-31T23:00", -4 * 3600, "s", "r", "f"), "2020-08-01T03:00:00.000Z");
    assert.equal(localToUtc("2020-01-01T00:00", 3600, "s", "r", "f"), "2019-12-31T23:00:00.000Z");
  });
});
