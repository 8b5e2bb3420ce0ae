import { httpFromEnv } from "../../data-loaders/config.ts";
import { buildRelease } from "../../data-loaders/release.ts";

// The same release the CLI writes: its Parquet hashes are those of the tables this site publishes.
process.stdout.write((await buildRelease(httpFromEnv())).manifestJson);
