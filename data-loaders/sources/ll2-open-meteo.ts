// ayushmahtele/Def-Space-Dashboard's launch_weather_dataset.csv (PROVENANCE §10): every Falcon 9
// launch in Launch Library 2 that carries LL2's `probability` (the 45th Weather Squadron's published
// chance of favourable weather for the attempt that flew), with LL2's `weather_concerns`, joined to
// Open-Meteo archive daily values at the pad for the launch's UTC date. It records two kinds of live
// request: LL2's /launch/previous/ records and one Open-Meteo archive request per pad over the pad's
// whole date range (daily, timezone=UTC); `recordedArchiveRequests` rebuilds the latter from the file.
// A recorded third-party extract: read only where recorded; a live build asks both sources itself.
import type { Http, HttpRequest } from "../http.ts";
import type { Problems } from "../problems.ts";
import type { CatalogEntry } from "../snapshot-catalog.ts";
import { SourceShapeError } from "../validate.ts";
import { emptyDay, physical, type DailyWeather } from "./open-meteo.ts";
import { headerIndex, parseDelimited, readRecordedExtract } from "./recorded-extract.ts";

export const LL2_OPEN_METEO_SOURCE = "ll2-open-meteo";
export const FILE_LL2_OPEN_METEO = "weather/ll2-open-meteo/launch_weather_dataset.csv";

export const requestLl2OpenMeteo: HttpRequest = {
  source: LL2_OPEN_METEO_SOURCE,
  url: "https://raw.githubusercontent.com/ayushmahtele/Def-Space-Dashboard/5dd2a25557e509e49f6c23a7fac642d09d345ed6/backend/data/launch_weather/launch_weather_dataset.csv"
};

export const catalogLl2OpenMeteo: CatalogEntry[] = [{ request: requestLl2OpenMeteo, file: FILE_LL2_OPEN_METEO, contentType: "text/csv" }];

/** The file's Open-Meteo columns: its name, the daily variable the recorded request asked for, our field, the unit. */
const DAILY_COLUMNS: [string, string, Exclude<keyof DailyWeather, "dateUtc">, string][] = [
  ["temp_max_c", "temperature_2m_max", "temperatureMaxC", "°C"],
  ["temp_min_c", "temperature_2m_min", "temperatureMinC", "°C"],
  ["precipitation_mm", "precipitation_sum", "precipitationSumMm", "mm"],
  ["windspeed_max_kmh", "windspeed_10m_max", "windSpeedMaxKmh", "km/h"],
  ["windgusts_max_kmh", "windgusts_10m_max", "windGustsMaxKmh", "km/h"],
  ["cloudcover_mean_pct", "cloudcover_mean", "cloudCoverMeanPct", "%"]
];

const COLUMNS = ["launch_id", "mission_name", "date", "pad_name", "latitude", "longitude", "weather_concerns_raw", "published_probability_pct", ...DAILY_COLUMNS.map(([c]) => c)] as const;

/** One row: an LL2 launch, its published weather forecast, and the pad's UTC day from the archive. */
export interface RecordedLaunchWeather {
  /** CSV line (1 = header). */
  line: number;
  ll2Id: string;
  mission: string;
  padName: string;
  /** LL2's pad position, the point the archive request asked for. */
  latitude: number;
  longitude: number;
  /** 0–100: LL2 `probability`, the 45th Weather Squadron's forecast. */
  probabilityPct: number;
  /** LL2 `weather_concerns`, tidied (spaces collapsed); null when empty or the literal "None". */
  concerns: string | null;
  day: DailyWeather;
}

export interface Ll2OpenMeteoData {
  rows: RecordedLaunchWeather[];
}

export async function fetchLl2OpenMeteo(http: Http, problems: Pick<Problems, "count">): Promise<Ll2OpenMeteoData> {
  const response = await readRecordedExtract(http, requestLl2OpenMeteo, problems);
  return response ? parseLl2OpenMeteo(response.body) : { rows: [] };
}

export function parseLl2OpenMeteo(text: string, file = FILE_LL2_OPEN_METEO): Ll2OpenMeteoData {
  const source = LL2_OPEN_METEO_SOURCE;
  const [header, ...lines] = parseDelimited(text, source, file, ",");
  const col = headerIndex(header, COLUMNS, source, file, "launch_weather_dataset");
  const seen = new Map<string, number>();
  const rows = lines.map((cells, i): RecordedLaunchWeather => {
    const line = i + 2;
    const record = `${file}, row ${line}`;
    if (cells.length !== header!.length) throw new SourceShapeError(source, record, "(row)", `expected ${header!.length} fields, got ${cells.length}; the file's layout changed or it is cut short`);
    const get = (name: (typeof COLUMNS)[number]) => cells[col[name]!]!.trim();
    const number = (name: (typeof COLUMNS)[number]) => {
      const v = Number(get(name));
      if (get(name) === "" || !Number.isFinite(v)) throw new SourceShapeError(source, record, name, `expected a number, got ${JSON.stringify(get(name))}`);
      return v;
    };
    const ll2Id = get("launch_id");
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(ll2Id)) throw new SourceShapeError(source, record, "launch_id", `expected an LL2 launch UUID, got ${JSON.stringify(ll2Id)}`);
    if (seen.has(ll2Id)) throw new SourceShapeError(source, record, "launch_id", `repeats row ${seen.get(ll2Id)}`);
    seen.set(ll2Id, line);
    const date = get("date");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw new SourceShapeError(source, record, "date", `expected a UTC date like 2026-07-30, got ${JSON.stringify(date)}`);
    const probabilityPct = number("published_probability_pct");
    if (!Number.isInteger(probabilityPct) || probabilityPct < 0 || probabilityPct > 100) {
      throw new SourceShapeError(source, record, "published_probability_pct", `expected a whole percentage 0–100, got ${JSON.stringify(get("published_probability_pct"))}`);
    }
    const latitude = number("latitude");
    const longitude = number("longitude");
    if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) throw new SourceShapeError(source, record, "latitude", `not a position: ${latitude}, ${longitude}`);
    const day = emptyDay(date);
    for (const [name, , field, unit] of DAILY_COLUMNS) day[field] = get(name) === "" ? null : physical(number(name), unit, source, record, name);
    const concerns = get("weather_concerns_raw").replace(/\s+/g, " ").replace(/\s*,\s*/g, ", ");
    return {
      line,
      ll2Id,
      mission: get("mission_name"),
      padName: get("pad_name"),
      latitude,
      longitude,
      probabilityPct,
      concerns: concerns === "" || concerns === "None" ? null : concerns,
      day
    };
  });
  return { rows };
}

/**
 * The Open-Meteo requests the file's weather came from (its build_dataset.py): one per pad over the
 * pad's first to last date, daily, in UTC. Shown in the log so a reader can ask them again.
 */
export function recordedArchiveRequests(data: Ll2OpenMeteoData): { padName: string; latitude: number; longitude: number; launches: number; request: HttpRequest }[] {
  const pads = new Map<string, RecordedLaunchWeather[]>();
  for (const row of data.rows) {
    const key = `${row.latitude},${row.longitude}`;
    pads.set(key, [...(pads.get(key) ?? []), row]);
  }
  return [...pads.values()].map((rows) => {
    const dates = rows.map((r) => r.day.dateUtc).sort();
    const { latitude, longitude, padName } = rows[0]!;
    const params = new URLSearchParams({
      latitude: String(latitude),
      longitude: String(longitude),
      start_date: dates[0]!,
      end_date: dates.at(-1)!,
      daily: DAILY_COLUMNS.map(([, variable]) => variable).join(","),
      timezone: "UTC"
    });
    return { padName, latitude, longitude, launches: rows.length, request: { source: "open-meteo-archive", url: `https://archive-api.open-meteo.com/v1/archive?${params}` } };
  });
}
