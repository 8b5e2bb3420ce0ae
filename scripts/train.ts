// npm run train -- --data DIR --out DIR
// Trains and evaluates the published models outside the browser on the same code (src/ml), from
// tables written by `npm run data -- --out DIR`, and writes per model <name>/model.json,
// <name>/weights.bin and <name>/card.json, plus metrics.json, predictions.csv and registry.json.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { writeAtomically } from "../data-loaders/http.ts";
import { readJsonFile } from "../data-loaders/validate.ts";
import { publishAll, readRelease, registryJson, type RegistryEntry } from "../src/ml/publish.ts";

const USAGE = `Usage: npm run train -- --data DIR --out DIR

  --data DIR   tables from \`npm run data -- --out DIR\` (landings.parquet, launches.parquet, and
               weather/telemetry/upcoming when present)
  --out DIR    where to write <model>/model.json, <model>/weights.bin, <model>/card.json,
               metrics.json, predictions.csv (landing_id, launch_id, protocol, split, label,
               probability) and registry.json (merged with an existing one)`;

class UsageError extends Error {}

function parseArgs(argv: string[]): { data: string; out: string } {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") {
      process.stdout.write(USAGE + "\n");
      process.exit(0);
    }
    const match = /^--(data|out)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`Unknown argument "${arg}".`);
    const value = match[2] ?? argv[++i];
    if (!value) throw new UsageError(`--${match[1]} needs a directory.`);
    values[match[1]!] = value;
  }
  if (!values.data) throw new UsageError("Missing --data DIR: the directory with the Parquet tables.");
  if (!values.out) throw new UsageError("Missing --out DIR: where to write the model and its results.");
  return { data: resolve(values.data), out: resolve(values.out) };
}

async function main(): Promise<void> {
  const { data, out } = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(line + "\n");
  if (!existsSync(data)) throw new UsageError(`--data ${data} does not exist. Write the tables first: npm run data -- --out ${data}`);
  await tf.setBackend("cpu");
  const started = performance.now();
  const release = await readRelease(data);
  const { models, files } = await publishAll(tf, release, log);
  const registryPath = join(out, "registry.json");
  const earlier: RegistryEntry[] = existsSync(registryPath) ? (readJsonFile(registryPath, "the model registry of earlier runs (delete it to start a new one)") as { models: RegistryEntry[] }).models : [];
  // Everything is in memory; each file is then replaced whole (temp file and rename).
  for (const [path, content] of files) {
    mkdirSync(join(out, path, ".."), { recursive: true });
    writeAtomically(join(out, path), path === "registry.json" ? registryJson(models, earlier) : content);
  }
  for (const m of models) log(`train: ${m.card.name} ${m.card.id} (${m.card.params.kind}, ${m.card.features.length} features, ${m.card.data.trainingRows} rows)`);
  log(`train: wrote ${files.length} files to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`train failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
