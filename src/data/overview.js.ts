// The overview's modules as one file (scripts/page-bundle.ts says why; src/components/overview.ts lists them).
import { pageBundle } from "../../scripts/page-bundle.ts";

process.stdout.write(await pageBundle("src/components/overview.ts"));
