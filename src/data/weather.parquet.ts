import { httpFromEnv } from "../../data-loaders/config.ts";
import { loadLaunches } from "../../data-loaders/launch-history.ts";
import { buildWeather } from "../../data-loaders/weather.ts";

const http = httpFromEnv();
process.stdout.write(await buildWeather(http, await loadLaunches(http)));
