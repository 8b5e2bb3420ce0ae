// US states and nation outline (us-atlas: Census Bureau cartographic boundaries, 1:10,000,000,
// unprojected), copied from node_modules so the map page reads it as its own file: no tile server.
import { readFileSync } from "node:fs";

process.stdout.write(readFileSync(new URL("../../node_modules/us-atlas/states-10m.json", import.meta.url)));
