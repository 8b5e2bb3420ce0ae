import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadLaunches } from "../../data-loaders/launch-history.ts";
import {
  fetchTelemetryIndex,
  fetchTelemetryMission,
  parseAnalysed,
  parseEvents,
  TELEMETRY_COMMIT,
  TELEMETRY_MISSIONS,
  telemetryCatalog
} from "../../data-loaders/sources/telemetry.ts";
import { toParquet } from "../../data-loaders/tables.ts";
import { inferAnalysedStage, telemetryData, telemetrySeriesTable, telemetryTable } from "../../data-loaders/telemetry.ts";
import { SourceShapeError } from "../../data-loaders/validate.ts";
import { replayHttp, SNAPSHOTS } from "../support/snapshots.ts";

describe("webcast telemetry", async () => {
  const http = replayHttp();
  const launches = await loadLaunches(http);
  const index = await fetchTelemetryIndex(http);
  const missions = await Promise.all(TELEMETRY_MISSIONS.map((m) => fetchTelemetryMission(http, m.folder)));
  const data = await telemetryData(http, launches, { log: () => {} });
  const launchById = new Map(launches.map((l) => [l.launchId, l]));

  it("has 46 missions, 35 of them in the index under their folder names", () => {
    assert.equal(missions.length, 46);
    assert.equal(index.length, 35);
    const folders = new Set(TELEMETRY_MISSIONS.map((m) => m.folder));
    assert.ok(index.every((e) => folders.has(e.missionName)));
    assert.equal(TELEMETRY_MISSIONS.filter((m) => m.launchName).length, 11);
  });

  it("catalogs every recorded file under the original URL its manifest entry names", () => {
    const manifest = JSON.parse(readFileSync(join(SNAPSHOTS, "manifest.json"), "utf8")) as { files: { file: string; path: string; commit: string }[] };
    const recorded = manifest.files.filter((f) => f.file.startsWith("telemetry/") && !f.file.endsWith("stage1_raw.json"));
    assert.equal(recorded.length, 46 * 3 + 1);
    assert.equal(telemetryCatalog.length, recorded.length);
    for (const entry of telemetryCatalog) {
      const f = recorded.find((r) => r.file === entry.file)!;
      assert.ok(f, entry.file);
      assert.equal(entry.request.url, `https://raw.githubusercontent.com/shahar603/Telemetry-Data/${f.commit}/${f.path.split("/").map(encodeURIComponent).join("/")}`);
    }
    assert.ok(recorded.every((f) => f.commit === TELEMETRY_COMMIT));
    // The index's own links (at master) have the same paths.
    assert.ok(telemetryCatalog.some((e) => e.request.url.endsWith("/Orbcomm%20OG2/JSON/analysed.json")));
  });

  it("matches all 46 to launches: by flight number, and the 11 unindexed by name", () => {
    assert.deepEqual(data.unmatched, []);
    assert.equal(data.summary.length, 46);
    assert.equal(new Set(data.summary.map((r) => r.launchId)).size, 46);
    const nameOf = (mission: string) => launchById.get(data.summary.find((r) => r.mission === mission)!.launchId)!.name;
    assert.equal(nameOf("Orbcomm OG2"), "OG-2 Mission 2");
    assert.equal(nameOf("Falcon Heavy Demo 1"), "Falcon Heavy Test Flight");
    assert.equal(nameOf("SpaceX CRS-14"), "CRS-14");
    assert.equal(nameOf("DM-1"), "CCtCap Demo Mission 1");
    assert.equal(nameOf("Eshail 2"), "Es’hail 2");
    const dates = data.summary.map((r) => launchById.get(r.launchId)!.dateUtc).sort();
    assert.deepEqual([dates[0]!.slice(0, 10), dates.at(-1)!.slice(0, 10)], ["2015-12-22", "2019-03-02"]);
  });

  it("tells the analysed stage from the series the same way the index does for all 35 indexed missions", () => {
    for (const entry of index) {
      const mission = missions.find((m) => m.folder === entry.missionName)!;
      assert.equal(inferAnalysedStage(mission), entry.analysedStage, entry.missionName);
    }
    assert.deepEqual(
      data.summary.filter((r) => r.stageFrom === "series" && r.analysedStage === 1).map((r) => r.mission),
      ["SAOCOM 1A", "Iridium NEXT 8"]
    );
  });

  it("is in m/s and km: altitude's rate of change matches the vertical speed, and MECO lands where Falcon 9 stages", () => {
    for (const { folder, series, events } of missions) {
      const ratios: number[] = [];
      for (let i = 30; i < events.meco!; i++) {
        if (Math.abs(series.velocityYMs[i]!) < 50) continue;
        ratios.push((((series.altitudeKm[i + 1]! - series.altitudeKm[i - 1]!) / 2) * 1000) / series.velocityYMs[i]!);
      }
      ratios.sort((a, b) => a - b);
      const median = ratios[Math.floor(ratios.length / 2)]!;
      assert.ok(median > 0.97 && median < 1.03, `${folder}: d(altitude km)/dt × 1000 / velocity_y = ${median}`);
      // Falcon 9 cuts its first stage at 6,000–10,000 km/h and 60–95 km: in m/s and km here, not km/h or m.
      const meco = series.timeS.indexOf(events.meco!);
      assert.ok(series.velocityMs[meco]! > 1500 && series.velocityMs[meco]! < 2800, folder);
      assert.ok(series.altitudeKm[meco]! > 55 && series.altitudeKm[meco]! < 100, folder);
    }
  });

  it("summarises MECO from the series at the event time, and each burn only where the webcast could show it", () => {
    const abs = data.summary.find((r) => r.mission === "ABS-2A")!;
    assert.deepEqual([abs.mecoTimeS, abs.mecoVelocityMs, abs.mecoAltitudeKm, abs.maxQTimeS], [159, 2322.3, 66.023, 78]);
    assert.deepEqual([abs.boostback, abs.entryBurn, abs.landingBurn, abs.samples], [null, null, null, 160]);
    const crs11 = data.summary.find((r) => r.mission === "SpaceX CRS-11")!;
    assert.deepEqual([crs11.analysedStage, crs11.boostback, crs11.entryBurn, crs11.landingBurn, crs11.samples], [1, true, true, true, 465]);
    // BulgariaSat-1 landed on a droneship: entry burn, no boostback, and the webcast cut before landing.
    const bulgaria = data.summary.find((r) => r.mission === "BulgariaSat-1")!;
    assert.deepEqual([bulgaria.boostback, bulgaria.entryBurn, bulgaria.landingBurn], [false, true, null]);
    assert.match(data.summary.find((r) => r.mission === "Falcon Heavy Demo 1")!.note!, /center core/);
  });

  it("keeps the first stage only: up to MECO for upper-stage series, all of it for booster series", () => {
    assert.equal(data.series.length, 10_581);
    for (const s of data.summary) {
      const rows = data.series.filter((r) => r.launchId === s.launchId);
      assert.equal(rows.length, s.samples);
      const last = rows.at(-1)!;
      if (s.analysedStage === 2) assert.ok(last.timeS <= s.mecoTimeS! && rows.every((r) => r.phase === "ascent"));
      else assert.ok(rows.some((r) => r.phase === "booster"));
      assert.equal(s.maxVelocityMs, Math.max(...rows.map((r) => r.velocityMs)));
    }
  });

  it("writes both tables as Parquet", () => {
    assert.ok(toParquet(telemetryTable, data.summary).byteLength > 1000);
    assert.ok(toParquet(telemetrySeriesTable, data.series).byteLength > 10_000);
  });

  it("names the file and the element of a value that is not a number", () => {
    const body = { time: [0, 1, 2], velocity: [0, 12.5, "13.1"], altitude: [0, 0.01, 0.02], velocity_y: [0, 12, 13] };
    assert.throws(
      () => parseAnalysed(body, "Test/JSON/analysed.json"),
      (e: Error) => e instanceof SourceShapeError && /telemetry: record Test\/JSON\/analysed.json, field "velocity\[2\]": expected a number, got "13.1"/.test(e.message)
    );
    assert.throws(() => parseAnalysed({ ...body, velocity: [0, 1] }, "t"), /field "velocity": expected a number|has 2 values for 3 times/);
    assert.throws(() => parseEvents({ meco: "2:39" }, "Test/JSON/events.json"), /field "meco": expected number or null/);
  });
});
