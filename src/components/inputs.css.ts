// Inputs' own stylesheet, copied from node_modules: Framework adds it only for its implicit npm:
// Inputs import, which this site never uses. Pages with inputs link ./components/inputs.css.
import { readFileSync } from "node:fs";

process.stdout.write(readFileSync(new URL("../../node_modules/@observablehq/inputs/dist/index.css", import.meta.url)));
