// Weather at each launch, from every source that covers it, each value group with its source, its
// granularity (launch hour, UTC day, buoy reading within the hour, launch attempt) and its kind
// (reanalysis, observation, forecast): the pad's atmosphere (Open-Meteo archive), LL2's published
// weather forecast, the sea offshore (NDBC 41010/41009, else Open-Meteo's marine model when live) and
// at the Cape's shore (NDBC 41113). A launch gets a row only where a source covers it; nothing is
// interpolated across gaps or borrowed from another day.
import { HttpError, ReplayMissError, type Http } from "./http.ts";
import type { WeatherForecast } from "./normalize.ts";
import { fetchLl2OpenMeteo, LL2_OPEN_METEO_SOURCE, recordedArchiveRequests, type RecordedLaunchWeather } from "./sources/ll2-open-meteo.ts";
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
  type DailyWeather,
  type HourlySea,
  type HourlyWeather
} from "./sources/open-meteo.ts";
import { byKeys, column, toParquet, type TableSpec } from "./tables.ts";

/** What weather needs of a launch; the launch list of launch-history.ts satisfies it. */
export interface WeatherLaunch {
  launchId: string;
  dateUtc: string;
  /** "day" when a source gives only the date: there is no launch hour to join, only the UTC day. */
  datePrecision?: string;
  padName: string | null;
  padLatitude: number | null;
  padLongitude: number | null;
  ll2Id?: string | null;
  /** LL2's forecast from the launch records the history read, and which LL2 source gave it. */
  weatherForecast?: WeatherForecast | null;
  weatherForecastSource?: string | null;
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
/**
 * A point asked for a named pad stands for our pad when it is this close: LL2's and the SpaceX API's
 * positions of one pad differ by tens of metres, and the two Florida pads are 7 km apart.
 */
export const SAME_PAD_KM = 2;
/** Buoys describe the sea off the coast they sit on: 41010 is 205 km from the Florida pads. */
export const MAX_BUOY_DISTANCE_KM = 300;
/** A buoy reading counts for a launch if it is this close in time (NDBC reports waves about hourly). */
export const BUOY_WINDOW_MS = 60 * 60_000;

export const GRANULARITY = {
  hour: "launch hour",
  day: "UTC day",
  buoy: `buoy reading within ${BUOY_WINDOW_MS / 60_000} minutes`,
  attempt: "launch attempt"
} as const;

export type WeatherKind = "reanalysis" | "observation" | "forecast";

/**
 * Buoys in order of preference for the sea offshore. Droneship landings off Florida happen 300–650 km
 * downrange, east to north-east of the Cape: 41010 (120 NM out) is the buoy nearest that zone, and
 * 41009 (20 NM out) stands in when 41010 has no wave reading within the hour.
 */
const OFFSHORE_BUOYS = ["41010", "41009"].map((id) => BUOYS.find((b) => b.id === id)!);
/** The sea at the Cape's shore, where return-to-launch-site boosters come back over. */
const NEARSHORE_BUOY = BUOYS.find((b) => b.id === "41113")!;

/**
 * One launch's weather, by value group; a group's fields are null where no source covers it. The
 * pad's atmosphere (HourlyWeather's values) is the launch hour where a source has it, else the UTC
 * day's aggregates.
 */
export interface WeatherRow extends Omit<HourlyWeather, "hourUtc"> {
  launchId: string;
  launchDateUtc: string;
  padSource: string | null;
  padGranularity: string | null;
  padKind: WeatherKind | null;
  observedAt: string | null;
  distanceKm: number | null;
  /** The pad's UTC day, from the daily aggregates alone: one granularity for every launch that has it. */
  daySource: string | null;
  dayGranularity: string | null;
  dayKind: WeatherKind | null;
  dayDateUtc: string | null;
  dayDistanceKm: number | null;
  day: Omit<DailyWeather, "dateUtc"> | null;
  /** LL2's published forecast for the attempt that flew. */
  forecastSource: string | null;
  forecastGranularity: string | null;
  forecastKind: WeatherKind | null;
  weatherProbabilityPct: number | null;
  weatherConcerns: string | null;
  /** The sea offshore. */
  waveSource: string | null;
  waveGranularity: string | null;
  waveKind: WeatherKind | null;
  waveObservedAt: string | null;
  waveDistanceKm: number | null;
  waveHeightM: number | null;
  dominantWavePeriodS: number | null;
  seaWindSpeedKmh: number | null;
  seaWindGustKmh: number | null;
  seaWindDirectionDeg: number | null;
  /** The sea at the Cape's shore. */
  nearshoreSource: string | null;
  nearshoreGranularity: string | null;
  nearshoreKind: WeatherKind | null;
  nearshoreObservedAt: string | null;
  nearshoreWaveHeightM: number | null;
  nearshoreWavePeriodS: number | null;
  nearshoreWaterTemperatureC: number | null;
}

const OPEN_METEO = "Open-Meteo archive API (ERA5) asked per pad when live; recorded: GrahamC7/SkyBound's launch-day hours, and the daily values of ayushmahtele/Def-Space-Dashboard's launch_weather_dataset.csv";
const DAILY = "Open-Meteo archive API daily values (live), or launch_weather_dataset.csv (recorded)";
const FORECAST = "Launch Library 2 launch records (probability, weather_concerns), or launch_weather_dataset.csv (recorded)";
const OFFSHORE = "NOAA NDBC stdmet historical files, buoys 41010/41009; else the Open-Meteo marine API (live)";
const NEARSHORE = "NOAA NDBC stdmet historical files, buoy 41113";

/**
 * The recorded build's coverage, quoted in the data dictionary. test/unit/weather.test.ts recomputes it
 * with coverageMarkdown(weatherCoverage(...)) and fails, showing the new table, when the build changes.
 */
export const RECORDED_COVERAGE = [
  "| year | pad | launches | pad: hour | pad: day | LL2 forecast | sea offshore | sea nearshore | none |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  "| 2010 | CCSFS SLC 40 | 2 | 2 | 0 | 0 | 2 | 0 | 0 |",
  "| 2012 | CCSFS SLC 40 | 2 | 1 | 0 | 0 | 2 | 2 | 0 |",
  "| 2013 | CCSFS SLC 40 | 2 | 2 | 0 | 0 | 2 | 2 | 0 |",
  "| 2013 | VAFB SLC 4E | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
  "| 2014 | CCSFS SLC 40 | 6 | 6 | 0 | 0 | 6 | 6 | 0 |",
  "| 2015 | CCSFS SLC 40 | 7 | 5 | 0 | 0 | 7 | 6 | 0 |",
  "| 2016 | CCSFS SLC 40 | 7 | 7 | 0 | 6 | 7 | 7 | 0 |",
  "| 2016 | VAFB SLC 4E | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
  "| 2017 | CCSFS SLC 40 | 1 | 1 | 0 | 1 | 1 | 1 | 0 |",
  "| 2017 | KSC LC 39A | 12 | 0 | 12 | 12 | 9 | 12 | 0 |",
  "| 2017 | VAFB SLC 4E | 5 | 0 | 4 | 4 | 0 | 0 | 1 |",
  "| 2018 | CCSFS SLC 40 | 12 | 11 | 1 | 12 | 0 | 11 | 0 |",
  "| 2018 | KSC LC 39A | 3 | 0 | 3 | 3 | 0 | 3 | 0 |",
  "| 2018 | VAFB SLC 4E | 6 | 0 | 3 | 3 | 0 | 0 | 3 |",
  "| 2019 | CCSFS SLC 40 | 8 | 5 | 3 | 8 | 0 | 8 | 0 |",
  "| 2019 | KSC LC 39A | 3 | 0 | 3 | 3 | 0 | 3 | 0 |",
  "| 2019 | VAFB SLC 4E | 2 | 0 | 1 | 1 | 0 | 0 | 1 |",
  "| 2020 | CCSFS SLC 40 | 14 | 6 | 8 | 14 | 0 | 13 | 0 |",
  "| 2020 | KSC LC 39A | 11 | 0 | 10 | 10 | 0 | 11 | 0 |",
  "| 2020 | VAFB SLC 4E | 1 | 0 | 1 | 1 | 0 | 0 | 0 |",
  "| 2021 | CCSFS SLC 40 | 16 | 0 | 16 | 16 | 5 | 0 | 0 |",
  "| 2021 | KSC LC 39A | 12 | 0 | 12 | 12 | 2 | 0 | 0 |",
  "| 2021 | VAFB SLC 4E | 3 | 0 | 1 | 1 | 0 | 0 | 2 |",
  "| 2022 | CCSFS SLC 40 | 30 | 0 | 28 | 29 | 5 | 0 | 1 |",
  "| 2022 | KSC LC 39A | 18 | 0 | 17 | 18 | 4 | 0 | 0 |",
  "| 2022 | VAFB SLC 4E | 13 | 0 | 7 | 7 | 0 | 0 | 6 |",
  "| 2023 | CCSFS SLC 40 | 55 | 0 | 55 | 55 | 0 | 0 | 0 |",
  "| 2023 | KSC LC 39A | 13 | 0 | 13 | 13 | 0 | 0 | 0 |",
  "| 2023 | VAFB SLC 4E | 28 | 0 | 4 | 4 | 0 | 0 | 24 |",
  "| 2024 | CCSFS SLC 40 | 62 | 0 | 61 | 61 | 0 | 0 | 1 |",
  "| 2024 | KSC LC 39A | 26 | 0 | 24 | 24 | 0 | 0 | 2 |",
  "| 2024 | VAFB SLC 4E | 46 | 0 | 7 | 7 | 0 | 0 | 39 |",
  "| 2025 | CCSFS SLC 40 | 74 | 0 | 71 | 71 | 0 | 0 | 3 |",
  "| 2025 | KSC LC 39A | 27 | 0 | 24 | 24 | 0 | 0 | 3 |",
  "| 2025 | VAFB SLC 4E | 64 | 0 | 5 | 5 | 0 | 0 | 59 |",
  "| 2026 | CCSFS SLC 40 | 45 | 0 | 40 | 44 | 0 | 0 | 1 |",
  "| 2026 | KSC LC 39A | 1 | 0 | 1 | 1 | 0 | 0 | 0 |",
  "| 2026 | VAFB SLC 4E | 43 | 0 | 1 | 1 | 0 | 0 | 42 |"
].join("\n");

const kinds = '"reanalysis", "observation" or "forecast"';

export const weatherTable: TableSpec<WeatherRow> = {
  name: "weather",
  description: `Weather at launch, one row per launch that some source covers, in five value groups. Each group names its
\`*_source\`, its \`*_granularity\` (${Object.values(GRANULARITY).map((g) => `"${g}"`).join(", ")}) and its \`*_kind\`
(${kinds}); a group is all null where no source covers the launch. Nothing is interpolated across gaps or borrowed from
another day; a launch without a row has no weather in the sources. Units are converted once, here: wind km/h (buoy
m/s × 3.6), temperatures °C, precipitation mm, waves m, pressure hPa. A value outside its physical range (wind over
100 m/s, negative precipitation, a temperature outside −30…50 °C) stops the build, naming source, file, row and column.

**The pad (\`pad_*\` and the value columns after it), reanalysis.** The launch hour wins over the UTC day: where a source
has the hour nearest lift-off, the values are that hour's; otherwise they are the UTC day's aggregates (wind and gusts the
day's maximum, precipitation its sum, cloud cover its mean, temperature null: the day's extremes are in \`day_*\`).
A live build asks Open-Meteo's archive **once per pad** for its launches' whole date range, hourly and daily, in GMT
(\`archive-api.open-meteo.com/v1/archive?latitude=…&longitude=…&start_date=FIRST&end_date=LAST&hourly=…&daily=…&timezone=GMT\`).
Recorded: GrahamC7/SkyBound's \`data/final_data.csv\` (commit e5de0a6), the launch-date hours of one archive response at
28.3922, −80.6077 (\`${SKYBOUND_SOURCE}\`); its \`time\` is read as UTC−4 all year (Open-Meteo applies one offset to a series;
the file's semidiurnal pressure tide, test/unit/open-meteo.test.ts, shows it), so each date holds 04:00 → 03:00 UTC and a
launch between 00:00 and 03:59 UTC misses its hour. It stands for pads within ${MAX_GRID_DISTANCE_KM} km (one ERA5 grid
spacing): SLC-40 (19.1 km) and LC-39A (24.0 km), never Vandenberg. And ayushmahtele/Def-Space-Dashboard's
\`launch_weather_dataset.csv\` (\`${LL2_OPEN_METEO_SOURCE}\`, PROVENANCE §10): Open-Meteo daily values at LL2's position of each
pad for 469 launch dates 2016-03 → 2026-07, from one archive request per pad over its whole range (\`timezone=UTC\`), read
for the launch's pad (within ${SAME_PAD_KM} km) and UTC date.

**The UTC day (\`day_*\`), reanalysis.** The same daily aggregates for every launch that has them, whether or not the hour is
known: one granularity across the years, for comparisons and the model.

**The forecast (\`forecast_*\`, \`weather_probability_pct\`, \`weather_concerns\`).** LL2's \`probability\`: the 45th Weather
Squadron's published percent chance of favourable weather for the attempt that flew, with its weather concerns (free text).
A forecast, not an observation, and every launch here flew: it says how doubtful the weather looked, not whether it
stopped anything. From LL2's launch records where the history read them (\`ll2\`, \`ll2-upcoming\`), else the recorded
dataset's LL2 columns, joined by LL2 id, else by pad and UTC date.

**The sea offshore (\`wave_*\`, \`sea_wind_*\`), observation.** 41010 (120 NM east of Cape Canaveral) is the buoy nearest
the droneship zone, 300–650 km downrange; 41009 (20 NM east) stands in when 41010 has no reading. The reading used is the
one with a wave height nearest lift-off, within ${BUOY_WINDOW_MS / 60_000} minutes; pads more than ${MAX_BUOY_DISTANCE_KM} km away
(Vandenberg) get none. A live build asks NDBC for each year with a Florida launch, and where no buoy reading is at hand,
Open-Meteo's marine API at 41010's position, once over the date range (\`${MARINE_SOURCE}\`, kind "forecast": archived
wave-model runs, not measurements). Recorded: 41009 2010–2017 (2012, 2016 and 2017 have gaps: 2017 starts on 22 April),
41009 and 41010 Q1 2021 and Q1 2022.

**The sea at the shore (\`nearshore_*\`), observation.** Buoy 41113, Cape Canaveral Nearshore (waves and water temperature
only), the reading with a wave height nearest lift-off within ${BUOY_WINDOW_MS / 60_000} minutes. Recorded: 2010–2020.

Coverage of the recorded build (\`weatherCoverage()\`), per year and pad; "hour" and "day" count pad weather by the
granularity used, and "none" counts launches without a row:

${RECORDED_COVERAGE}`,
  grain: "launch with weather",
  order: byKeys((r) => r.launchDateUtc, (r) => r.launchId),
  columns: [
    column("launch_id", "STRING", (r) => r.launchId, "Launch (joins launches.launch_id).", "launches"),
    column("sources", "STRING", (r) => [...new Set([r.padSource, r.daySource, r.forecastSource, r.waveSource, r.nearshoreSource].filter(Boolean))].join(","), "Every source with a value in this row, comma-separated (the model's source-artifact check tests weather covariates against it).", "the *_source columns"),
    column("pad_source", "STRING", (r) => r.padSource, `Source of the pad's values: "${ARCHIVE_SOURCE}" (asked live per pad), "${SKYBOUND_SOURCE}" (recorded hours at one Cape Canaveral point) or "${LL2_OPEN_METEO_SOURCE}" (recorded daily values); null when no source covers the pad.`, OPEN_METEO),
    column("pad_granularity", "STRING", (r) => r.padGranularity, `"${GRANULARITY.hour}" or "${GRANULARITY.day}".`, OPEN_METEO),
    column("pad_kind", "STRING", (r) => r.padKind, `"reanalysis": a model of the weather (ERA5), not a station reading.`, OPEN_METEO),
    column("observed_at", "TIMESTAMP", (r) => r.observedAt, "The hour joined (lift-off rounded to the nearest whole hour, UTC), or 00:00 UTC of the day.", OPEN_METEO),
    column("distance_km", "DOUBLE", (r) => r.distanceKm, `Pad to the point the values are for: the grid cell the API answered for, SkyBound's 28.3922, -80.6077 (at most ${MAX_GRID_DISTANCE_KM} km), or the point the recorded request asked.`, OPEN_METEO),
    column("temperature_2m_c", "DOUBLE", (r) => r.temperatureC, "Air temperature 2 m above ground in the hour, °C; null by UTC day.", OPEN_METEO),
    column("relative_humidity_pct", "DOUBLE", (r) => r.relativeHumidityPct, "Relative humidity at 2 m in the hour, %; null by UTC day.", OPEN_METEO),
    column("precipitation_mm", "DOUBLE", (r) => r.precipitationMm, "Precipitation in the hour before observed_at, or the UTC day's sum, mm.", OPEN_METEO),
    column("wind_speed_10m_kmh", "DOUBLE", (r) => r.windSpeedKmh, "Wind speed 10 m above ground in the hour, or the UTC day's maximum, km/h.", OPEN_METEO),
    column("wind_gusts_10m_kmh", "DOUBLE", (r) => r.windGustsKmh, "Strongest gust at 10 m in the hour before observed_at, or the UTC day's maximum, km/h.", OPEN_METEO),
    column("wind_direction_10m_deg", "DOUBLE", (r) => r.windDirectionDeg, "Direction the wind blows from at 10 m, degrees from north; null by UTC day.", OPEN_METEO),
    column("cloud_cover_pct", "DOUBLE", (r) => r.cloudCoverPct, "Total cloud cover in the hour, or the UTC day's mean, %.", OPEN_METEO),
    column("pressure_msl_hpa", "DOUBLE", (r) => r.pressureMslHpa, "Air pressure reduced to mean sea level in the hour, hPa; null by UTC day.", OPEN_METEO),
    column("day_source", "STRING", (r) => r.daySource, `Source of the day_* values: "${ARCHIVE_SOURCE}" (live) or "${LL2_OPEN_METEO_SOURCE}" (recorded).`, DAILY),
    column("day_granularity", "STRING", (r) => r.dayGranularity, `"${GRANULARITY.day}": aggregates over the launch's UTC calendar date.`, DAILY),
    column("day_kind", "STRING", (r) => r.dayKind, `"reanalysis".`, DAILY),
    column("day_date", "STRING", (r) => r.dayDateUtc, "The UTC date aggregated, YYYY-MM-DD.", DAILY),
    column("day_distance_km", "DOUBLE", (r) => r.dayDistanceKm, "Pad to the point the daily values are for, km.", DAILY),
    column("day_temperature_max_c", "DOUBLE", (r) => r.day?.temperatureMaxC ?? null, "Highest air temperature at 2 m in the UTC day, °C.", DAILY),
    column("day_temperature_min_c", "DOUBLE", (r) => r.day?.temperatureMinC ?? null, "Lowest air temperature at 2 m in the UTC day, °C.", DAILY),
    column("day_precipitation_mm", "DOUBLE", (r) => r.day?.precipitationSumMm ?? null, "Precipitation over the UTC day, mm.", DAILY),
    column("day_wind_speed_max_kmh", "DOUBLE", (r) => r.day?.windSpeedMaxKmh ?? null, "Highest hourly wind speed at 10 m in the UTC day, km/h.", DAILY),
    column("day_wind_gusts_max_kmh", "DOUBLE", (r) => r.day?.windGustsMaxKmh ?? null, "Strongest gust at 10 m in the UTC day, km/h.", DAILY),
    column("day_cloud_cover_mean_pct", "DOUBLE", (r) => r.day?.cloudCoverMeanPct ?? null, "Mean total cloud cover over the UTC day, %.", DAILY),
    column("forecast_source", "STRING", (r) => r.forecastSource, `"ll2" or "ll2-upcoming" (LL2 launch records the history read) or "${LL2_OPEN_METEO_SOURCE}" (the recorded dataset's LL2 columns); null where LL2 published none.`, FORECAST),
    column("forecast_granularity", "STRING", (r) => r.forecastGranularity, `"${GRANULARITY.attempt}": the forecast for the attempt that flew.`, FORECAST),
    column("forecast_kind", "STRING", (r) => r.forecastKind, `"forecast": issued before launch, not an observation.`, FORECAST),
    column("weather_probability_pct", "INT32", (r) => r.weatherProbabilityPct, "The 45th Weather Squadron's published chance of favourable launch weather, % (LL2 probability).", FORECAST),
    column("weather_concerns", "STRING", (r) => r.weatherConcerns, "LL2's weather concerns (free text, e.g. \"Cumulus Cloud Rule\"); null when none were given.", FORECAST),
    column("wave_source", "STRING", (r) => r.waveSource, `Source of the offshore sea: "ndbc-41010", "ndbc-41009" (measured) or "${MARINE_SOURCE}" (modelled at 41010's position, live builds); null when none covers the launch.`, OFFSHORE),
    column("wave_granularity", "STRING", (r) => r.waveGranularity, `"${GRANULARITY.buoy}" (buoys) or "${GRANULARITY.hour}" (marine model).`, OFFSHORE),
    column("wave_kind", "STRING", (r) => r.waveKind, `"observation" (buoys) or "forecast" (marine model).`, OFFSHORE),
    column("wave_observed_at", "TIMESTAMP", (r) => r.waveObservedAt, "Time of the reading used (the one with a wave height nearest lift-off), or the modelled hour, UTC.", OFFSHORE),
    column("wave_distance_km", "DOUBLE", (r) => r.waveDistanceKm, "Pad to the buoy, or to the marine model's grid cell, km.", OFFSHORE),
    column("wave_height_m", "DOUBLE", (r) => r.waveHeightM, "Significant wave height (WVHT), m.", OFFSHORE),
    column("dominant_wave_period_s", "DOUBLE", (r) => r.dominantWavePeriodS, "Dominant (spectral peak) wave period: DPD at the buoy, wave_peak_period in the marine model, s.", OFFSHORE),
    column("sea_wind_speed_kmh", "DOUBLE", (r) => r.seaWindSpeedKmh, "Wind speed at the buoy (anemometer about 4 m above the sea, not 10 m), km/h (NDBC m/s × 3.6).", OFFSHORE),
    column("sea_wind_gust_kmh", "DOUBLE", (r) => r.seaWindGustKmh, "Peak gust at the buoy, km/h (NDBC m/s × 3.6).", OFFSHORE),
    column("sea_wind_direction_deg", "DOUBLE", (r) => r.seaWindDirectionDeg, "Direction the wind blows from at the buoy, degrees from north.", OFFSHORE),
    column("nearshore_source", "STRING", (r) => r.nearshoreSource, `"${ndbcSource(NEARSHORE_BUOY.id)}" where the buoy has a wave reading near lift-off; null otherwise.`, NEARSHORE),
    column("nearshore_granularity", "STRING", (r) => r.nearshoreGranularity, `"${GRANULARITY.buoy}".`, NEARSHORE),
    column("nearshore_kind", "STRING", (r) => r.nearshoreKind, `"observation".`, NEARSHORE),
    column("nearshore_observed_at", "TIMESTAMP", (r) => r.nearshoreObservedAt, "Time of the reading used, UTC.", NEARSHORE),
    column("nearshore_wave_height_m", "DOUBLE", (r) => r.nearshoreWaveHeightM, "Significant wave height at the Cape's shore, m.", NEARSHORE),
    column("nearshore_wave_period_s", "DOUBLE", (r) => r.nearshoreWavePeriodS, "Dominant wave period at the Cape's shore, s.", NEARSHORE),
    column("nearshore_water_temperature_c", "DOUBLE", (r) => r.nearshoreWaterTemperatureC, "Sea surface temperature at the buoy, °C.", NEARSHORE)
  ]
};

type Placed = WeatherLaunch & { padLatitude: number; padLongitude: number };

/** Weather rows for the launches, from every weather source the Http can reach or replay. */
export async function weatherRows(http: Http, launches: readonly WeatherLaunch[], options: WeatherOptions = {}): Promise<WeatherRow[]> {
  const log = options.log ?? stderrLog;
  const problems: GapCounter = options.problems ?? { count: () => {} };
  const gap = (source: string, kind: string, example: string) => problems.count(source, kind, example);
  const notThere = http.mode === "replay" ? "not recorded" : "not found";
  const started = Date.now();
  const placed = launches.filter((l): l is Placed => {
    if (l.padLatitude !== null && l.padLongitude !== null) return true;
    gap("weather", "launch without pad position", l.launchId);
    return false;
  });
  const hasHour = (l: WeatherLaunch) => l.datePrecision === undefined || l.datePrecision === "hour";
  for (const l of placed) if (!hasHour(l)) gap("weather", "launch time known only to the day: UTC-day values only", l.launchId);

  // Live archive: one request per pad over the whole range of its launches' dates (and joined hours).
  const pads = new Map<string, Placed[]>();
  for (const l of placed) {
    const key = padKey(l.padLatitude, l.padLongitude);
    pads.set(key, [...(pads.get(key) ?? []), l]);
  }
  const archive = new Map<string, { latitude: number; longitude: number; hours: Map<string, HourlyWeather>; days: Map<string, DailyWeather> }>();
  for (const [key, padLaunches] of pads) {
    const dates = padLaunches.flatMap((l) => [l.dateUtc.slice(0, 10), ...(hasHour(l) ? [launchHour(l.dateUtc).slice(0, 10)] : [])]).sort();
    const first = padLaunches[0]!;
    const request = archiveRequest(first.padLatitude, first.padLongitude, dates[0]!, dates.at(-1)!);
    const point = await optional(() => fetchArchive(http, request));
    if (!point) {
      gap(ARCHIVE_SOURCE, notThere, request.url);
      continue;
    }
    archive.set(key, { ...point, hours: new Map(point.hours.map((h) => [h.hourUtc, h])), days: new Map(point.days.map((d) => [d.dateUtc, d])) });
  }
  log(`weather: ${ARCHIVE_SOURCE}: ${archive.size} of ${pads.size} pads ${http.mode === "replay" ? "recorded" : "fetched"} (one request per pad)`);

  const skybound = await fetchSkybound(http);
  const skyboundHours = new Map(skybound.hours.map((h) => [h.hourUtc, h]));
  log(`weather: ${SKYBOUND_SOURCE}: ${skybound.hours.length} distinct hours at ${skybound.latitude}, ${skybound.longitude}`);

  // The recorded launch-weather dataset: LL2 forecasts and the pads' daily values (replay only).
  const recorded = await fetchLl2OpenMeteo(http, problems);
  const recordedById = new Map(recorded.rows.map((r) => [r.ll2Id, r]));
  const recordedByPadDay = new Map<string, RecordedLaunchWeather>();
  for (const r of recorded.rows) recordedByPadDay.set(`${padKey(r.latitude, r.longitude)}|${r.day.dateUtc}`, r);
  for (const { padName, launches: n, request } of recordedArchiveRequests(recorded)) log(`weather: ${LL2_OPEN_METEO_SOURCE}: ${padName}, ${n} launch dates, recorded from ${request.url}`);
  const recordedPads = [...new Set(recorded.rows.map((r) => padKey(r.latitude, r.longitude)))].map((k) => k.split(",").map(Number) as [number, number]);
  const recordedPadOf = (l: Placed) => recordedPads.find(([lat, lon]) => distanceKm(l.padLatitude, l.padLongitude, lat, lon) <= SAME_PAD_KM) ?? null;
  const claimedIds = new Set(placed.map((l) => l.ll2Id).filter((id): id is string => !!id));

  // Buoy files for every year that has a launch near a buoy (and the neighbouring year at a year's edge).
  const buoyData = new Map<string, BuoyObservation[]>();
  for (const buoy of [...OFFSHORE_BUOYS, NEARSHORE_BUOY]) {
    const years = new Set<number>();
    for (const l of placed) {
      if (!hasHour(l) || distanceKm(l.padLatitude, l.padLongitude, buoy.latitude, buoy.longitude) > MAX_BUOY_DISTANCE_KM) continue;
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

  // Modelled sea state where no buoy reading is at hand: Open-Meteo's marine API at 41010's position,
  // one request over the range of those launches' dates.
  const marinePoint = OFFSHORE_BUOYS[0]!;
  const needMarine = placed.filter(
    (l) => hasHour(l) && distanceKm(l.padLatitude, l.padLongitude, marinePoint.latitude, marinePoint.longitude) <= MAX_BUOY_DISTANCE_KM && !nearestReading(OFFSHORE_BUOYS, l, buoyData)
  );
  let marine: { latitude: number; longitude: number; hours: Map<string, HourlySea> } | null = null;
  if (needMarine.length) {
    const dates = needMarine.map((l) => launchHour(l.dateUtc).slice(0, 10)).sort();
    const request = marineRequest(marinePoint.latitude, marinePoint.longitude, dates[0]!, dates.at(-1)!);
    // 400: the marine models do not reach back to the start of the range.
    const point = await optional(() => fetchMarine(http, request), [400, 404]);
    if (point) marine = { ...point, hours: new Map(point.hours.map((h) => [h.hourUtc, h])) };
    else gap(MARINE_SOURCE, http.mode === "replay" ? "not recorded" : "no data for the range", request.url);
    log(`weather: ${MARINE_SOURCE}: ${needMarine.length} launches without a buoy reading, ${point ? "1 request answered" : "no answer"}`);
  }

  const rows: WeatherRow[] = [];
  const unmatched = new Set(recorded.rows);
  for (const l of placed) {
    const key = padKey(l.padLatitude, l.padLongitude);
    const live = archive.get(key);
    const date = l.dateUtc.slice(0, 10);
    const hour = hasHour(l) ? launchHour(l.dateUtc) : null;
    const recordedPad = recordedPadOf(l);
    const recordedDay = recordedPad ? recordedByPadDay.get(`${padKey(...recordedPad)}|${date}`) : undefined;
    if (recordedDay) unmatched.delete(recordedDay);

    // The day: live daily values, else the recorded dataset's.
    const liveDay = live?.days.get(date);
    const day =
      liveDay && hasValues(liveDay)
        ? { source: ARCHIVE_SOURCE, values: liveDay, distance: distanceKm(l.padLatitude, l.padLongitude, live!.latitude, live!.longitude) }
        : recordedDay
          ? { source: LL2_OPEN_METEO_SOURCE, values: recordedDay.day, distance: distanceKm(l.padLatitude, l.padLongitude, recordedDay.latitude, recordedDay.longitude) }
          : null;

    // The hour wins over the day.
    const liveHour = hour ? live?.hours.get(hour) : undefined;
    const skyboundDistance = distanceKm(l.padLatitude, l.padLongitude, skybound.latitude, skybound.longitude);
    const recordedHour = hour && skyboundDistance <= MAX_GRID_DISTANCE_KM ? skyboundHours.get(hour) : undefined;
    const atHour =
      liveHour && hasValues(liveHour)
        ? { source: ARCHIVE_SOURCE, hour: liveHour, distance: distanceKm(l.padLatitude, l.padLongitude, live!.latitude, live!.longitude) }
        : recordedHour && hasValues(recordedHour)
          ? { source: SKYBOUND_SOURCE, hour: recordedHour, distance: skyboundDistance }
          : null;

    // LL2's forecast: the history's LL2 records, else the recorded dataset by LL2 id, else by pad and day
    // (when that row's LL2 id belongs to no other launch).
    const byId = l.ll2Id ? recordedById.get(l.ll2Id) : undefined;
    const byPadDay = recordedDay && (!claimedIds.has(recordedDay.ll2Id) || recordedDay.ll2Id === l.ll2Id) ? recordedDay : undefined;
    const recordedForecast = byId ?? byPadDay;
    if (l.weatherForecast && recordedForecast && l.weatherForecast.probabilityPct !== recordedForecast.probabilityPct) {
      gap("weather", "LL2 probability differs between the launch records and the recorded dataset", `${l.launchId}: ${l.weatherForecast.probabilityPct} vs ${recordedForecast.probabilityPct}`);
    }
    const forecast = l.weatherForecast
      ? {
          source: l.weatherForecastSource ?? "ll2",
          probabilityPct: l.weatherForecast.probabilityPct,
          // LL2's list records carry no concerns; the recorded dataset's are taken only where its forecast is the same one.
          concerns: l.weatherForecast.concerns ?? (recordedForecast?.probabilityPct === l.weatherForecast.probabilityPct ? recordedForecast.concerns : null)
        }
      : recordedForecast
        ? { source: LL2_OPEN_METEO_SOURCE, probabilityPct: recordedForecast.probabilityPct, concerns: recordedForecast.concerns }
        : null;

    const offshore = hour ? nearestReading(OFFSHORE_BUOYS, l, buoyData) : null;
    const marineHour = hour && !offshore ? marine?.hours.get(hour) : undefined;
    const modelled = marine && marineHour && marineHour.waveHeightM !== null ? { hour: marineHour, distance: distanceKm(l.padLatitude, l.padLongitude, marine.latitude, marine.longitude) } : null;
    const nearshore = hour ? nearestReading([NEARSHORE_BUOY], l, buoyData) : null;

    if (!atHour && !day && !forecast && !offshore && !modelled && !nearshore) continue;
    const pad = atHour ?? day;
    rows.push({
      launchId: l.launchId,
      launchDateUtc: l.dateUtc,
      padSource: pad?.source ?? null,
      padGranularity: atHour ? GRANULARITY.hour : day ? GRANULARITY.day : null,
      padKind: pad ? "reanalysis" : null,
      observedAt: atHour ? hour : day ? `${date}T00:00:00.000Z` : null,
      distanceKm: pad ? round(pad.distance, 2) : null,
      temperatureC: atHour?.hour.temperatureC ?? null,
      relativeHumidityPct: atHour?.hour.relativeHumidityPct ?? null,
      precipitationMm: atHour ? atHour.hour.precipitationMm : (day?.values.precipitationSumMm ?? null),
      windSpeedKmh: atHour ? atHour.hour.windSpeedKmh : (day?.values.windSpeedMaxKmh ?? null),
      windGustsKmh: atHour ? atHour.hour.windGustsKmh : (day?.values.windGustsMaxKmh ?? null),
      windDirectionDeg: atHour?.hour.windDirectionDeg ?? null,
      cloudCoverPct: atHour ? atHour.hour.cloudCoverPct : (day?.values.cloudCoverMeanPct ?? null),
      pressureMslHpa: atHour?.hour.pressureMslHpa ?? null,
      daySource: day?.source ?? null,
      dayGranularity: day ? GRANULARITY.day : null,
      dayKind: day ? "reanalysis" : null,
      dayDateUtc: day ? date : null,
      dayDistanceKm: day ? round(day.distance, 2) : null,
      day: day ? withoutDate(day.values) : null,
      forecastSource: forecast?.source ?? null,
      forecastGranularity: forecast ? GRANULARITY.attempt : null,
      forecastKind: forecast ? "forecast" : null,
      weatherProbabilityPct: forecast?.probabilityPct ?? null,
      weatherConcerns: forecast?.concerns ?? null,
      waveSource: offshore ? ndbcSource(offshore.buoy.id) : modelled ? MARINE_SOURCE : null,
      waveGranularity: offshore ? GRANULARITY.buoy : modelled ? GRANULARITY.hour : null,
      waveKind: offshore ? "observation" : modelled ? "forecast" : null,
      waveObservedAt: offshore ? new Date(offshore.observation.timeMs).toISOString() : modelled ? hour : null,
      waveDistanceKm: offshore ? round(offshore.distance, 2) : modelled ? round(modelled.distance, 2) : null,
      waveHeightM: offshore?.observation.waveHeightM ?? modelled?.hour.waveHeightM ?? null,
      dominantWavePeriodS: offshore?.observation.dominantPeriodS ?? modelled?.hour.wavePeakPeriodS ?? null,
      seaWindSpeedKmh: kmh(offshore?.observation.windSpeedMs),
      seaWindGustKmh: kmh(offshore?.observation.windGustMs),
      seaWindDirectionDeg: offshore?.observation.windDirectionDeg ?? null,
      nearshoreSource: nearshore ? ndbcSource(nearshore.buoy.id) : null,
      nearshoreGranularity: nearshore ? GRANULARITY.buoy : null,
      nearshoreKind: nearshore ? "observation" : null,
      nearshoreObservedAt: nearshore ? new Date(nearshore.observation.timeMs).toISOString() : null,
      nearshoreWaveHeightM: nearshore?.observation.waveHeightM ?? null,
      nearshoreWavePeriodS: nearshore?.observation.dominantPeriodS ?? null,
      nearshoreWaterTemperatureC: nearshore?.observation.waterTemperatureC ?? null
    });
  }
  // A recorded day no launch took: the sources disagree on the pad or the UTC date, so its weather is not borrowed.
  for (const r of unmatched) gap(LL2_OPEN_METEO_SOURCE, "row meets no launch at its pad on its UTC date (the pad or date differs in the launch history)", `${r.mission}, ${r.padName}, ${r.day.dateUtc}`);
  log(`weather: ${rows.length} of ${launches.length} launches have weather (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return rows;
}

/** The weather table as Parquet. The release (data-loaders/release.ts: the CLI and src/data/release.tar.ts) calls this. */
export async function buildWeather(http: Http, launches: readonly WeatherLaunch[], options: WeatherOptions = {}): Promise<Uint8Array> {
  return toParquet(weatherTable, await weatherRows(http, launches, options));
}

export interface WeatherCoverage {
  year: number;
  pad: string;
  launches: number;
  /** Pad weather by the granularity used: the launch hour, else the UTC day. */
  padHour: number;
  padDay: number;
  forecast: number;
  offshore: number;
  nearshore: number;
  withoutWeather: number;
}

/** Launches with and without each group, per year and pad, as a Markdown table (the data dictionary quotes the recorded build's). */
export function coverageMarkdown(coverage: readonly WeatherCoverage[]): string {
  const lines = coverage.map((c) => `| ${c.year} | ${c.pad} | ${c.launches} | ${c.padHour} | ${c.padDay} | ${c.forecast} | ${c.offshore} | ${c.nearshore} | ${c.withoutWeather} |`);
  return ["| year | pad | launches | pad: hour | pad: day | LL2 forecast | sea offshore | sea nearshore | none |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |", ...lines].join("\n");
}

/** Launches with and without weather, per year and pad: what the table covers and what it lacks. */
export function weatherCoverage(launches: readonly WeatherLaunch[], rows: readonly WeatherRow[]): WeatherCoverage[] {
  const byLaunch = new Map(rows.map((r) => [r.launchId, r]));
  const cells = new Map<string, WeatherCoverage>();
  for (const l of launches) {
    const year = new Date(l.dateUtc).getUTCFullYear();
    const pad = l.padName ?? "unknown pad";
    const key = `${year}|${pad}`;
    const cell = cells.get(key) ?? { year, pad, launches: 0, padHour: 0, padDay: 0, forecast: 0, offshore: 0, nearshore: 0, withoutWeather: 0 };
    const row = byLaunch.get(l.launchId);
    cell.launches++;
    if (row?.padGranularity === GRANULARITY.hour) cell.padHour++;
    if (row?.padGranularity === GRANULARITY.day) cell.padDay++;
    if (row?.forecastSource) cell.forecast++;
    if (row?.waveSource) cell.offshore++;
    if (row?.nearshoreSource) cell.nearshore++;
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

/** The nearest reading with a wave height from the first buoy in `buoys` that has one, within reach of the pad. */
function nearestReading(buoys: readonly Buoy[], l: Placed, buoyData: Map<string, BuoyObservation[]>) {
  const launchMs = Date.parse(l.dateUtc);
  for (const buoy of buoys) {
    const distance = distanceKm(l.padLatitude, l.padLongitude, buoy.latitude, buoy.longitude);
    if (distance > MAX_BUOY_DISTANCE_KM) continue;
    const observation = nearestWithWaves(buoyData.get(buoy.id) ?? [], launchMs);
    if (observation) return { buoy, distance, observation };
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

function hasValues(values: HourlyWeather | DailyWeather): boolean {
  return Object.entries(values).some(([k, v]) => k !== "hourUtc" && k !== "dateUtc" && v !== null);
}

function withoutDate({ dateUtc: _, ...values }: DailyWeather): Omit<DailyWeather, "dateUtc"> {
  return values;
}

/** A pad's position as the key of its one archive request. */
function padKey(latitude: number, longitude: number): string {
  return `${latitude.toFixed(4)},${longitude.toFixed(4)}`;
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
