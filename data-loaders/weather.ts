// Weather at each launch: the atmosphere at the pad in the launch hour (Open-Meteo archive) and the
// sea state offshore (NDBC buoys, else Open-Meteo's marine model when live). A launch gets a row only
// where a source covers it; nothing is interpolated across gaps or borrowed from another day.
import { HttpError, ReplayMissError, type Http } from "./http.ts";
import { BUOYS, fetchStdmet, ndbcSource, type Buoy, type BuoyObservation } from "./sources/ndbc.ts";
import {
  ARCHIVE_SOURCE,
  archiveRequest,
  fetchArchive,
  fetchMarine,
  fetchSkybound,
  MARINE_SOURCE,
  marineRequest,
  SKYBOUND_SOURCE,
  type HourlySea,
  type HourlyWeather,
  type PointWeather
} from "./sources/open-meteo.ts";
import { byKeys, column, toParquet, type TableSpec } from "./tables.ts";

/** What weather needs of a launch; the launch list of launch-history.ts satisfies it. */
export interface WeatherLaunch {
  launchId: string;
  dateUtc: string;
  /** "day" when a source gives only the date: there is no launch hour to join, so no atmosphere row. */
  datePrecision?: string;
  padName: string | null;
  padLatitude: number | null;
  padLongitude: number | null;
}

/** Where handled gaps are counted (the CLI passes its Problems, which lists them in the manifest). */
export interface GapCounter {
  count(source: string, kind: string, example: string, n?: number): void;
}

export interface WeatherOptions {
  log?: (line: string) => void;
  problems?: GapCounter;
}

/**
 * Largest pad-to-point distance at which a recorded Open-Meteo point stands for a pad: one ERA5 grid
 * spacing (0.25° ≈ 28 km north-south). SkyBound's point is 19 km from SLC-40 and 24 km from LC-39A
 * (both on the same stretch of coast), and 3,700 km from Vandenberg.
 */
export const MAX_GRID_DISTANCE_KM = 25;
/** Buoys describe the sea off the coast they sit on: 41010 is 205 km from the Florida pads. */
export const MAX_BUOY_DISTANCE_KM = 300;
/** A buoy reading counts for a launch if it is this close in time (NDBC reports waves about hourly). */
export const BUOY_WINDOW_MS = 60 * 60_000;

/**
 * Buoys in order of preference for sea state. Droneship landings off Florida happen 300–650 km
 * downrange, east to north-east of the Cape: 41010 (120 NM out) is the buoy nearest that zone, and
 * 41009 (20 NM out) stands in when 41010 has no wave reading within the hour.
 */
const SEA_STATE_BUOYS = ["41010", "41009"].map((id) => BUOYS.find((b) => b.id === id)!);

/** The pad's hour of weather, where one was found, and the sea state near the landing zone. */
export interface WeatherRow extends Omit<HourlyWeather, "hourUtc"> {
  launchId: string;
  launchDateUtc: string;
  source: string | null;
  observedAt: string | null;
  distanceKm: number | null;
  waveSource: string | null;
  waveObservedAt: string | null;
  waveDistanceKm: number | null;
  waveHeightM: number | null;
  dominantWavePeriodS: number | null;
  seaWindSpeedKmh: number | null;
  seaWindGustKmh: number | null;
  seaWindDirectionDeg: number | null;
}

const OPEN_METEO = "Open-Meteo archive API (ERA5), or its recorded launch-day extract in GrahamC7/SkyBound";
const BUOY = "NOAA NDBC stdmet historical files, buoys 41009/41010";
const NDBC = `${BUOY}; else the Open-Meteo marine API (live)`;

/**
 * The recorded build's coverage, quoted in the data dictionary. test/unit/weather.test.ts recomputes it
 * with coverageMarkdown(weatherCoverage(...)) and fails, showing the new table, when the build changes.
 */
export const RECORDED_COVERAGE = [
  "| year | pad | launches | with atmosphere | with sea state | without weather |",
  "| --- | --- | --- | --- | --- | --- |",
  "| 2010 | CCSFS SLC 40 | 2 | 2 | 0 | 0 |",
  "| 2012 | CCSFS SLC 40 | 2 | 1 | 0 | 1 |",
  "| 2013 | CCSFS SLC 40 | 2 | 2 | 0 | 0 |",
  "| 2013 | VAFB SLC 4E | 1 | 0 | 0 | 1 |",
  "| 2014 | CCSFS SLC 40 | 6 | 6 | 0 | 0 |",
  "| 2015 | CCSFS SLC 40 | 7 | 5 | 0 | 2 |",
  "| 2016 | CCSFS SLC 40 | 8 | 7 | 0 | 1 |",
  "| 2016 | VAFB SLC 4E | 1 | 0 | 0 | 1 |",
  "| 2017 | CCSFS SLC 40 | 1 | 1 | 0 | 0 |",
  "| 2017 | KSC LC 39A | 12 | 0 | 0 | 12 |",
  "| 2017 | VAFB SLC 4E | 5 | 0 | 0 | 5 |",
  "| 2018 | CCSFS SLC 40 | 12 | 11 | 0 | 1 |",
  "| 2018 | KSC LC 39A | 3 | 0 | 0 | 3 |",
  "| 2018 | VAFB SLC 4E | 6 | 0 | 0 | 6 |",
  "| 2019 | CCSFS SLC 40 | 8 | 5 | 0 | 3 |",
  "| 2019 | KSC LC 39A | 3 | 0 | 0 | 3 |",
  "| 2019 | VAFB SLC 4E | 2 | 0 | 0 | 2 |",
  "| 2020 | CCSFS SLC 40 | 14 | 6 | 0 | 8 |",
  "| 2020 | KSC LC 39A | 11 | 0 | 0 | 11 |",
  "| 2020 | VAFB SLC 4E | 1 | 0 | 0 | 1 |",
  "| 2021 | CCSFS SLC 40 | 16 | 0 | 5 | 11 |",
  "| 2021 | KSC LC 39A | 12 | 0 | 2 | 10 |",
  "| 2021 | VAFB SLC 4E | 3 | 0 | 0 | 3 |",
  "| 2022 | CCSFS SLC 40 | 30 | 0 | 5 | 25 |",
  "| 2022 | KSC LC 39A | 18 | 0 | 4 | 14 |",
  "| 2022 | VAFB SLC 4E | 13 | 0 | 0 | 13 |",
  "| 2023 | CCSFS SLC 40 | 55 | 0 | 0 | 55 |",
  "| 2023 | KSC LC 39A | 13 | 0 | 0 | 13 |",
  "| 2023 | VAFB SLC 4E | 28 | 0 | 0 | 28 |",
  "| 2024 | CCSFS SLC 40 | 62 | 0 | 0 | 62 |",
  "| 2024 | KSC LC 39A | 26 | 0 | 0 | 26 |",
  "| 2024 | VAFB SLC 4E | 46 | 0 | 0 | 46 |",
  "| 2025 | CCSFS SLC 40 | 74 | 0 | 0 | 74 |",
  "| 2025 | KSC LC 39A | 27 | 0 | 0 | 27 |",
  "| 2025 | VAFB SLC 4E | 64 | 0 | 0 | 64 |",
  "| 2026 | CCSFS SLC 40 | 45 | 0 | 0 | 45 |",
  "| 2026 | KSC LC 39A | 1 | 0 | 0 | 1 |",
  "| 2026 | VAFB SLC 4E | 43 | 0 | 0 | 43 |"
].join("\n");

export const weatherTable: TableSpec<WeatherRow> = {
  name: "weather",
  description: `Weather at launch: the atmosphere at the pad in the launch hour, and the sea state offshore. One row per
launch that some source covers; a launch without a row has no weather in the sources, and nothing is filled in.

**Atmosphere: Open-Meteo archive (ERA5 reanalysis).** A live build asks the archive API for each pad and UTC date,
in GMT (\`archive-api.open-meteo.com/v1/archive?latitude=…&longitude=…&start_date=D&end_date=D&hourly=…&timezone=GMT\`),
and joins the hour nearest lift-off; \`distance_km\` is from the pad to the grid cell the API answered for. The only
recorded Open-Meteo data is GrahamC7/SkyBound's \`data/final_data.csv\` (commit e5de0a6): the launch-date rows of one
archive response at 28.3922, −80.6077, asked with \`timezone=America/New_York\`. It is a source of its own
(\`${SKYBOUND_SOURCE}\`, fetched under its GitHub URL). Open-Meteo gives a whole series the single UTC offset
current when it is asked, never switching for daylight saving, and the file's semidiurnal pressure tide (test/unit/open-meteo.test.ts)
shows that offset is UTC−4 in January as in July: its \`time\` is read as UTC−4 all year, not as New York wall time.
Each of its dates therefore holds 04:00 → 03:00 UTC, so a launch between 00:00 and 03:59 UTC misses its hour; hours
doubled by two launches on one date are identical and kept once. The point stands for pads within
${MAX_GRID_DISTANCE_KM} km (one ERA5 grid spacing): SLC-40 (19.1 km) and LC-39A (24.0 km), never Vandenberg. Of the
SpaceX API's 56 SLC-40 launches to July 2020 it covers 47: CRS-6's date is not in the file and 8 lifted off before
04:00 UTC. It holds no LC-39A launch date.

**Sea state: NOAA NDBC buoys.** 41010 (120 NM east of Cape Canaveral) is the buoy nearest the droneship zone, 300–650 km
downrange of the Florida pads; 41009 (20 NM east) stands in when 41010 has no reading. The reading used is the one with
a wave height nearest lift-off, within an hour; pads more than ${MAX_BUOY_DISTANCE_KM} km away (Vandenberg) get none.
A live build asks NDBC for each year with a Florida launch, and where no buoy reading is at hand, Open-Meteo's marine API
(\`marine-api.open-meteo.com/v1/marine?…&hourly=wave_height,wave_peak_period&timezone=GMT\`) at 41010's position:
modelled, not measured, and said so in \`wave_source\`. No marine response is recorded, so a replay has buoy readings
only. Recorded: Q1 2021 and Q1 2022 only, which hold 18 Florida
launches; 16 have a reading (both buoys have no rows from 2021-03-10 to 03-14, so Starlink-20 and -21 have none).

Coverage of the recorded build (\`weatherCoverage()\`), per year and pad:

${RECORDED_COVERAGE}`,
  grain: "launch with weather",
  order: byKeys((r) => r.launchDateUtc, (r) => r.launchId),
  columns: [
    column("launch_id", "STRING", (r) => r.launchId, "Launch (joins launches.launch_id).", "launches"),
    column("source", "STRING", (r) => r.source, `Source of the atmosphere fields: "${ARCHIVE_SOURCE}" (asked live for the pad) or "${SKYBOUND_SOURCE}" (recorded SkyBound extract, one point at Cape Canaveral); null when only sea state is known.`, OPEN_METEO),
    column("observed_at", "TIMESTAMP", (r) => r.observedAt, "The hour joined: lift-off time rounded to the nearest whole hour, UTC. Instantaneous values are at this time; precipitation is the hour before it.", OPEN_METEO),
    column("distance_km", "DOUBLE", (r) => r.distanceKm, `Pad to the weather point (the grid cell the API answered for, or SkyBound's 28.3922, -80.6077); at most ${MAX_GRID_DISTANCE_KM} km.`, OPEN_METEO),
    column("temperature_2m_c", "DOUBLE", (r) => r.temperatureC, "Air temperature 2 m above ground, °C.", OPEN_METEO),
    column("relative_humidity_pct", "DOUBLE", (r) => r.relativeHumidityPct, "Relative humidity at 2 m, %.", OPEN_METEO),
    column("precipitation_mm", "DOUBLE", (r) => r.precipitationMm, "Precipitation in the hour before observed_at, mm.", OPEN_METEO),
    column("wind_speed_10m_kmh", "DOUBLE", (r) => r.windSpeedKmh, "Wind speed 10 m above ground, km/h.", OPEN_METEO),
    column("wind_gusts_10m_kmh", "DOUBLE", (r) => r.windGustsKmh, "Strongest gust at 10 m in the hour before observed_at, km/h.", OPEN_METEO),
    column("wind_direction_10m_deg", "DOUBLE", (r) => r.windDirectionDeg, "Direction the wind blows from at 10 m, degrees from north.", OPEN_METEO),
    column("cloud_cover_pct", "DOUBLE", (r) => r.cloudCoverPct, "Total cloud cover, %.", OPEN_METEO),
    column("pressure_msl_hpa", "DOUBLE", (r) => r.pressureMslHpa, "Air pressure reduced to mean sea level, hPa.", OPEN_METEO),
    column("wave_source", "STRING", (r) => r.waveSource, `Source of the sea-state fields: "ndbc-41010" (measured, nearest the droneship zone), "ndbc-41009" (measured, when 41010 has no reading) or "${MARINE_SOURCE}" (modelled at 41010's position, live builds, when no buoy reading is at hand); null when none covers the launch.`, NDBC),
    column("wave_observed_at", "TIMESTAMP", (r) => r.waveObservedAt, "Time of the sea-state value used, UTC: the buoy reading with a wave height nearest lift-off (within an hour), or the modelled hour joined.", NDBC),
    column("wave_distance_km", "DOUBLE", (r) => r.waveDistanceKm, "Pad to the buoy, or to the marine model's grid cell, km.", NDBC),
    column("wave_height_m", "DOUBLE", (r) => r.waveHeightM, "Significant wave height (WVHT), m.", NDBC),
    column("dominant_wave_period_s", "DOUBLE", (r) => r.dominantWavePeriodS, "Dominant (spectral peak) wave period: DPD at the buoy, wave_peak_period in the marine model, s.", NDBC),
    column("sea_wind_speed_kmh", "DOUBLE", (r) => r.seaWindSpeedKmh, "Wind speed at the buoy (anemometer about 4 m above the sea, not 10 m), km/h.", BUOY),
    column("sea_wind_gust_kmh", "DOUBLE", (r) => r.seaWindGustKmh, "Peak gust at the buoy, km/h.", BUOY),
    column("sea_wind_direction_deg", "DOUBLE", (r) => r.seaWindDirectionDeg, "Direction the wind blows from at the buoy, degrees from north.", BUOY)
  ]
};

/** Weather rows for the launches, from every weather source the Http can reach or replay. */
export async function weatherRows(http: Http, launches: readonly WeatherLaunch[], options: WeatherOptions = {}): Promise<WeatherRow[]> {
  const log = options.log ?? stderrLog;
  const gap = (source: string, kind: string, example: string) => options.problems?.count(source, kind, example);
  const started = Date.now();
  const placed = launches.filter((l): l is WeatherLaunch & { padLatitude: number; padLongitude: number } => {
    if (l.padLatitude !== null && l.padLongitude !== null) return true;
    gap("weather", "launch without pad position", l.launchId);
    return false;
  });
  const timed = placed.filter((l) => l.datePrecision === undefined || l.datePrecision === "hour");
  for (const l of placed) if (!timed.includes(l)) gap("weather", "launch time known only to the day: no hour to join", l.launchId);

  // Live archive: one request per pad and UTC date of the joined hour.
  const archive = new Map<string, PointWeather>();
  const requests = new Map(timed.map((l) => {
    const request = archiveRequest(l.padLatitude, l.padLongitude, launchHour(l.dateUtc).slice(0, 10));
    return [request.url, request] as const;
  }));
  let archiveMissing = 0;
  for (const request of requests.values()) {
    const point = await optional(() => fetchArchive(http, request));
    if (point) archive.set(request.url, point);
    else {
      archiveMissing++;
      gap(ARCHIVE_SOURCE, http.mode === "replay" ? "not recorded" : "not found", request.url);
    }
  }
  log(`weather: ${ARCHIVE_SOURCE}: ${archive.size} of ${requests.size} pad-dates ${http.mode === "replay" ? "recorded" : "fetched"}${archiveMissing ? ` (${archiveMissing} not recorded: no live weather for them in this replay)` : ""}`);

  const skybound = await fetchSkybound(http);
  const skyboundHours = new Map(skybound.hours.map((h) => [h.hourUtc, h]));
  log(`weather: ${SKYBOUND_SOURCE}: ${skybound.hours.length} distinct hours at ${skybound.latitude}, ${skybound.longitude}`);

  // Buoy files for every year that has a launch near a buoy (and the neighbouring year at a year's edge).
  const buoyData = new Map<string, BuoyObservation[]>();
  for (const buoy of SEA_STATE_BUOYS) {
    const years = new Set<number>();
    for (const l of timed) {
      if (distanceKm(l.padLatitude, l.padLongitude, buoy.latitude, buoy.longitude) > MAX_BUOY_DISTANCE_KM) continue;
      const t = Date.parse(l.dateUtc);
      years.add(new Date(t - BUOY_WINDOW_MS).getUTCFullYear()).add(new Date(t + BUOY_WINDOW_MS).getUTCFullYear());
    }
    const observations: BuoyObservation[] = [];
    let found = 0;
    for (const year of [...years].sort()) {
      const rows = await optional(() => fetchStdmet(http, buoy.id, year));
      if (rows) {
        observations.push(...rows);
        found++;
      } else gap(ndbcSource(buoy.id), http.mode === "replay" ? "yearly file not recorded" : "yearly file not published", String(year));
    }
    buoyData.set(buoy.id, observations);
    log(`weather: ${ndbcSource(buoy.id)}: ${found} of ${years.size} yearly files, ${observations.length} observations`);
  }

  // Modelled sea state where no buoy reading is at hand: Open-Meteo's marine API at 41010's position.
  const marinePoint = SEA_STATE_BUOYS[0]!;
  const marine = new Map<string, { latitude: number; longitude: number; hours: Map<string, HourlySea> }>();
  const marineRequests = new Map<string, ReturnType<typeof marineRequest>>();
  for (const l of timed) {
    if (distanceKm(l.padLatitude, l.padLongitude, marinePoint.latitude, marinePoint.longitude) > MAX_BUOY_DISTANCE_KM) continue;
    if (seaState(l.padLatitude, l.padLongitude, Date.parse(l.dateUtc), buoyData)) continue;
    const request = marineRequest(marinePoint.latitude, marinePoint.longitude, launchHour(l.dateUtc).slice(0, 10));
    marineRequests.set(request.url, request);
  }
  for (const request of marineRequests.values()) {
    // 400: the marine models do not reach back to that date.
    const point = await optional(() => fetchMarine(http, request), [400, 404]);
    if (point) marine.set(request.url, { ...point, hours: new Map(point.hours.map((h) => [h.hourUtc, h])) });
    else gap(MARINE_SOURCE, http.mode === "replay" ? "not recorded" : "no data for the date", request.url);
  }
  log(`weather: ${MARINE_SOURCE}: ${marine.size} of ${marineRequests.size} dates without a buoy reading ${http.mode === "replay" ? "recorded" : "fetched"}`);

  const rows: WeatherRow[] = [];
  for (const l of timed) {
    const hour = launchHour(l.dateUtc);
    const request = archiveRequest(l.padLatitude, l.padLongitude, hour.slice(0, 10));
    const live = archive.get(request.url);
    const liveHour = live?.hours.find((h) => h.hourUtc === hour);
    const skyboundDistance = distanceKm(l.padLatitude, l.padLongitude, skybound.latitude, skybound.longitude);
    const recordedHour = skyboundDistance <= MAX_GRID_DISTANCE_KM ? skyboundHours.get(hour) : undefined;
    const atmosphere =
      live && liveHour && hasValues(liveHour)
        ? { source: ARCHIVE_SOURCE, hour: liveHour, distance: distanceKm(l.padLatitude, l.padLongitude, live.latitude, live.longitude) }
        : recordedHour && hasValues(recordedHour)
          ? { source: SKYBOUND_SOURCE, hour: recordedHour, distance: skyboundDistance }
          : null;
    const sea = seaState(l.padLatitude, l.padLongitude, Date.parse(l.dateUtc), buoyData);
    const marineAt = marine.get(marineRequest(marinePoint.latitude, marinePoint.longitude, hour.slice(0, 10)).url);
    const marineHour = sea ? undefined : marineAt?.hours.get(hour);
    const modelled =
      marineAt && marineHour && marineHour.waveHeightM !== null
        ? { hour: marineHour, distance: distanceKm(l.padLatitude, l.padLongitude, marineAt.latitude, marineAt.longitude) }
        : null;
    if (!atmosphere && !sea && !modelled) continue;
    rows.push({
      launchId: l.launchId,
      launchDateUtc: l.dateUtc,
      source: atmosphere?.source ?? null,
      observedAt: atmosphere ? hour : null,
      distanceKm: atmosphere ? round(atmosphere.distance, 2) : null,
      temperatureC: atmosphere?.hour.temperatureC ?? null,
      relativeHumidityPct: atmosphere?.hour.relativeHumidityPct ?? null,
      precipitationMm: atmosphere?.hour.precipitationMm ?? null,
      windSpeedKmh: atmosphere?.hour.windSpeedKmh ?? null,
      windGustsKmh: atmosphere?.hour.windGustsKmh ?? null,
      windDirectionDeg: atmosphere?.hour.windDirectionDeg ?? null,
      cloudCoverPct: atmosphere?.hour.cloudCoverPct ?? null,
      pressureMslHpa: atmosphere?.hour.pressureMslHpa ?? null,
      waveSource: sea ? ndbcSource(sea.buoy.id) : modelled ? MARINE_SOURCE : null,
      waveObservedAt: sea ? new Date(sea.observation.timeMs).toISOString() : modelled ? hour : null,
      waveDistanceKm: sea ? round(sea.distance, 2) : modelled ? round(modelled.distance, 2) : null,
      waveHeightM: sea?.observation.waveHeightM ?? modelled?.hour.waveHeightM ?? null,
      dominantWavePeriodS: sea?.observation.dominantPeriodS ?? modelled?.hour.wavePeakPeriodS ?? null,
      seaWindSpeedKmh: kmh(sea?.observation.windSpeedMs),
      seaWindGustKmh: kmh(sea?.observation.windGustMs),
      seaWindDirectionDeg: sea?.observation.windDirectionDeg ?? null
    });
  }
  log(`weather: ${rows.length} of ${launches.length} launches have weather (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return rows;
}

/** The weather table as Parquet. The release (data-loaders/release.ts: the CLI and src/data/release.tar.ts) calls this. */
export async function buildWeather(http: Http, launches: readonly WeatherLaunch[], options: WeatherOptions = {}): Promise<Uint8Array> {
  return toParquet(weatherTable, await weatherRows(http, launches, options));
}

/** Launches with and without weather per year and pad, as a Markdown table (the data dictionary quotes the recorded build's). */
export function coverageMarkdown(coverage: readonly WeatherCoverage[]): string {
  const lines = coverage.map((c) => `| ${c.year} | ${c.pad} | ${c.launches} | ${c.withAtmosphere} | ${c.withSeaState} | ${c.withoutWeather} |`);
  return ["| year | pad | launches | with atmosphere | with sea state | without weather |", "| --- | --- | --- | --- | --- | --- |", ...lines].join("\n");
}

export interface WeatherCoverage {
  year: number;
  pad: string;
  launches: number;
  withAtmosphere: number;
  withSeaState: number;
  withoutWeather: number;
}

/** Launches with and without weather, per year and pad: what the table covers and what it lacks. */
export function weatherCoverage(launches: readonly WeatherLaunch[], rows: readonly WeatherRow[]): WeatherCoverage[] {
  const byLaunch = new Map(rows.map((r) => [r.launchId, r]));
  const cells = new Map<string, WeatherCoverage>();
  for (const l of launches) {
    const year = new Date(l.dateUtc).getUTCFullYear();
    const pad = l.padName ?? "unknown pad";
    const key = `${year}|${pad}`;
    const cell = cells.get(key) ?? { year, pad, launches: 0, withAtmosphere: 0, withSeaState: 0, withoutWeather: 0 };
    const row = byLaunch.get(l.launchId);
    cell.launches++;
    if (row?.source) cell.withAtmosphere++;
    if (row?.waveSource) cell.withSeaState++;
    if (!row) cell.withoutWeather++;
    cells.set(key, cell);
  }
  return [...cells.values()].sort(byKeys((c) => c.year, (c) => c.pad));
}

/** Lift-off rounded to the nearest whole hour, as the archive's hourly time stamps are. */
export function launchHour(dateUtc: string): string {
  const ms = Date.parse(dateUtc);
  if (!Number.isFinite(ms)) throw new Error(`weather: launch time ${JSON.stringify(dateUtc)} is not an ISO-8601 time.`);
  return new Date(Math.round(ms / 3_600_000) * 3_600_000).toISOString();
}

/** Great-circle distance, km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
}

function seaState(latitude: number, longitude: number, launchMs: number, buoyData: Map<string, BuoyObservation[]>) {
  for (const buoy of SEA_STATE_BUOYS) {
    const distance = distanceKm(latitude, longitude, buoy.latitude, buoy.longitude);
    if (distance > MAX_BUOY_DISTANCE_KM) continue;
    const observation = nearestWithWaves(buoyData.get(buoy.id) ?? [], launchMs);
    if (observation) return { buoy, distance, observation } as { buoy: Buoy; distance: number; observation: BuoyObservation };
  }
  return null;
}

/** The reading with a wave height nearest the launch, within BUOY_WINDOW_MS; the earlier one on a tie. */
export function nearestWithWaves(observations: readonly BuoyObservation[], launchMs: number): BuoyObservation | null {
  let best: BuoyObservation | null = null;
  for (const o of observations) {
    if (o.waveHeightM === null || Math.abs(o.timeMs - launchMs) > BUOY_WINDOW_MS) continue;
    if (!best || Math.abs(o.timeMs - launchMs) < Math.abs(best.timeMs - launchMs)) best = o;
  }
  return best;
}

function hasValues(hour: HourlyWeather): boolean {
  return Object.entries(hour).some(([k, v]) => k !== "hourUtc" && v !== null);
}

/**
 * A recording that is not there is a gap in coverage, not a failure: replaying the shared snapshots
 * has no live archive answers, and NDBC has no file for a year a buoy was off station (404).
 * Anything else (network failure after retries, a malformed body) still stops the build.
 */
async function optional<T>(fetch: () => Promise<T>, gapStatuses: number[] = [404]): Promise<T | null> {
  try {
    return await fetch();
  } catch (error) {
    if (error instanceof ReplayMissError) return null;
    if (error instanceof HttpError && error.status !== null && gapStatuses.includes(error.status)) return null;
    throw error;
  }
}

function kmh(ms: number | null | undefined): number | null {
  return ms === null || ms === undefined ? null : round(ms * 3.6, 2);
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function stderrLog(line: string): void {
  process.stderr.write(line + "\n");
}
