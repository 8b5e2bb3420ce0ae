import { httpFromEnv } from "../../data-loaders/config.ts";
import { buildLaunches } from "../../data-loaders/datasets.ts";

process.stdout.write(await buildLaunches(httpFromEnv()));
