// TF.js for the training worker, bundled at build time (see src/ml/tfjs-bundle.ts for why).
import { workerTfjsBundle } from "../ml/tfjs-bundle.ts";

process.stdout.write(await workerTfjsBundle());
