import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fetchStdmet, parseStdmet, RECORDED_STDMET } from "../../data-loaders/sources/ndbc.ts";
import { SourceShapeError } from "../../data-loaders/validate.ts";
import { replayHttp } from "../support/snapshots.ts";

const HEADER = "#YY  MM DD hh mm WDIR WSPD GST  WVHT   DPD   APD MWD   PRES  ATMP  WTMP  DEWP  VIS  TIDE";
const UNITS = "#yr  mo dy hr mn degT m/s  m/s     m   sec   sec degT   hPa  degC  degC  degC   mi    ft";

describe("NDBC stdmet files", () => {
  it("turns each column's missing-value marker (99, 999, 9999, MM) into null, and keeps real values", () => {
    const text = [
      HEADER,
      UNITS,
      "2021 03 04 08 30 999 99.0 99.0 99.00 99.00 99.00 999 9999.0 999.0  23.1 999.0 99.0 99.00",
      "2021 03 04 08 40  99  9.5 11.3  1.48  8.33  5.10  75 1019.2  23.8  22.6  21.3 99.0 99.00",
      "2021 03 04 08 50 MM MM MM MM MM MM MM MM MM MM MM MM MM"
    ].join("\n");
    const [missing, real, mm] = parseStdmet(text, "ndbc-test");
    assert.deepEqual(missing, {
      timeMs: Date.UTC(2021, 2, 4, 8, 30),
      windDirectionDeg: null,
      windSpeedMs: null,
      windGustMs: null,
      waveHeightM: null,
      dominantPeriodS: null,
      pressureHpa: null,
      airTemperatureC: null,
      waterTemperatureC: 23.1
    });
    // 99° is a real wind direction: only 999 means missing there.
    assert.equal(real!.windDirectionDeg, 99);
    assert.equal(real!.waveHeightM, 1.48);
    assert.equal(real!.dominantPeriodS, 8.33);
    assert.equal(real!.pressureHpa, 1019.2);
    assert.equal(mm!.waveHeightM, null);
  });

  it("reads a file whose units line was removed, as the recorded copies are", () => {
    const rows = parseStdmet([HEADER, "2021 1 01 00 00 133 9.5 11.3 99.00 99.00 99.00 999 1019.2 23.8 22.6 21.3 99.0 99.00"].join("\n"), "ndbc-test");
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.windSpeedMs, 9.5);
  });

  it("names the line and field of a truncated row, a non-number and a bad header", () => {
    assert.throws(
      () => parseStdmet([HEADER, "2021 03 04 08 40  99  9.5 11.3  1.48"].join("\n"), "ndbc-41009"),
      (e: Error) => e instanceof SourceShapeError && /ndbc-41009: record stdmet file, line 2, field "\(row\)": has 9 fields, the header has 18/.test(e.message)
    );
    assert.throws(
      () => parseStdmet([HEADER, "2021 03 04 08 40  99  9.5 11.3  1,48  8.33  5.10  75 1019.2  23.8  22.6  21.3 99.0 99.00"].join("\n"), "ndbc-41009"),
      /record stdmet file, line 2, field "WVHT": expected a number, got "1,48"/
    );
    assert.throws(() => parseStdmet("<html>Not Found</html>", "ndbc-41009"), /line 1, field "\(header\)"/);
  });

  it("reads the four recorded files in full (row counts from PROVENANCE.md), Q1 only, in UTC order", async () => {
    const http = replayHttp();
    const counts: Record<string, number> = { "41009h2021": 11_993, "41009h2022": 12_948, "41010h2021": 11_992, "41010h2022": 12_949 };
    for (const [name, count] of Object.entries(counts)) {
      const rows = await fetchStdmet(http, name.slice(0, 5), Number(name.slice(6)));
      assert.equal(rows.length, count, name);
      const year = Number(name.slice(6));
      assert.equal(rows[0]!.timeMs, Date.UTC(year, 0, 1, 0, 0));
      assert.ok(rows.at(-1)!.timeMs < Date.UTC(year, 3, 1));
      // Wave heights off the Cape in winter: present for most hours, never a marker leaking through.
      const waves = rows.map((r) => r.waveHeightM).filter((v) => v !== null);
      assert.ok(waves.length > 1000 && waves.every((v) => v > 0 && v < 15), name);
    }
    assert.match(http.responses[0]!.url, /^https:\/\/www\.ndbc\.noaa\.gov\/view_text_file\.php\?filename=41009h2021\.txt\.gz&dir=data%2Fhistorical%2Fstdmet%2F$/);
  });

  it("stops on a value outside its physical range, naming source, file, line and column", () => {
    const row = (wspd: string, atmp: string) => `2010 03 04 08 40  99 ${wspd} 11.3  1.48  8.33  5.10  75 1019.2  ${atmp}  22.6  21.3 99.0 99.00`;
    assert.throws(
      () => parseStdmet([HEADER, UNITS, row("9.5", "23.8"), row("120.0", "23.8")].join("\n"), "ndbc-41009", "41009h2010.txt"),
      (e: Error) => e instanceof SourceShapeError && /^ndbc-41009: record 41009h2010\.txt, line 4, field "WSPD": 120\.0 is outside the physical range 0…100/.test(e.message)
    );
    assert.throws(() => parseStdmet([HEADER, row("9.5", "-41.0")].join("\n"), "ndbc-41113", "41113h2012.txt"), /41113h2012\.txt, line 2, field "ATMP": -41\.0 is outside the physical range -30…50/);
  });
});

describe("the recorded yearly files of 41009 (2010–2017) and 41113 (2010–2020), NOAA's originals with the units line", async () => {
  const http = replayHttp();
  const files = await Promise.all(
    Object.entries(RECORDED_STDMET)
      .filter(([id]) => id !== "41010")
      .flatMap(([id, years]) => years.filter((y) => y < 2021).map(async (year) => ({ id, year, rows: await fetchStdmet(http, id, year) })))
  );

  it("reads every one, each row in time order and in its year (a file may open with the last minutes of the year before)", () => {
    assert.deepEqual(files.map((f) => `${f.id}h${f.year}`), [...["2010", "2011", "2012", "2013", "2014", "2015", "2016", "2017"].map((y) => `41009h${y}`), ...Array.from({ length: 11 }, (_, i) => `41113h${2010 + i}`)]);
    for (const { id, year, rows } of files) {
      assert.ok(rows.length > 12_000, `${id} ${year}: ${rows.length}`);
      assert.ok(rows.every((r) => r.timeMs >= Date.UTC(year - 1, 11, 31) && r.timeMs < Date.UTC(year + 1, 0, 1)), `${id} ${year}`);
    }
    // 41009's 2017 record starts on 22 April 15:30 (PROVENANCE §10): the buoy was off station before.
    assert.equal(new Date(files.find((f) => f.id === "41009" && f.year === 2017)!.rows[0]!.timeMs).toISOString(), "2017-04-22T15:30:00.000Z");
  });

  it("reads 41113's missing-value codes as missing: it measures no wind or air, only waves and water", () => {
    for (const { year, rows } of files.filter((f) => f.id === "41113")) {
      assert.ok(rows.every((r) => r.windSpeedMs === null && r.windGustMs === null && r.windDirectionDeg === null && r.pressureHpa === null && r.airTemperatureC === null), String(year));
      const waves = rows.filter((r) => r.waveHeightM !== null);
      assert.ok(waves.length > 0.99 * rows.length && waves.every((r) => r.waveHeightM! > 0 && r.waveHeightM! < 10), String(year));
      assert.ok(rows.some((r) => r.waterTemperatureC !== null));
    }
  });

  it("keeps 41009's wind, gusts and waves, missing where the code says so", () => {
    for (const { year, rows } of files.filter((f) => f.id === "41009")) {
      assert.ok(rows.filter((r) => r.windSpeedMs !== null).length > 0.99 * rows.length, String(year));
      assert.ok(rows.some((r) => r.windGustMs !== null && r.windGustMs >= r.windSpeedMs!), String(year));
      // Waves are reported hourly, wind every 10 minutes from 2013: the other rows carry WVHT 99.00.
      assert.ok(rows.some((r) => r.waveHeightM === null) || year < 2012, String(year));
    }
  });
});
