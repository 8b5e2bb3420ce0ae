import { httpFromEnv } from "../../data-loaders/config.ts";
import { buildReconciliation } from "../../data-loaders/datasets.ts";

process.stdout.write(await buildReconciliation(httpFromEnv()));
