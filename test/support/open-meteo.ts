// Open-Meteo archive answers written by hand in the API's format, for the asked range: what a live
// build would get, without the network.

/** Every hour from the first date's 00:00 to the last date's 23:00, as Open-Meteo writes them in GMT. */
export function hoursBetween(start: string, end: string): string[] {
  const hours: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T23:00:00Z`); t += 3_600_000) hours.push(new Date(t).toISOString().slice(0, 16));
  return hours;
}

/** An archive answer in the API's format for the asked range: hourly wind = the hour of day, daily max 40. */
export function archiveAnswer(q: URLSearchParams, options: { latitudeShift?: number; precipitation?: number } = {}) {
  const hours = hoursBetween(q.get("start_date")!, q.get("end_date")!);
  const days = [...new Set(hours.map((h) => h.slice(0, 10)))];
  const series = (v: number) => hours.map(() => v);
  return {
    latitude: Number(q.get("latitude")) + (options.latitudeShift ?? 0),
    longitude: Number(q.get("longitude")),
    utc_offset_seconds: 0,
    hourly_units: { time: "iso8601", temperature_2m: "°C", relative_humidity_2m: "%", precipitation: "mm", wind_speed_10m: "km/h", wind_gusts_10m: "km/h", wind_direction_10m: "°", cloud_cover: "%", pressure_msl: "hPa" },
    hourly: { time: hours, temperature_2m: series(21), relative_humidity_2m: series(70), precipitation: series(options.precipitation ?? 0), wind_speed_10m: hours.map((h) => Number(h.slice(11, 13))), wind_gusts_10m: series(45), wind_direction_10m: series(90), cloud_cover: series(10), pressure_msl: series(1015) },
    daily_units: { time: "iso8601", temperature_2m_max: "°C", temperature_2m_min: "°C", precipitation_sum: "mm", wind_speed_10m_max: "km/h", wind_gusts_10m_max: "km/h", cloud_cover_mean: "%" },
    daily: { time: days, temperature_2m_max: days.map(() => 25), temperature_2m_min: days.map(() => 15), precipitation_sum: days.map(() => 0), wind_speed_10m_max: days.map(() => 40), wind_gusts_10m_max: days.map(() => 55), cloud_cover_mean: days.map(() => 30) }
  };
}
