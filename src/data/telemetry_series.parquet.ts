import { httpFromEnv } from "../../data-loaders/config.ts";
import { loadLaunches } from "../../data-loaders/launch-history.ts";
import { buildTelemetrySeries } from "../../data-loaders/telemetry.ts";

const http = httpFromEnv();
process.stdout.write(await buildTelemetrySeries(http, await loadLaunches(http)));
