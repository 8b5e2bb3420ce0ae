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
  { id: "41010", name: "Canaveral East, 120 NM east of Cape Canaveral", latitude: 28.878, longitude: -78.485 }
];

export const ndbcSource = (buoyId: string) => `ndbc-${buoyId}`;

export function stdmetRequest(buoyId: string, year: number): HttpRequest {
  const params = new URLSearchParams({ filename: `${buoyId}h${year}.txt.gz`, dir: "data/historical/stdmet/" });
  return { source: ndbcSource(buoyId), url: `https://www.ndbc.noaa.gov/view_text_file.php?${params}` };
}

/** The recorded files: NDBC's originals with the units line (the second header line) removed by the copier. */
export const ndbcCatalog: CatalogEntry[] = ["41009", "41010"].flatMap((id) =>
  [2021, 2022].map((year) => ({ request: stdmetRequest(id, year), file: `weather/ndbc-buoys/${id}h${year}.txt`, contentType: "text/plain" }))
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
}

type Field = Exclude<keyof BuoyObservation, "timeMs">;

/** Column, our field, and NDBC's missing-value marker for that column (99, 999 or 9999 by width). */
const COLUMNS: [string, Field, number][] = [
  ["WDIR", "windDirectionDeg", 999],
  ["WSPD", "windSpeedMs", 99],
  ["GST", "windGustMs", 99],
  ["WVHT", "waveHeightM", 99],
  ["DPD", "dominantPeriodS", 99],
  ["PRES", "pressureHpa", 9999],
  ["ATMP", "airTemperatureC", 999]
];

export async function fetchStdmet(http: Http, buoyId: string, year: number): Promise<BuoyObservation[]> {
  const request = stdmetRequest(buoyId, year);
  const response = await http.text(request);
  return parseStdmet(response.body, request.source);
}

/** A stdmet file, with or without its units line. Rows come back in time order. */
export function parseStdmet(text: string, source: string): BuoyObservation[] {
  const lines = text.split(/\r?\n/);
  const header = lines[0]?.replace(/^#/, "").trim().split(/\s+/) ?? [];
  if (header.slice(0, 5).join(" ") !== "YY MM DD hh mm") {
    throw new SourceShapeError(source, "line 1", "(header)", `expected a stdmet header starting "#YY MM DD hh mm", got ${JSON.stringify(lines[0]?.slice(0, 60))}`);
  }
  const columns = COLUMNS.map(([name, field, missing]) => {
    const i = header.indexOf(name);
    if (i < 0) throw new SourceShapeError(source, "line 1", name, "column missing from the header");
    return { name, field, missing, i };
  });
  const observations: BuoyObservation[] = [];
  lines.slice(1).forEach((line, k) => {
    if (line.trim() === "" || line.startsWith("#")) return; // the units line, when NDBC's original keeps it
    const record = `line ${k + 2}`;
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
      airTemperatureC: null
    };
    for (const { name, field, missing, i } of columns) {
      const cell = cells[i]!;
      if (cell === "MM") continue; // the marker NDBC's realtime files use
      const v = Number(cell);
      if (!Number.isFinite(v)) throw new SourceShapeError(source, record, name, `expected a number, got ${JSON.stringify(cell)}`);
      observation[field] = v === missing ? null : v;
    }
    observations.push(observation);
  });
  for (let i = 1; i < observations.length; i++) {
    if (observations[i]!.timeMs <= observations[i - 1]!.timeMs) {
      throw new SourceShapeError(source, `observation ${i}`, "YY MM DD hh mm", "rows are not in increasing time order");
    }
  }
  return observations;
}
