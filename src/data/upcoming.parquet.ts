import { httpFromEnv } from "../../data-loaders/config.ts";
import { buildUpcoming } from "../../data-loaders/datasets.ts";

process.stdout.write(await buildUpcoming(httpFromEnv()));
