// The whole data release in one archive (Framework's archive-loader idiom): the launch history is
// built once, and every table, the manifest and the models published from those same tables go in.
// Pages read members: FileAttachment("data/release/launches.parquet"),
// FileAttachment("data/release/models/default/card.json").
import * as tf from "@tensorflow/tfjs";
import { httpFromEnv } from "../../data-loaders/config.ts";
import { buildRelease } from "../../data-loaders/release.ts";
import { publishAll, releaseFromTables } from "../ml/publish.ts";
import { resultCache } from "../ml/result-cache.ts";
import { tarArchive } from "../ml/tar.ts";
import { answerAtBuild } from "./capstone-answers.ts";
import { CAPSTONE_SQL } from "./capstone-sql.ts";

const log = (line: string) => process.stderr.write(line + "\n");
// "stage: …" lines are the loader's own timings; scripts/build.ts lists them in dist/build-log.json.
const stage = (name: string, since: number) => log(`stage: ${name} ${((performance.now() - since) / 1000).toFixed(1)} s`);
let started = performance.now();
await tf.setBackend("cpu");
const built = await buildRelease(httpFromEnv(), log);
stage("history and tables", started);
started = performance.now();
// Evaluations of an unchanged release (same tables, model code and TF.js) come from .f9-cache/.
const { files: models } = await publishAll(tf, await releaseFromTables(built.tables), log, { cache: resultCache() });
stage("published models", started);
const capstone = await answerAtBuild(built.tables, Object.values(CAPSTONE_SQL));
for (const failed of capstone.answers.filter((a) => a.error)) log(`capstone answers: a question failed in ${capstone.engine}; /sql runs it in the browser instead: ${failed.error}\n${failed.sql}`);
process.stdout.write(
  tarArchive([
    ...built.tables.map((t): [string, Uint8Array] => [t.file, t.bytes]),
    ["manifest.json", built.manifestJson],
    ["capstone-answers.json", JSON.stringify(capstone)],
    ...models.map(([path, data]): [string, string | Uint8Array] => [`models/${path}`, data])
  ])
);
