import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fetchStdmet, parseStdmet } from "../../data-loaders/sources/ndbc.ts";
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
      airTemperatureC: null
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
      (e: Error) => e instanceof SourceShapeError && /ndbc-41009: record line 2, field "\(row\)": has 9 fields, the header has 18/.test(e.message)
    );
    assert.throws(
      () => parseStdmet([HEADER, "2021 03 04 08 40  99  9.5 11.3  1,48  8.33  5.10  75 1019.2  23.8  22.6  21.3 99.0 99.00"].join("\n"), "ndbc-41009"),
      /record line 2, field "WVHT": expected a number, got "1,48"/
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
});
