// docs/data.md is generated from the table declarations, so that a column's meaning and source are
// written once. `npx tsx data-loaders/data-dictionary.ts --write` regenerates it; a unit test fails
// when it is out of date.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "./config.ts";
import { LABEL_DEFINITION, landingsTable, launchesTable, reconciliationTable, upcomingTable } from "./datasets.ts";
import { writeAtomically } from "./http.ts";
import type { TableSpec } from "./tables.ts";
import { telemetrySeriesTable, telemetryTable } from "./telemetry.ts";
import { weatherTable } from "./weather.ts";

export const DICTIONARY_PATH = join(projectRoot, "docs", "data.md");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const TABLES: TableSpec<any>[] = [launchesTable, landingsTable, upcomingTable, reconciliationTable, weatherTable, telemetryTable, telemetrySeriesTable];

const SOURCES = `| source (as in \`sources\`) | what it is | recorded coverage | live |
| --- | --- | --- | --- |
| \`spacex-api\` | r/SpaceX API v4: launches, rockets, launchpads, landpads, payloads, ships, and a populated Falcon 9 launch query for booster serial and block | 2010-06 → 2022-10-05 (the API froze there) | same endpoints |
| \`ll2\` | Launch Library 2 (The Space Devs) 2.2.0 launch list (deduplicated by id) and launcher list | list mode, 2010-06 → 2022-10-20, no boosters or landings | \`mode=detailed\`, paged: boosters and landings to today |
| \`wikipedia\` | "List of Falcon 9 and Falcon Heavy launches", launch tables read with parse5 | revisions oldid 1027686922 (flights 1–121) and 1042328326 (1–124), to 2021-08 | current page and year sub-pages |
| \`wikipedia-extract\` | a third party's CSV of the Wikipedia tables (Manikiran09/coursera); only its table columns are read | 2023-01-03 → 2025-05-30, 288 launches | the same file |
| \`ll2-upcoming\` | LL2 upcoming Florida launches: the space-coast-launches archive (final pre-launch state and last-seen state per launch) | 2025-11-22 → 2026-08-21, Florida only | LL2 \`/launch/upcoming/\` (detailed) |

Recorded coverage has two gaps: **2022-10-21 → 2023-01-02** and **2025-05-31 → 2025-11-21** (and, from
2025-11, Vandenberg launches). No row is invented for them; a live build fills them from LL2 and
Wikipedia. Which sources cover each launch is in \`launches.sources\`; the manifest
(\`data/manifest.json\`) gives each source's count and date range, every raw response with its SHA-256,
and the problems handled (duplicates dropped, pages not recorded).`;

const RULES = `## How sources are merged

- **Matching.** Launches are matched across sources by an explicit id (the SpaceX API's
  \`launch_library_id\`, the LL2 id), then by the nearest lift-off time of the same rocket within two
  days, closest pairs first (another pad or another name counts against a pair). An id link whose
  launches differ in name and lie more than two days apart is rejected and counted in the manifest.
- **Which value wins** is stated per column below. Every disagreement on date, site, booster and
  landing outcome between two sources is a row of \`reconciliation\`; nothing is resolved silently.
- **Core history.** \`core_flight\` is the source's own number where it gives one; otherwise it is
  counted along the serial's flights. \`days_since_previous_flight\` and \`previous_landings\` are given
  only where the serial's earlier flights are covered (null across a coverage gap, never guessed).

## The label

${LABEL_DEFINITION}

\`capstone_class\` is the IBM capstone's \`Class\` (1 for any successful landing, ocean touchdowns
included) for comparison with the course; the model uses \`label\`.`;

export function dataDictionary(): string {
  const tables = TABLES.map((t) => {
    const rows = t.columns.map((c) => `| \`${c.name}\` | ${c.type} | ${escape(c.description)} | ${escape(c.source)} |`).join("\n");
    return `## \`${t.name}.parquet\`\n\n${t.description}\n\nOne row per ${t.grain}.\n\n| column | type | meaning | source |\n| --- | --- | --- | --- |\n${rows}\n`;
  });
  return `# Data dictionary

<!-- Generated from the table declarations by data-loaders/data-dictionary.ts; do not edit by hand:
     run \`npx tsx data-loaders/data-dictionary.ts --write\`. -->

Every table is Parquet, built by \`npm run data -- --out DIR\` (with \`DIR/manifest.json\`) and by the
site's loaders in \`src/data/\`. Times are UTC (TIMESTAMP, milliseconds). \`launch_id\` joins every table.
The same inputs give byte-identical files.

## Sources

${SOURCES}

${RULES}

${tables.join("\n")}`;
}

const escape = (s: string) => s.replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/\n/g, " ");

export function dictionaryIsCurrent(): boolean {
  return readFileSync(DICTIONARY_PATH, "utf8") === dataDictionary();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--write")) {
    writeAtomically(DICTIONARY_PATH, dataDictionary());
    process.stderr.write(`wrote ${DICTIONARY_PATH}\n`);
  } else process.stdout.write(dataDictionary());
}
