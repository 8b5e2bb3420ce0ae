// The CLI and the build loader's publishing: the files (and the artifact) are written, the TF.js
// artifact reloads and predicts what the card's posterior says through predict.ts, and a second
// run in another process gives byte-identical files. Kept light: no forward selection, one
// protocol besides the month-by-month one, a small bootstrap.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { projectRoot } from "../../data-loaders/config.ts";
import { buildRelease } from "../../data-loaders/release.ts";
import { encode, featureTableRows, labelledRows } from "../../src/ml/features.ts";
import { predictRows } from "../../src/ml/predict.ts";
import { publishAll, readRelease, type ModelCard } from "../../src/ml/publish.ts";
import { replayHttp } from "../support/snapshots.ts";

await tf.setBackend("cpu");
const work = mkdtempSync(join(tmpdir(), "f9-train-"));
const dataDir = join(work, "data");
const outDir = join(work, "out");
after(() => rmSync(work, { recursive: true, force: true }));

const train = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", join(projectRoot, "scripts", "train.ts"), ...args], { cwd: projectRoot, encoding: "utf8" });

describe("npm run train", () => {
  it("explains a missing or wrong argument", () => {
    const missing = train("--out", outDir);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /Missing --data DIR/);
    const absent = train("--data", join(work, "nowhere"), "--out", outDir);
    assert.equal(absent.status, 2);
    assert.match(absent.stderr, /does not exist/);
    const unknown = train("--data", dataDir, "--out", outDir, "--fast");
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Unknown option '--fast'/);
    assert.match(unknown.stderr, /Usage: npm run train/);
    assert.match(train("--data", dataDir, "--out", outDir, "--protocols", "cv").stderr, /Unknown protocol "cv"/);
    const help = train("--help");
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--no-select/);
  });

  it("writes the model, metrics.json and predictions.csv; a second run elsewhere is byte-identical", async () => {
    const release = await buildRelease(replayHttp());
    execFileSync("mkdir", ["-p", dataDir]);
    for (const t of release.tables) writeFileSync(join(dataDir, t.file), t.bytes);
    const options = ["--no-select", "--protocols", "kfold", "--bootstrap", "200"];
    const run = train("--data", dataDir, "--out", outDir, ...options);
    assert.equal(run.status, 0, run.stderr);
    for (const file of ["default/model.json", "default/weights.bin", "default/card.json", "prelaunch/card.json", "metrics.json", "predictions.csv", "registry.json"]) assert.ok(existsSync(join(outDir, file)), file);

    const csv = readFileSync(join(outDir, "predictions.csv"), "utf8").trim().split("\n");
    const header = csv[0]!.split(",");
    for (const column of ["protocol", "launch_id", "date_utc", "label", "probability", "probability_low", "probability_high"]) assert.ok(header.includes(column), column);
    const cell = (line: string, column: string) => line.split(",")[header.indexOf(column)]!;
    const labelled = labelledRows(featureTableRows((await readRelease(dataDir)).tables));
    const kfold = csv.filter((line) => cell(line, "protocol") === "kfold");
    assert.equal(kfold.length, labelled.length, "10-fold CV predicts every labelled core once");
    const prequential = csv.filter((line) => cell(line, "protocol") === "prequential");
    const from2017 = labelled.filter((r) => (r.date_utc as number) >= Date.UTC(2017, 0, 1));
    assert.equal(prequential.length, from2017.length, "month by month predicts every core from 2017 once");
    for (const line of prequential) {
      assert.match(cell(line, "date_utc"), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.ok(["0", "1"].includes(cell(line, "label")));
      const [p, low, high] = ["probability", "probability_low", "probability_high"].map((c) => Number(cell(line, c)));
      assert.ok(0 <= low! && low! <= p! && p! <= high! && high! <= 1, line);
      assert.equal(cell(line, "date_utc").slice(0, 7), cell(line, "round"), "predicted in its own month");
    }
    // Each model's forecasts made before each launch (the predictor's "as flown"): trained only on earlier months.
    for (const model of ["default", "weather", "mission"]) {
      const lines = readFileSync(join(outDir, model, "prequential.csv"), "utf8").trim().split("\n");
      const columns = lines[0]!.split(",");
      const at = (line: string, column: string) => line.split(",")[columns.indexOf(column)]!;
      assert.equal(lines.length - 1, from2017.length, `${model}: every core from 2017 once`);
      for (const line of lines.slice(1)) {
        // Trained on landings before 00:00 UTC of the cut-off day; the launch comes after that instant.
        assert.ok(Date.parse(`${at(line, "trained_before")}T00:00:00Z`) < Date.parse(at(line, "date_utc")), `${model}: ${line} trained up to the launch or later`);
        assert.ok(Number(at(line, "training_rows")) < labelled.length);
      }
      const mission = JSON.parse(readFileSync(join(outDir, model, "card.json"), "utf8")) as { evaluation: Record<string, unknown> };
      if (model === "mission") assert.deepEqual(Object.keys(mission.evaluation), ["prequential"], "the what-if model is scored month by month only");
    }
    const metrics = JSON.parse(readFileSync(join(outDir, "metrics.json"), "utf8"));
    assert.deepEqual(Object.keys(metrics.models.default.evaluation), ["prequential", "kfold"]);
    for (const who of [metrics.prequential.metrics, ...Object.values(metrics.prequential.references)] as Record<string, number>[]) {
      for (const key of ["logLoss", "brier", "rocAuc"]) assert.equal(typeof who[key], "number", key);
    }
    for (const ref of ["baseRate", "recentRate", "era"]) {
      const interval = metrics.prequential.intervals[ref].logLoss;
      assert.ok(interval.low <= interval.difference + 1e-12 && interval.difference <= interval.high + 1e-12, ref);
    }
    // The upcoming launches are scored by models of the launches before each of them.
    const prelaunch = JSON.parse(readFileSync(join(outDir, "prelaunch/card.json"), "utf8")) as ModelCard;
    const ids = prelaunch.upcoming!.scores.map((s) => s.landingId);
    assert.equal(new Set(ids).size, ids.length, "every upcoming core has its own id (a Heavy's two side boosters too)");
    for (const s of prelaunch.upcoming!.scores) {
      assert.ok(s.trainingRows === labelled.filter((r) => (r.date_utc as number) < Date.parse(s.net)).length, s.landingId);
      assert.ok(s.low <= s.probability && s.probability <= s.high);
    }

    // The artifact reloads in TF.js and agrees with predict.ts on the card.
    const card = JSON.parse(readFileSync(join(outDir, "default/card.json"), "utf8")) as ModelCard;
    const modelJson = JSON.parse(readFileSync(join(outDir, "default/model.json"), "utf8"));
    const weights = readFileSync(join(outDir, "default/weights.bin"));
    const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) }));
    const X = encode(card.encoder, labelled.slice(0, 5));
    const d = card.encoder.columns.length;
    const predicted = (model.predict(tf.tensor2d(X, [5, d])) as tf.Tensor).dataSync();
    const plain = predictRows(card, labelled.slice(0, 5));
    for (let i = 0; i < 5; i++) assert.ok(Math.abs(predicted[i]! - plain[i]!.probability) < 1e-6);
    assert.equal(card.date, new Date(Math.max(...featureTableRows((await readRelease(dataDir)).tables).map((r) => r.date_utc as number))).toISOString().slice(0, 10));
    model.dispose();

    // The same data and code in this process: identical bytes, identical ids.
    const { files } = await publishAll(tf, await readRelease(dataDir), () => {}, { select: false, protocols: ["kfold"], bootstrapReplicates: 200 });
    for (const [path, content] of files) {
      const bytes = typeof content === "string" ? Buffer.from(content) : Buffer.from(content);
      assert.ok(bytes.equals(readFileSync(join(outDir, path))), `${path} is byte-identical`);
    }
  });
});
