import { httpFromEnv } from "../../data-loaders/config.ts";
import { buildLandings } from "../../data-loaders/datasets.ts";

process.stdout.write(await buildLandings(httpFromEnv()));
