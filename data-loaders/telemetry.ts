// Webcast telemetry joined to launches: a per-launch summary (MECO, max-Q, which recovery burns the
// webcast showed) and the first-stage part of each 1 Hz series.
import type { Http } from "./http.ts";
import {
  fetchTelemetryIndex,
  fetchTelemetryMission,
  TELEMETRY_COMMIT,
  TELEMETRY_MISSIONS,
  TELEMETRY_SOURCE,
  type TelemetryMission
} from "./sources/telemetry.ts";
import { byKeys, column, toParquet, type TableSpec } from "./tables.ts";

/** What telemetry needs of a launch; the launch list of launch-history.ts satisfies it. */
export interface TelemetryLaunch {
  launchId: string;
  name: string;
  /** r/SpaceX API flight_number (counts Falcon 1 too), which the telemetry index uses. */
  flightNumber: number | null;
  dateUtc: string;
}

export interface TelemetryOptions {
  log?: (line: string) => void;
}

export interface TelemetrySummaryRow {
  launchId: string;
  launchDateUtc: string;
  mission: string;
  analysedStage: 1 | 2;
  stageFrom: "index" | "series";
  mecoTimeS: number | null;
  mecoVelocityMs: number | null;
  mecoAltitudeKm: number | null;
  maxQTimeS: number | null;
  maxVelocityMs: number | null;
  maxAltitudeKm: number | null;
  boostback: boolean | null;
  entryBurn: boolean | null;
  landingBurn: boolean | null;
  boostbackStartS: number | null;
  entryStartS: number | null;
  landingStartS: number | null;
  samples: number;
  note: string | null;
}

export interface TelemetrySeriesRow {
  launchId: string;
  mission: string;
  timeS: number;
  velocityMs: number;
  altitudeKm: number;
  phase: "ascent" | "booster";
}

export interface UnmatchedMission {
  mission: string;
  reason: string;
}

export interface TelemetryData {
  summary: TelemetrySummaryRow[];
  series: TelemetrySeriesRow[];
  unmatched: UnmatchedMission[];
}

const WEBCAST = "shahar603/Telemetry-Data (webcast telemetry), analysed.json and events.json";

const NOTES: Record<string, string> = {
  "Falcon Heavy Demo 1":
    "Falcon Heavy: the series is the center core with the upper stage up to the center core's MECO; the side boosters separated earlier (about T+149 s, not in events.json) and have no series."
};

export const telemetryTable: TableSpec<TelemetrySummaryRow> = {
  name: "telemetry",
  description: `Ascent telemetry read off SpaceX webcasts by shahar603/Telemetry-Data (The Unlicense), at commit
${TELEMETRY_COMMIT.slice(0, 7)}: 46 missions, OG-2 Mission 2 (2015-12-22) to Crew Demo-1 (2019-03-02). Each file is fetched
under its original URL, \`https://raw.githubusercontent.com/shahar603/Telemetry-Data/<commit>/<Mission>/JSON/analysed.json\`
(and \`events.json\`, and the index \`Laucnhes.json\`, sic).

**Matching.** The 35 missions in the index are matched by its r/SpaceX flight number, which is \`launches.flight_number\`;
the 11 it does not list (Iridium NEXT 6 to DM-1) by their SpaceX API launch name (the list is in
\`data-loaders/sources/telemetry.ts\`). All 46 match a launch.

**Units, checked on the data.** Altitude is in km and speed in m/s: the rate of change of altitude × 1000 equals the
vertical speed \`velocity_y\` to within 3 % in every mission, and MECO falls at 1,580–2,720 m/s and 60–95 km.

**Which stage.** For 35 missions the webcast's numbers followed the upper stage after separation (analysed stage 2),
so the first-stage data is the ascent to MECO. For 11 it followed the booster (stage 1): boostback, entry and landing
burns appear where the webcast showed them. The index gives the stage for its 35; for the other 11 it is read from the
series (the speed climbing more than 10 % past its MECO value means the upper stage), a rule that agrees with the index
on all 35 indexed missions. A burn's absence is "false" only where the webcast was still following the booster later,
else null. Falcon Heavy Test Flight: the series is the center core with the upper stage, to the center core's MECO.`,
  grain: "launch with telemetry",
  order: byKeys((r) => r.launchDateUtc, (r) => r.launchId),
  columns: [
    column("launch_id", "STRING", (r) => r.launchId, "Launch (joins launches.launch_id).", "launches"),
    column("mission", "STRING", (r) => r.mission, "Mission folder name in the telemetry repository.", WEBCAST),
    column("analysed_stage", "INT32", (r) => r.analysedStage, "Stage the webcast followed after separation: 1 the booster (boostback, entry and landing visible), 2 the upper stage (first-stage data ends at MECO).", WEBCAST),
    column("analysed_stage_from", "STRING", (r) => r.stageFrom, '"index" (Laucnhes.json says) or "series" (not indexed: 2 when the velocity keeps rising after MECO).', WEBCAST),
    column("meco_time_s", "DOUBLE", (r) => r.mecoTimeS, "Main engine cut-off, seconds after lift-off.", WEBCAST),
    column("meco_velocity_ms", "DOUBLE", (r) => r.mecoVelocityMs, "Speed at MECO, m/s (the series at meco_time_s).", WEBCAST),
    column("meco_altitude_km", "DOUBLE", (r) => r.mecoAltitudeKm, "Altitude at MECO, km.", WEBCAST),
    column("max_q_time_s", "DOUBLE", (r) => r.maxQTimeS, "Maximum dynamic pressure, seconds after lift-off.", WEBCAST),
    column("max_velocity_ms", "DOUBLE", (r) => r.maxVelocityMs, "Highest speed in the first-stage series (telemetry_series), m/s.", WEBCAST),
    column("max_altitude_km", "DOUBLE", (r) => r.maxAltitudeKm, "Highest altitude in the first-stage series, km: the booster's apogee when analysed_stage is 1, the MECO altitude when 2.", WEBCAST),
    column("boostback", "BOOLEAN", (r) => r.boostback, "Boostback burn shown; false when the webcast followed the booster to its entry burn without one; null when it did not follow the booster.", WEBCAST),
    column("entry_burn", "BOOLEAN", (r) => r.entryBurn, "Entry burn shown; false when the webcast followed the booster to its landing burn without one; null otherwise.", WEBCAST),
    column("landing_burn", "BOOLEAN", (r) => r.landingBurn, "Landing burn shown; null when not shown (the webcast may have cut away).", WEBCAST),
    column("boostback_start_s", "DOUBLE", (r) => r.boostbackStartS, "Boostback start, seconds after lift-off.", WEBCAST),
    column("entry_start_s", "DOUBLE", (r) => r.entryStartS, "Entry burn start, seconds after lift-off.", WEBCAST),
    column("landing_start_s", "DOUBLE", (r) => r.landingStartS, "Landing burn start, seconds after lift-off.", WEBCAST),
    column("samples", "INT32", (r) => r.samples, "Rows of this launch in telemetry_series.", WEBCAST),
    column("note", "STRING", (r) => r.note, "What the series is, where it is not a single first stage.", WEBCAST)
  ]
};

export const telemetrySeriesTable: TableSpec<TelemetrySeriesRow> = {
  name: "telemetry_series",
  description: "First-stage flight at 1 Hz from the webcast: the ascent to MECO, and the booster after it where the webcast followed the booster.",
  grain: "launch and second after lift-off",
  order: byKeys((r) => r.launchId, (r) => r.timeS),
  columns: [
    column("launch_id", "STRING", (r) => r.launchId, "Launch (joins launches.launch_id).", "launches"),
    column("mission", "STRING", (r) => r.mission, "Mission folder name in the telemetry repository.", WEBCAST),
    column("time_s", "DOUBLE", (r) => r.timeS, "Seconds after lift-off.", WEBCAST),
    column("velocity_ms", "DOUBLE", (r) => r.velocityMs, "Speed, m/s (the webcast's km/h ÷ 3.6).", WEBCAST),
    column("altitude_km", "DOUBLE", (r) => r.altitudeKm, "Altitude, km.", WEBCAST),
    column("phase", "STRING", (r) => r.phase, '"ascent" up to MECO (the whole stack), "booster" after it (analysed_stage 1 only).', WEBCAST)
  ]
};

/** Fetches the index and every mission, matches each to a launch, and builds both tables' rows. */
export async function telemetryData(http: Http, launches: readonly TelemetryLaunch[], options: TelemetryOptions = {}): Promise<TelemetryData> {
  const log = options.log ?? ((line: string) => process.stderr.write(line + "\n"));
  const started = Date.now();
  const index = new Map((await fetchTelemetryIndex(http)).map((e) => [e.missionName, e]));
  const summary: TelemetrySummaryRow[] = [];
  const series: TelemetrySeriesRow[] = [];
  const unmatched: UnmatchedMission[] = [];
  for (const { folder, launchName } of TELEMETRY_MISSIONS) {
    const indexed = index.get(folder);
    const candidates = indexed
      ? launches.filter((l) => l.flightNumber === indexed.flightNumber)
      : launches.filter((l) => l.name === launchName);
    const how = indexed ? `flight number ${indexed.flightNumber}` : `name "${launchName}"`;
    if (candidates.length !== 1) {
      unmatched.push({ mission: folder, reason: candidates.length ? `${candidates.length} launches have ${how}` : `no launch has ${how}` });
      continue;
    }
    const launch = candidates[0]!;
    const mission = await fetchTelemetryMission(http, folder);
    const stage = indexed?.analysedStage ?? inferAnalysedStage(mission);
    const rows = firstStageSeries(mission, stage).map((p) => ({ launchId: launch.launchId, mission: folder, ...p }));
    series.push(...rows);
    summary.push(summarize(launch, mission, stage, indexed ? "index" : "series", rows));
  }
  log(
    `telemetry: ${summary.length} of ${TELEMETRY_MISSIONS.length} missions matched to launches, ${series.length} series rows` +
      (unmatched.length ? `; unmatched: ${unmatched.map((u) => `${u.mission} (${u.reason})`).join(", ")}` : "") +
      ` (${((Date.now() - started) / 1000).toFixed(1)} s)`
  );
  return { summary, series, unmatched };
}

/** The telemetry summary table as Parquet (one row per launch with telemetry). */
export async function buildTelemetry(http: Http, launches: readonly TelemetryLaunch[], options: TelemetryOptions = {}): Promise<Uint8Array> {
  return toParquet(telemetryTable, (await telemetryData(http, launches, options)).summary);
}

/** The telemetry_series table as Parquet. */
export async function buildTelemetrySeries(http: Http, launches: readonly TelemetryLaunch[], options: TelemetryOptions = {}): Promise<Uint8Array> {
  return toParquet(telemetrySeriesTable, (await telemetryData(http, launches, options)).series);
}

/**
 * For missions the index does not list: the webcast followed the upper stage (2) when the speed keeps
 * climbing well past its MECO value, the booster (1) when it never does. Checked against the 35
 * indexed missions in test/unit/telemetry.test.ts.
 */
export function inferAnalysedStage(mission: TelemetryMission): 1 | 2 {
  const { meco } = mission.events;
  if (meco === null) throw new Error(`${TELEMETRY_SOURCE}: ${mission.folder} has no MECO time, so its analysed stage cannot be told from the series.`);
  const atMeco = valueAt(mission.series.timeS, mission.series.velocityMs, meco);
  const later = mission.series.velocityMs.filter((_, i) => mission.series.timeS[i]! > meco + 20);
  return later.some((v) => v > atMeco! * 1.1) ? 2 : 1;
}

function firstStageSeries(mission: TelemetryMission, stage: 1 | 2): Omit<TelemetrySeriesRow, "launchId" | "mission">[] {
  const { timeS, velocityMs, altitudeKm } = mission.series;
  const meco = mission.events.meco;
  // Without a MECO time the first-stage part of an upper-stage series is unknown: no rows.
  if (stage === 2 && meco === null) return [];
  return timeS.flatMap((t, i) => {
    if (stage === 2 && t > meco!) return [];
    return [{ timeS: t, velocityMs: velocityMs[i]!, altitudeKm: altitudeKm[i]!, phase: meco === null || t <= meco ? ("ascent" as const) : ("booster" as const) }];
  });
}

function summarize(
  launch: TelemetryLaunch,
  mission: TelemetryMission,
  stage: 1 | 2,
  stageFrom: "index" | "series",
  rows: Omit<TelemetrySeriesRow, "launchId" | "mission">[]
): TelemetrySummaryRow {
  const { events, series } = mission;
  const at = (values: number[]) => (events.meco === null ? null : valueAt(series.timeS, values, events.meco));
  // Absence of a burn means "none" only where the webcast was still following the booster later on.
  const seen = (start: number | null, laterSeen: boolean) => (start !== null ? true : stage === 1 && laterSeen ? false : null);
  return {
    launchId: launch.launchId,
    launchDateUtc: launch.dateUtc,
    mission: mission.folder,
    analysedStage: stage,
    stageFrom,
    mecoTimeS: events.meco,
    mecoVelocityMs: at(series.velocityMs),
    mecoAltitudeKm: at(series.altitudeKm),
    maxQTimeS: events.maxq,
    maxVelocityMs: rows.length ? Math.max(...rows.map((r) => r.velocityMs)) : null,
    maxAltitudeKm: rows.length ? Math.max(...rows.map((r) => r.altitudeKm)) : null,
    boostback: seen(events.boostbackStart, events.entryStart !== null || events.landingStart !== null),
    entryBurn: seen(events.entryStart, events.landingStart !== null),
    landingBurn: events.landingStart !== null ? true : null,
    boostbackStartS: events.boostbackStart,
    entryStartS: events.entryStart,
    landingStartS: events.landingStart,
    samples: rows.length,
    note: NOTES[mission.folder] ?? null
  };
}

/** Linear interpolation of a 1 Hz series at time t; null outside it. */
function valueAt(times: number[], values: number[], t: number): number | null {
  for (let i = 0; i < times.length; i++) {
    if (times[i] === t) return values[i]!;
    if (i > 0 && times[i - 1]! < t && t < times[i]!) {
      const f = (t - times[i - 1]!) / (times[i]! - times[i - 1]!);
      return values[i - 1]! + f * (values[i]! - values[i - 1]!);
    }
  }
  return null;
}
