// The published models, trained at build time in Node on the same TypeScript as the browser lab
// (src/ml), as an archive: FileAttachment("data/models/default/model.json") and so on.
import * as tf from "@tensorflow/tfjs";
import { httpFromEnv } from "../../data-loaders/config.ts";
import { buildRelease } from "../../data-loaders/release.ts";
import { publishAll, releaseFromTables } from "../ml/publish.ts";
import { tarArchive } from "../ml/tar.ts";

await tf.setBackend("cpu");
const built = await buildRelease(httpFromEnv());
const release = await releaseFromTables(built.tables);
const { files } = await publishAll(tf, release, (line) => process.stderr.write(line + "\n"));
process.stdout.write(tarArchive(files));
