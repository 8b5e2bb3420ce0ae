// NOAA National Data Buoy Center standard meteorological ("stdmet") historical files: one text file
// per buoy and year, 10-minute rows in UTC, with wind, waves and pressure. We ask for them through
// NDBC's view_text_file.php, which serves the yearly .txt.gz decompressed: the plain
// data/historical/stdmet/ path answers gzip bytes, which a text response cannot carry.
import type { Http, HttpRequest } from "../http.ts";
import type { CatalogEntry } from "../snapshot-catalog.ts";
import { SourceShapeError } from "../validate.ts";

export interface Buoy {
  id: string;
  name: string;
  /** Station position from NDBC's station page, rounded; a moored buoy swings a few km around it. */
  latitude: number;
  longitude: number;
}

export const BUOYS: Buoy[] = [
  { id: "41009", name: "Canaveral, 20 NM east of Cape Canaveral", latitude: 28.508, longitude: -80.185 },
  { id: "41010", name: "Canaveral East, 120 NM east of Cape Canaveral", latitude: 28.878, longitude: -78.485 },
  // Waves and water temperature only: its wind and air columns hold the missing-value markers.
  { id: "41113", name: "Cape Canaveral Nearshore", latitude: 28.4, longitude: -80.533 }
];

export const ndbcSource = (buoyId: string) => `ndbc-${buoyId}`;

export function stdmetRequest(buoyId: string, year: number): HttpRequest {
  const params = new URLSearchParams({ filename: `${buoyId}h${year}.txt.gz`, dir: "data/historical/stdmet/" });
  return { source: ndbcSource(buoyId), url: `https://www.ndbc.noaa.gov/view_text_file.php?${params}` };
}

const years = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * The recorded yearly files (PROVENANCE §4 and §10): Q1 2021 and Q1 2022 of 41009 and 41010, copied
 * without the units line; 41009 2010–2017 and 41113 2010–2020, NOAA's originals with it.
 */
export const RECORDED_STDMET: Record<string, number[]> = {
  "41009": [...years(2010, 2017), 2021, 2022],
  "41010": [2021, 2022],
  "41113": years(2010, 2020)
};

export const stdmetFile = (buoyId: string, year: number) => `${buoyId}h${year}.txt`;

export const ndbcCatalog: CatalogEntry[] = Object.entries(RECORDED_STDMET).flatMap(([id, recorded]) =>
  recorded.map((year) => ({ request: stdmetRequest(id, year), file: `weather/ndbc-buoys/${stdmetFile(id, year)}`, contentType: "text/plain" }))
);

/** One 10-minute buoy observation; null where NDBC wrote its missing-value marker. */
export interface BuoyObservation {
  /** Epoch milliseconds, UTC. */
  timeMs: number;
  windDirectionDeg: number | null;
  windSpeedMs: number | null;
  windGustMs: number | null;
  /** Significant wave height. */
  waveHeightM: number | null;
  dominantPeriodS: number | null;
  pressureHpa: number | null;
  airTemperatureC: number | null;
  waterTemperatureC: number | null;
}

type Field = Exclude<keyof BuoyObservation, "timeMs">;

/**
 * Column, our field, NDBC's missing-value marker for that column (99, 999 or 9999 by width), and the
 * physical range a real reading falls in (wind under 100 m/s, temperatures −30…50 °C off Florida):
 * a value outside it is a broken file or a new marker, never weather.
 */
const COLUMNS: [string, Field, number, [number, number]][] = [
  ["WDIR", "windDirectionDeg", 999, [0, 360]],
  ["WSPD", "windSpeedMs", 99, [0, 100]],
  ["GST", "windGustMs", 99, [0, 100]],
  ["WVHT", "waveHeightM", 99, [0, 30]],
  ["DPD", "dominantPeriodS", 99, [0, 40]],
  ["PRES", "pressureHpa", 9999, [850, 1100]],
  ["ATMP", "airTemperatureC", 999, [-30, 50]],
  ["WTMP", "waterTemperatureC", 999, [-30, 50]]
];

export async function fetchStdmet(http: Http, buoyId: string, year: number): Promise<BuoyObservation[]> {
  const request = stdmetRequest(buoyId, year);
  const response = await http.text(request);
  return parseStdmet(response.body, request.source, stdmetFile(buoyId, year));
}

/** A stdmet file, with or without its units line (`#yr mo dy hr mn …`). Rows come back in time order. */
export function parseStdmet(text: string, source: string, file = "stdmet file"): BuoyObservation[] {
  const lines = text.split(/\r?\n/);
  const header = lines[0]?.replace(/^#/, "").trim().split(/\s+/) ?? [];
  if (header.slice(0, 5).join(" ") !== "YY MM DD hh mm") {
    throw new SourceShapeError(source, `${file}, line 1`, "(header)", `expected a stdmet header starting "#YY MM DD hh mm", got ${JSON.stringify(lines[0]?.slice(0, 60))}`);
  }
  const columns = COLUMNS.map(([name, field, missing, range]) => {
    const i = header.indexOf(name);
    if (i < 0) throw new SourceShapeError(source, `${file}, line 1`, name, "column missing from the header");
    return { name, field, missing, range, i };
  });
  const observations: BuoyObservation[] = [];
  lines.slice(1).forEach((line, k) => {
    if (line.trim() === "" || line.startsWith("#")) return; // the units line, when NDBC's original keeps it
    const record = `${file}, line ${k + 2}`;
    const cells = line.trim().split(/\s+/);
    if (cells.length !== header.length) {
      throw new SourceShapeError(source, record, "(row)", `has ${cells.length} fields, the header has ${header.length}; the file may be truncated`);
    }
    const [y, mo, d, h, mi] = cells.slice(0, 5).map(Number) as [number, number, number, number, number];
    const timeMs = Date.UTC(y, mo - 1, d, h, mi);
    if (!Number.isFinite(timeMs) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) {
      throw new SourceShapeError(source, record, "YY MM DD hh mm", `not a time: ${cells.slice(0, 5).join(" ")}`);
    }
    const observation: BuoyObservation = {
      timeMs,
      windDirectionDeg: null,
      windSpeedMs: null,
      windGustMs: null,
      waveHeightM: null,
      dominantPeriodS: null,
      pressureHpa: null,
      airTemperatureC: null,
      waterTemperatureC: null
    };
    for (const { name, field, missing, range, i } of columns) {
      const cell = cells[i]!;
      if (cell === "MM") continue; // the marker NDBC's realtime files use
      const v = Number(cell);
      if (!Number.isFinite(v)) throw new SourceShapeError(source, record, name, `expected a number, got ${JSON.stringify(cell)}`);
      if (v === missing) continue;
      if (v < range[0] || v > range[1]) {
        throw new SourceShapeError(source, record, name, `${cell} is outside the physical range ${range[0]}…${range[1]}; the file is damaged or NDBC added a marker: check the file before rebuilding`);
      }
      observation[field] = v;
    }
    observations.push(observation);
  });
  for (let i = 1; i < observations.length; i++) {
    if (observations[i]!.timeMs <= observations[i - 1]!.timeMs) {
      throw new SourceShapeError(source, `${file}, observation ${i}`, "YY MM DD hh mm", "rows are not in increasing time order");
    }
  }
  return observations;
}
