// A model shipped by the build (data/release/models/<name>/): the TF.js layers artifact, loaded from
// memory, with the card's encoder turning feature rows into the columns it was trained on.
import { encode, rawColumnValue, type Row } from "../ml/features.js";
import type { ModelCard } from "../ml/publish.js";
import { tf } from "./tf.js";

export interface LoadedModel {
  card: ModelCard;
  /** Probability of landing per row. */
  predict(rows: Row[]): number[];
  /** Logistic regression: each encoded column's push on the log-odds, against the average training core. */
  contributions(row: Row): { column: string; raw: number; logit: number }[];
  intercept: number;
}

export async function loadPublishedModel(card: ModelCard, modelJson: { modelTopology: object; weightsManifest: { weights: unknown[] }[] }, weights: ArrayBuffer): Promise<LoadedModel> {
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0]!.weights as never, weightData: weights })
  );
  const d = card.encoder.columns.length;
  const dense = model.layers.find((l) => l.getClassName() === "Dense")!;
  const [kernel, bias] = dense.getWeights();
  const w = kernel!.dataSync();
  const intercept = bias!.dataSync()[0]!;
  return {
    card,
    intercept,
    predict: (rows) => {
      const X = encode(card.encoder, rows);
      return Array.from(tf.tidy(() => (model.predict(tf.tensor2d(X, [rows.length, d])) as ReturnType<typeof tf.tensor2d>).dataSync()));
    },
    contributions: (row) => {
      const x = encode(card.encoder, [row]);
      return card.encoder.columns.map((c, j) => ({ column: c.name, raw: rawColumnValue(c, row), logit: w[j]! * x[j]! }));
    }
  };
}
