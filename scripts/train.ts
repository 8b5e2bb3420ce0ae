// npm run train -- --data DIR --out DIR
// Trains and evaluates the published models outside the browser on the same code (src/ml), from
// tables written by `npm run data -- --out DIR`, and writes per model <name>/model.json,
// <name>/weights.bin and <name>/card.json, plus metrics.json, predictions.csv and registry.json.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs";
import { exitAfterWriting } from "../data-loaders/exit.ts";
import { writeAtomically } from "../data-loaders/http.ts";
import { readJsonFile } from "../data-loaders/validate.ts";
import { PROTOCOLS, publishAll, readRelease, registryJson, type RegistryEntry } from "../src/ml/publish.ts";

const USAGE = `Usage: npm run train -- --data DIR --out DIR [--protocols LIST] [--no-select] [--bootstrap N]

  --data DIR         tables from \`npm run data -- --out DIR\` (landings.parquet, launches.parquet, and
                     weather/telemetry/upcoming when present)
  --out DIR          where to write <model>/model.json, <model>/weights.bin, <model>/card.json,
                     metrics.json (the default model's month-by-month figures and each reference's,
                     with paired-bootstrap intervals, then every model and protocol),
                     predictions.csv (protocol, round, launch_id, landing_id, date_utc, label,
                     probability, probability_low, probability_high, and the references'
                     probabilities) and registry.json (merged with an existing one)
  --protocols LIST   comma-separated protocols besides the month-by-month one, which always runs
                     (default: ${Object.keys(PROTOCOLS).filter((p) => p !== "prequential").join(",")})
  --no-select        skip forward selection: publish the experience term alone (quick runs, tests)
  --bootstrap N      paired-bootstrap replicates (default 2000)
  --help             this text`;

class UsageError extends Error {}

interface Options {
  data: string;
  out: string;
  protocols: string[] | undefined;
  select: boolean;
  bootstrap: number;
}

function options(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        data: { type: "string" },
        out: { type: "string" },
        protocols: { type: "string" },
        "no-select": { type: "boolean", default: false },
        bootstrap: { type: "string" },
        help: { type: "boolean", short: "h", default: false }
      },
      strict: true,
      allowPositionals: false
    });
  } catch (error) {
    // parseArgs names the flag ("Unknown option '--x'"); keep its words and add the usage.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(USAGE + "\n");
    process.exit(0);
  }
  if (!v.data) throw new UsageError("Missing --data DIR: the directory with the Parquet tables.");
  if (!v.out) throw new UsageError("Missing --out DIR: where to write the model and its results.");
  const protocols = v.protocols === undefined ? undefined : v.protocols.split(",").map((p) => p.trim()).filter(Boolean);
  for (const p of protocols ?? []) if (!(p in PROTOCOLS)) throw new UsageError(`Unknown protocol "${p}" in --protocols: choose from ${Object.keys(PROTOCOLS).join(", ")}.`);
  const bootstrap = v.bootstrap === undefined ? 2000 : Number(v.bootstrap);
  if (!Number.isInteger(bootstrap) || bootstrap < 0) throw new UsageError(`--bootstrap needs a whole number of replicates ≥ 0, got "${v.bootstrap}".`);
  return { data: resolve(v.data), out: resolve(v.out), protocols, select: !v["no-select"], bootstrap };
}

async function main(): Promise<void> {
  const { data, out, protocols, select, bootstrap } = options(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(line + "\n");
  if (!existsSync(data)) throw new UsageError(`--data ${data} does not exist. Write the tables first: npm run data -- --out ${data}`);
  await tf.setBackend("cpu");
  const started = performance.now();
  const release = await readRelease(data);
  const { models, files } = await publishAll(tf, release, log, { protocols, select, bootstrapReplicates: bootstrap });
  const registryPath = join(out, "registry.json");
  const earlier: RegistryEntry[] = existsSync(registryPath) ? (readJsonFile(registryPath, "the model registry of earlier runs (delete it to start a new one)") as { models: RegistryEntry[] }).models : [];
  // Everything is in memory; each file is then replaced whole (temp file and rename).
  for (const [path, content] of files) {
    mkdirSync(join(out, path, ".."), { recursive: true });
    writeAtomically(join(out, path), path === "registry.json" ? registryJson(models, earlier) : content);
  }
  for (const m of models) log(`train: ${m.card.name} ${m.card.id} (${m.card.params.kind}, features ${m.card.features.join(", ")}, ${m.card.data.trainingRows} rows)`);
  log(`train: wrote ${files.length} files to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) return exitAfterWriting(`${error.message}\n\n${USAGE}\n`, 2);
  return exitAfterWriting(`train failed: ${error instanceof Error ? error.message : String(error)}\n`, 1);
});
