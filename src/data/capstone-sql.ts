// The SQL of the capstone questions on /sql, in one place: the page shows and runs it, and the
// build (src/data/release.tar.ts) runs the same text in DuckDB in Node so that the page can show
// each answer at once (src/data/capstone-answers.ts). Answers are looked up by the SQL text itself,
// so an edited query with no answer built for it runs in the browser instead.
export const CAPSTONE_SQL = {
  tables: `SELECT table_name AS "table", count(*) AS columns,
       string_agg(column_name, ', ' ORDER BY ordinal_position) AS column_names
FROM information_schema.columns
GROUP BY table_name
ORDER BY table_name`,
  sites: `SELECT DISTINCT site
FROM launches
ORDER BY site`,
  ccaLaunches: `SELECT date_utc, wiki_flight_number, flight_number AS spacex_flight_number, site, payload_name, payload_mass_kg, orbit, customer, mission_outcome
FROM launches
WHERE site LIKE 'CCA%'
ORDER BY date_utc
LIMIT 5`,
  crsPayload: `SELECT customer, count(*) AS launches, sum(payload_mass_kg) AS total_payload_kg
FROM launches
WHERE customer = 'NASA (CRS)'
GROUP BY customer`,
  v11Payload: `SELECT version, count(*) AS launches, round(avg(payload_mass_kg), 1) AS average_payload_kg
FROM launches
WHERE version = 'F9 v1.1'
GROUP BY version`,
  firstGroundPad: `SELECT min(date_utc) AS first_ground_pad_landing
FROM landings
WHERE landing_type = 'RTLS' AND landed`,
  droneShip4to6: `SELECT DISTINCT g.booster_serial, l.version, l.name, l.payload_mass_kg
FROM landings g JOIN launches l USING (launch_id)
WHERE g.landing_type = 'ASDS' AND g.landed
  AND l.payload_mass_kg > 4000 AND l.payload_mass_kg < 6000
ORDER BY g.booster_serial`,
  missionOutcomes: `SELECT mission_outcome, count(*) AS launches
FROM launches
GROUP BY mission_outcome
ORDER BY launches DESC`,
  heaviestPayload: `SELECT g.booster_serial, l.version, l.name, l.date_utc, l.payload_mass_kg
FROM launches l JOIN landings g USING (launch_id)
WHERE l.payload_mass_kg = (SELECT max(payload_mass_kg) FROM launches)
ORDER BY l.date_utc`,
  droneShipFailures2015: `SELECT monthname(g.date_utc) AS month, g.booster_serial, l.version, l.site, l.name
FROM landings g JOIN launches l USING (launch_id)
WHERE g.landing_type = 'ASDS' AND NOT g.landed AND year(g.date_utc) = 2015
ORDER BY g.date_utc`,
  landingOutcomesRanked: `SELECT g.landing_outcome || coalesce(' (' || g.landing_type || ')', '') AS landing_outcome,
       count(*) AS cores,
       rank() OVER (ORDER BY count(*) DESC) AS rank
FROM landings g
WHERE g.date_utc BETWEEN '2010-06-04' AND '2017-03-20'
GROUP BY 1
ORDER BY cores DESC, landing_outcome`,
  // Beyond the capstone: recovery attempts and landings by the count definitions (src/facts/counts.ts).
  weatherForecast: `SELECT CASE WHEN w.weather_probability_pct < 50 THEN 'below 50%'
            WHEN w.weather_probability_pct < 80 THEN '50 to 79%'
            ELSE '80% or more' END AS forecast,
       count(*) AS cores,
       count(*) FILTER (WHERE g.landing_outcome IN ('landed', 'failed')) AS recovery_attempts,
       count(*) FILTER (WHERE g.landing_outcome = 'landed') AS landed,
       round(avg(w.day_wind_gusts_max_kmh), 1) AS mean_day_gust_kmh,
       string_agg(DISTINCT w.forecast_source, ', ') AS sources
FROM landings g JOIN weather w USING (launch_id)
WHERE w.weather_probability_pct IS NOT NULL
GROUP BY 1
ORDER BY min(w.weather_probability_pct)`
} as const;
