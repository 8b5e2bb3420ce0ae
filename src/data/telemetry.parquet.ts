import { httpFromEnv } from "../../data-loaders/config.ts";
import { loadLaunches } from "../../data-loaders/launch-history.ts";
import { buildTelemetry } from "../../data-loaders/telemetry.ts";

const http = httpFromEnv();
process.stdout.write(await buildTelemetry(http, await loadLaunches(http)));
