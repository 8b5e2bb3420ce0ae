// Open-Meteo historical weather (ERA5 reanalysis), hourly, at a point; and its marine API for modelled
// sea state (live only). The archive has two ways in:
// - live: the archive API, one request per pad and UTC date, asked in GMT so no time-zone arithmetic
//   is needed (the API applies one fixed UTC offset to a whole series, never DST);
// - recorded: GrahamC7/SkyBound's data/final_data.csv, launch-day rows cut from one archive response
//   for Cape Canaveral asked with timezone=America/New_York. It is not an API response, so it is its
//   own source with its own parser and is fetched from GitHub under its own URL.
import type { Http, HttpRequest } from "../http.ts";
import type { CatalogEntry } from "../snapshot-catalog.ts";
import { RecordReader, SourceShapeError } from "../validate.ts";

export const ARCHIVE_SOURCE = "open-meteo-archive";
export const SKYBOUND_SOURCE = "open-meteo-skybound";

/** One hour of weather at one point. Values are null where the source has none. */
export interface HourlyWeather {
  /** Start of the hour, UTC, ISO-8601 with Z. */
  hourUtc: string;
  temperatureC: number | null;
  relativeHumidityPct: number | null;
  /** Sum over the preceding hour. */
  precipitationMm: number | null;
  windSpeedKmh: number | null;
  windGustsKmh: number | null;
  windDirectionDeg: number | null;
  cloudCoverPct: number | null;
  pressureMslHpa: number | null;
}

export interface PointWeather {
  /** The point the values are for: the grid cell the API chose, or the point that was asked. */
  latitude: number;
  longitude: number;
  hours: HourlyWeather[];
}

type Field = Exclude<keyof HourlyWeather, "hourUtc">;

/** API variable, our field, and the unit the API must answer in (its defaults; we never ask for others). */
const ARCHIVE_VARIABLES: [string, Field, string][] = [
  ["temperature_2m", "temperatureC", "°C"],
  ["relative_humidity_2m", "relativeHumidityPct", "%"],
  ["precipitation", "precipitationMm", "mm"],
  ["wind_speed_10m", "windSpeedKmh", "km/h"],
  ["wind_gusts_10m", "windGustsKmh", "km/h"],
  ["wind_direction_10m", "windDirectionDeg", "°"],
  ["cloud_cover", "cloudCoverPct", "%"],
  ["pressure_msl", "pressureMslHpa", "hPa"]
];

/** One UTC calendar day of weather at one point: the day's aggregates. */
export interface DailyWeather {
  /** The UTC date, YYYY-MM-DD. */
  dateUtc: string;
  temperatureMaxC: number | null;
  temperatureMinC: number | null;
  precipitationSumMm: number | null;
  windSpeedMaxKmh: number | null;
  windGustsMaxKmh: number | null;
  cloudCoverMeanPct: number | null;
}

type DailyField = Exclude<keyof DailyWeather, "dateUtc">;

/**
 * Daily variables: the API's name, our field, the unit. The recorded request (PROVENANCE §10) used
 * the API's older spellings of the same variables (windspeed_10m_max, cloudcover_mean); their CSV
 * columns are read in ll2-open-meteo.ts.
 */
export const DAILY_VARIABLES: [string, DailyField, string][] = [
  ["temperature_2m_max", "temperatureMaxC", "°C"],
  ["temperature_2m_min", "temperatureMinC", "°C"],
  ["precipitation_sum", "precipitationSumMm", "mm"],
  ["wind_speed_10m_max", "windSpeedMaxKmh", "km/h"],
  ["wind_gusts_10m_max", "windGustsMaxKmh", "km/h"],
  ["cloud_cover_mean", "cloudCoverMeanPct", "%"]
];

/**
 * What a real value can be at these pads, by unit: wind under 100 m/s (360 km/h), no negative
 * precipitation, temperatures −30…50 °C. A value outside is a broken response or a changed unit,
 * never weather, so it stops the build with the source, record and field.
 */
const PHYSICAL: Record<string, [number, number]> = {
  "°C": [-30, 50],
  mm: [0, 1000],
  "km/h": [0, 360],
  "%": [0, 100],
  "°": [0, 360],
  hPa: [850, 1100],
  m: [0, 30],
  s: [0, 40]
};

/** The value, or an error naming source, record and field when it is outside the unit's physical range. */
export function physical(value: number, unit: string, source: string, record: string, field: string): number {
  const range = PHYSICAL[unit];
  if (range && (value < range[0] || value > range[1])) {
    throw new SourceShapeError(source, record, field, `${value} ${unit} is outside the physical range ${range[0]}…${range[1]} ${unit}; the source is damaged or changed its units: check it before rebuilding`);
  }
  return value;
}

/**
 * The archive request for one pad over the whole date range of its launches (YYYY-MM-DD, UTC),
 * hourly and daily, in GMT: one request per pad, not per launch, as the recorded dataset asked it.
 */
export function archiveRequest(latitude: number, longitude: number, startDate: string, endDate: string): HttpRequest {
  const params = new URLSearchParams({
    latitude: latitude.toFixed(4),
    longitude: longitude.toFixed(4),
    start_date: startDate,
    end_date: endDate,
    hourly: ARCHIVE_VARIABLES.map(([name]) => name).join(","),
    daily: DAILY_VARIABLES.map(([name]) => name).join(","),
    timezone: "GMT"
  });
  return { source: ARCHIVE_SOURCE, url: `https://archive-api.open-meteo.com/v1/archive?${params}` };
}

export async function fetchArchive(http: Http, request: HttpRequest): Promise<PointWeather & { days: DailyWeather[] }> {
  const { data } = await http.json(request);
  return parseArchiveJson(data, request.url);
}

/** An archive API JSON body: its hourly block, and its daily block where one was asked for. */
export function parseArchiveJson(body: unknown, record: string): PointWeather & { days: DailyWeather[] } {
  const { latitude, longitude, hours } = parseHourlyJson(ARCHIVE_SOURCE, body, record, ARCHIVE_VARIABLES, emptyHour);
  return { latitude, longitude, hours, days: parseDailyJson(body, record) };
}

/** The daily block: UTC days only (asked in GMT; a local day would not be a UTC day). */
function parseDailyJson(body: unknown, record: string): DailyWeather[] {
  const r = new RecordReader(ARCHIVE_SOURCE, record, body);
  const daily = r.optionalChild("daily");
  if (!daily) return [];
  if (r.required("utc_offset_seconds", "number") !== 0) {
    throw new SourceShapeError(ARCHIVE_SOURCE, record, "utc_offset_seconds", "daily values must be asked in GMT (timezone=GMT) to be UTC days");
  }
  const units = r.child("daily_units");
  const times = daily.required("time", "array");
  const columns = DAILY_VARIABLES.map(([name, field, unit]) => {
    const got = units.required(name, "string");
    if (got !== unit) throw new SourceShapeError(ARCHIVE_SOURCE, `${record}.daily_units`, name, `expected unit "${unit}", got "${got}"`);
    const values = daily.required(name, "array");
    if (values.length !== times.length) throw new SourceShapeError(ARCHIVE_SOURCE, `${record}.daily`, name, `has ${values.length} values for ${times.length} days`);
    return { name, field, unit, values };
  });
  return times.map((time, i) => {
    if (typeof time !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(time)) {
      throw new SourceShapeError(ARCHIVE_SOURCE, `${record}.daily`, `time[${i}]`, `expected a date like 2021-03-14, got ${JSON.stringify(time)}`);
    }
    const day: DailyWeather = emptyDay(time);
    for (const { name, field, unit, values } of columns) {
      const v = values[i];
      if (v === null) continue;
      if (typeof v !== "number" || !Number.isFinite(v)) throw new SourceShapeError(ARCHIVE_SOURCE, `${record}.daily`, `${name}[${i}]`, `expected a number or null, got ${JSON.stringify(v)}`);
      day[field] = physical(v, unit, ARCHIVE_SOURCE, `${record}.daily (${time})`, name);
    }
    return day;
  });
}

export function emptyDay(dateUtc: string): DailyWeather {
  return { dateUtc, temperatureMaxC: null, temperatureMinC: null, precipitationSumMm: null, windSpeedMaxKmh: null, windGustsMaxKmh: null, cloudCoverMeanPct: null };
}

// ---- the marine API: modelled sea state, live only (no marine response is recorded) ----

export const MARINE_SOURCE = "open-meteo-marine";

/** One hour of modelled sea state at one point. */
export interface HourlySea {
  hourUtc: string;
  waveHeightM: number | null;
  /** Peak period of the wave spectrum: what NDBC calls the dominant period (DPD). */
  wavePeakPeriodS: number | null;
}

const MARINE_VARIABLES: [string, Exclude<keyof HourlySea, "hourUtc">, string][] = [
  ["wave_height", "waveHeightM", "m"],
  ["wave_peak_period", "wavePeakPeriodS", "s"]
];

/** One marine request at one point over a date range (UTC dates): one request, not one per launch. */
export function marineRequest(latitude: number, longitude: number, startDate: string, endDate: string): HttpRequest {
  const params = new URLSearchParams({
    latitude: latitude.toFixed(4),
    longitude: longitude.toFixed(4),
    start_date: startDate,
    end_date: endDate,
    hourly: MARINE_VARIABLES.map(([name]) => name).join(","),
    timezone: "GMT"
  });
  return { source: MARINE_SOURCE, url: `https://marine-api.open-meteo.com/v1/marine?${params}` };
}

export async function fetchMarine(http: Http, request: HttpRequest): Promise<{ latitude: number; longitude: number; hours: HourlySea[] }> {
  const { data } = await http.json(request);
  return parseMarineJson(data, request.url);
}

export function parseMarineJson(body: unknown, record: string): { latitude: number; longitude: number; hours: HourlySea[] } {
  return parseHourlyJson(MARINE_SOURCE, body, record, MARINE_VARIABLES, () => ({ hourUtc: "", waveHeightM: null, wavePeakPeriodS: null }));
}

/**
 * The hourly block of an Open-Meteo JSON body. `time` is local to `utc_offset_seconds` (0 when asked
 * in GMT), applied to every hour; each variable must come in the unit we expect (the API's default).
 */
function parseHourlyJson<H extends { hourUtc: string }>(
  source: string,
  body: unknown,
  record: string,
  variables: [string, Exclude<keyof H, "hourUtc">, string][],
  empty: () => H
): { latitude: number; longitude: number; hours: H[] } {
  const r = new RecordReader(source, record, body);
  const offsetSeconds = r.required("utc_offset_seconds", "number");
  const units = r.child("hourly_units");
  const hourly = r.child("hourly");
  const times = hourly.required("time", "array");
  const columns = variables.map(([name, field, unit]) => {
    const got = units.required(name, "string");
    if (got !== unit) throw new SourceShapeError(source, `${record}.hourly_units`, name, `expected unit "${unit}", got "${got}"`);
    const values = hourly.required(name, "array");
    if (values.length !== times.length) {
      throw new SourceShapeError(source, `${record}.hourly`, name, `has ${values.length} values for ${times.length} times`);
    }
    return { name, field, unit, values };
  });
  const hours = times.map((time, i) => {
    if (typeof time !== "string") throw new SourceShapeError(source, `${record}.hourly`, `time[${i}]`, `expected a string, got ${JSON.stringify(time)}`);
    const hour = empty();
    hour.hourUtc = localToUtc(time, offsetSeconds, source, `${record}.hourly`, `time[${i}]`);
    for (const { name, field, unit, values } of columns) {
      const v = values[i];
      if (v !== null && (typeof v !== "number" || !Number.isFinite(v))) {
        throw new SourceShapeError(source, `${record}.hourly`, `${name}[${i}]`, `expected a number or null, got ${JSON.stringify(v)}`);
      }
      (hour as Record<string, unknown>)[field as string] = v === null ? null : physical(v, unit, source, `${record}.hourly (${time})`, name);
    }
    return hour;
  });
  return { latitude: r.required("latitude", "number"), longitude: r.required("longitude", "number"), hours };
}

// ---- the recorded SkyBound file ----

const SKYBOUND_COMMIT = "e5de0a6fb0bbe8edb33f8e1428acca6f8248fa3e";
export const skyboundRequest: HttpRequest = {
  source: SKYBOUND_SOURCE,
  url: `https://raw.githubusercontent.com/GrahamC7/SkyBound/${SKYBOUND_COMMIT}/data/final_data.csv`
};

/** The point SkyBound asked the archive for (src/fetch_weather.py). */
export const SKYBOUND_POINT = { latitude: 28.3922, longitude: -80.6077 };

/**
 * The UTC offset of SkyBound's `time` column. Open-Meteo applies the offset that is current when the
 * request is made to the whole series and never switches for DST (open-meteo/open-meteo#1255, #488),
 * so the column is one fixed offset all year round, not America/New_York wall time. The file says
 * which (test/unit/open-meteo.test.ts): the semidiurnal pressure tide, locked to the sun, peaks at
 * the same clock hour in winter and summer (no DST shift), at about 09:50 local solar time under
 * UTC-4 (its known phase is ~09:45), where UTC-5 would put it at 10:50. UTC-4 also fits when the file
 * was made: the repository's logs date from March 2025, after DST began. (No DST-change date is among
 * its launch dates, so the hours themselves cannot show it.)
 */
export const SKYBOUND_UTC_OFFSET_SECONDS = -4 * 3600;

const SKYBOUND_COLUMNS: [string, Field][] = [
  ["temperature_2m", "temperatureC"],
  ["relative_humidity_2m", "relativeHumidityPct"],
  ["precipitation", "precipitationMm"],
  ["windspeed_10m", "windSpeedKmh"],
  ["windgusts_10m", "windGustsKmh"],
  ["winddirection_10m", "windDirectionDeg"],
  ["cloudcover", "cloudCoverPct"],
  ["pressure_msl", "pressureMslHpa"]
];

export async function fetchSkybound(http: Http): Promise<PointWeather> {
  const response = await http.text(skyboundRequest);
  return parseSkyboundCsv(response.body);
}

/**
 * SkyBound's CSV: launch-list columns (ignored) then the archive's hourly columns. Each launch date
 * carries its 24 hours, twice when two launches share a date: the copies must agree and are kept once.
 */
export function parseSkyboundCsv(text: string): PointWeather {
  const rows = parseCsv(text, SKYBOUND_SOURCE);
  const header = rows[0];
  if (!header) throw new SourceShapeError(SKYBOUND_SOURCE, "line 1", "(header)", "the file is empty");
  const index = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new SourceShapeError(SKYBOUND_SOURCE, "line 1", name, `column missing from the header (${header.join(",")})`);
    return i;
  };
  const timeColumn = index("time");
  const columns = SKYBOUND_COLUMNS.map(([name, field]) => ({ name, field, i: index(name) }));
  const byHour = new Map<string, { hour: HourlyWeather; line: number }>();
  rows.slice(1).forEach((cells, k) => {
    const line = k + 2;
    const record = `line ${line}`;
    if (cells.length !== header.length) {
      throw new SourceShapeError(SKYBOUND_SOURCE, record, "(row)", `has ${cells.length} fields, the header has ${header.length}; the file may be truncated`);
    }
    const hour: HourlyWeather = { ...emptyHour(), hourUtc: localToUtc(cells[timeColumn]!, SKYBOUND_UTC_OFFSET_SECONDS, SKYBOUND_SOURCE, record, "time") };
    for (const { name, field, i } of columns) {
      const cell = cells[i]!.trim();
      if (cell === "") continue;
      const v = Number(cell);
      if (!Number.isFinite(v)) throw new SourceShapeError(SKYBOUND_SOURCE, record, name, `expected a number, got ${JSON.stringify(cell)}`);
      hour[field] = physical(v, ARCHIVE_VARIABLES.find(([, f]) => f === field)![2], SKYBOUND_SOURCE, record, name);
    }
    const seen = byHour.get(hour.hourUtc);
    if (!seen) byHour.set(hour.hourUtc, { hour, line });
    else if (JSON.stringify(seen.hour) !== JSON.stringify(hour)) {
      throw new SourceShapeError(SKYBOUND_SOURCE, record, "time", `hour ${hour.hourUtc} repeats line ${seen.line} with different values`);
    }
  });
  const hours = [...byHour.values()].map((v) => v.hour).sort((a, b) => (a.hourUtc < b.hourUtc ? -1 : 1));
  return { ...SKYBOUND_POINT, hours };
}

export const openMeteoCatalog: CatalogEntry[] = [
  {
    request: skyboundRequest,
    file: "weather/open-meteo/cape-canaveral_28.3922_-80.6077_hourly_on_launch_dates_1957-2020.csv",
    contentType: "text/csv"
  }
];

// ---- shared ----

function emptyHour(): HourlyWeather {
  return {
    hourUtc: "",
    temperatureC: null,
    relativeHumidityPct: null,
    precipitationMm: null,
    windSpeedKmh: null,
    windGustsKmh: null,
    windDirectionDeg: null,
    cloudCoverPct: null,
    pressureMslHpa: null
  };
}

/** "2020-07-30T04:00" at a fixed UTC offset → "2020-07-30T08:00:00.000Z". */
export function localToUtc(local: string, offsetSeconds: number, source: string, record: string, field: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new SourceShapeError(source, record, field, `expected a time like 2020-07-30T04:00, got ${JSON.stringify(local)}`);
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi) - offsetSeconds * 1000;
  return new Date(ms).toISOString();
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string, source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        cell += c;
      }
    } else if (c === '"' && cell === "") {
      quoted = true;
      quoteLine = line;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      line++;
    } else cell += c;
  }
  if (quoted) throw new SourceShapeError(source, `line ${quoteLine}`, "(row)", "a quoted field is never closed; the file is truncated");
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
