// The CLI and the build loader's publishing: the three files (and the artifact) are written, the
// TF.js artifact reloads and predicts what the card's coefficients say, and a second run in another
// process gives byte-identical files.
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
  });

  it("writes the model, metrics.json and predictions.csv; a second run elsewhere is byte-identical", async () => {
    const release = await buildRelease(replayHttp());
    execFileSync("mkdir", ["-p", dataDir]);
    for (const t of release.tables) writeFileSync(join(dataDir, t.file), t.bytes);
    const run = train("--data", dataDir, "--out", outDir);
    assert.equal(run.status, 0, run.stderr);
    for (const file of ["default/model.json", "default/weights.bin", "default/card.json", "metrics.json", "predictions.csv", "registry.json"]) assert.ok(existsSync(join(outDir, file)), file);

    const csv = readFileSync(join(outDir, "predictions.csv"), "utf8").trim().split("\n");
    assert.equal(csv[0], "landing_id,launch_id,protocol,split,label,probability");
    const labelled = labelledRows(featureTableRows((await readRelease(dataDir)).tables));
    const kfold = csv.filter((line) => line.split(",")[2] === "kfold");
    assert.equal(kfold.length, labelled.length, "10-fold CV predicts every labelled core once");
    assert.deepEqual(new Set(kfold.map((l) => l.split(",")[3])).size, 10);
    for (const line of csv.slice(1)) {
      const p = Number(line.split(",")[5]);
      assert.ok(p >= 0 && p <= 1);
    }
    const metrics = JSON.parse(readFileSync(join(outDir, "metrics.json"), "utf8"));
    assert.deepEqual(Object.keys(metrics.default.evaluation), ["random", "kfold", "time", "rolling"]);

    // The artifact reloads in TF.js and agrees with the coefficients in the card.
    const card = JSON.parse(readFileSync(join(outDir, "default/card.json"), "utf8")) as ModelCard;
    const modelJson = JSON.parse(readFileSync(join(outDir, "default/model.json"), "utf8"));
    const weights = readFileSync(join(outDir, "default/weights.bin"));
    const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) }));
    const X = encode(card.encoder, labelled.slice(0, 5));
    const d = card.encoder.columns.length;
    const predicted = (model.predict(tf.tensor2d(X, [5, d])) as tf.Tensor).dataSync();
    for (let i = 0; i < 5; i++) {
      const z = card.intercept! + card.coefficients!.reduce((s, c, j) => s + c.weight * X[i * d + j]!, 0);
      assert.ok(Math.abs(predicted[i]! - 1 / (1 + Math.exp(-z))) < 1e-4);
    }
    assert.equal(card.date, new Date(Math.max(...featureTableRows((await readRelease(dataDir)).tables).map((r) => r.date_utc as number))).toISOString().slice(0, 10));
    model.dispose();

    // The same data and code in this process: identical bytes, identical ids.
    const { files } = await publishAll(tf, await readRelease(dataDir));
    for (const [path, content] of files) {
      const bytes = typeof content === "string" ? Buffer.from(content) : Buffer.from(content);
      assert.ok(bytes.equals(readFileSync(join(outDir, path))), `${path} is byte-identical`);
    }
  });
});
