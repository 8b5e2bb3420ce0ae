// The whole data release in one archive (Framework's archive-loader idiom): the launch history is
// built once, and every table, the manifest, the models published from those same tables and the
// forecast ledger go in. Pages read members: FileAttachment("data/release/launches.parquet"),
// FileAttachment("data/release/models/default/card.json").
import { takePrefetched } from "../../data-loaders/prefetch.ts";

// The build may have started this loader already (data-loaders/prefetch.ts): then its run's output
// is the answer, and nothing below is loaded (its imports alone take 1.2 s).
if (await takePrefetched("src/data/release.tar.ts")) process.exit();
const tf = await import("@tensorflow/tfjs");
const { httpFromEnv, projectRoot } = await import("../../data-loaders/config.ts");
const { lastGoodPath } = await import("../../data-loaders/contracts.ts");
const { ledgerCsv, ledgerFiles, ledgerRecordJson, scoresCsv } = await import("../../data-loaders/ledger.ts");
const { buildRelease } = await import("../../data-loaders/release.ts");
const { buildLedger } = await import("../ml/ledger.ts");
const { publishAll, releaseFromTables } = await import("../ml/publish.ts");
const { resultCache } = await import("../ml/result-cache.ts");
const { tarArchive } = await import("../ml/tar.ts");
const { answerAtBuild } = await import("./capstone-answers.ts");
const { CAPSTONE_SQL } = await import("./capstone-sql.ts");

const log = (line: string) => process.stderr.write(line + "\n");
// "stage: …" lines are the loader's own timings; scripts/build.ts lists them in dist/build-log.json.
const stage = (name: string, since: number) => log(`stage: ${name} ${((performance.now() - since) / 1000).toFixed(1)} s`);
let started = performance.now();
await tf.setBackend("cpu");
const http = httpFromEnv();
const built = await buildRelease(http, log);
stage("history and tables", started);
started = performance.now();
const release = await releaseFromTables(built.tables);
// Evaluations of an unchanged release (same tables, model code and TF.js) come from .f9-cache/.
const { files: models, models: published } = await publishAll(tf, release, log, { cache: resultCache() });
stage("published models", started);
started = performance.now();
// The ledger: the last good release's, with this build's frozen forecasts appended (docs/model.md, "The forecast ledger").
const prelaunch = published.find((m) => m.card.name === "prelaunch")!.card;
const ledger = await buildLedger(prelaunch, release, { mode: http.mode, lastGood: lastGoodPath(http, process.env, projectRoot), root: projectRoot });
const frozenAt = ledger.frozenAt;
const s = ledger.summary;
log(`ledger: ${ledger.previous ? `carried ${ledger.entries.length - ledger.appended.length} entries from ${ledger.previous}` : "no previous ledger"}; ${s.entries} entries (${ledger.appended.length} appended at ${frozenAt}; ${s.seeded} seeded, ${s.built} frozen by builds), ${s.scored} scored (${s.failures} failed), ${s.awaiting} awaiting, ${s.closed} closed unscored; log loss ${s.logLoss?.toFixed(4) ?? "n/a"} (base rate ${s.baseRate?.logLoss.toFixed(4) ?? "n/a"}, recent ${s.recentRate?.logLoss.toFixed(4) ?? "n/a"}), Brier ${s.brier?.toExponential(2) ?? "n/a"}`);
const ledgerTables = ledgerFiles(ledger.entries, ledger.scores);
// The ledger's own manifest, and what the pages say of the record, computed once here. The data
// manifest stays the one `npm run data` writes (no models there, so no ledger).
const ledgerRecord = ledgerRecordJson({ frozenAt, previous: ledger.previous, carried: ledger.entries.length - ledger.appended.length, appended: ledger.appended.length, model: prelaunch.id, summary: s, tables: ledgerTables });
stage("forecast ledger", started);
const capstone = await answerAtBuild(built.tables, Object.values(CAPSTONE_SQL));
for (const failed of capstone.answers.filter((a) => a.error)) log(`capstone answers: a question failed in ${capstone.engine}; /sql runs it in the browser instead: ${failed.error}\n${failed.sql}`);
process.stdout.write(
  tarArchive([
    ...built.tables.map((t): [string, Uint8Array] => [t.file, t.bytes]),
    ...ledgerTables.map((t): [string, Uint8Array] => [t.file, t.bytes]),
    ["forecast_ledger.csv", ledgerCsv(ledger.entries)],
    ["forecast_scores.csv", scoresCsv(ledger.scores)],
    ["forecast_record.json", ledgerRecord],
    ["manifest.json", built.manifestJson],
    ["capstone-answers.json", JSON.stringify(capstone)],
    ...models.map(([path, data]): [string, string | Uint8Array] => [`models/${path}`, data])
  ])
);
