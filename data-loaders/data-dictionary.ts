// docs/data.md is generated from the table declarations, so that a column's meaning and source are
// written once. `npx tsx data-loaders/data-dictionary.ts --write` regenerates it; a unit test fails
// when it is out of date.
import { COUNTS } from "../src/facts/counts.ts";
import { LANDING_DISTANCE_LIMIT_KM } from "./record-rules.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "./config.ts";
import { LABEL_DEFINITION, landingsTable, launchesTable, preflightLossesTable, reconciliationTable, upcomingTable } from "./datasets.ts";
import { writeAtomically } from "./http.ts";
import { ledgerTable, scoresTable } from "./ledger.ts";
import type { TableSpec } from "./tables.ts";
import { telemetrySeriesTable, telemetryTable } from "./telemetry.ts";
import { weatherTable } from "./weather.ts";

export const DICTIONARY_PATH = join(projectRoot, "docs", "data.md");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const TABLES: TableSpec<any>[] = [launchesTable, landingsTable, upcomingTable, reconciliationTable, preflightLossesTable, weatherTable, telemetryTable, telemetrySeriesTable, ledgerTable, scoresTable];

const SOURCES = `| source (as in \`sources\`) | what it is | recorded coverage | live build |
| --- | --- | --- | --- |
| \`spacex-api\` | r/SpaceX API v4: launches, rockets, launchpads, landpads, payloads, ships, and a populated Falcon 9 launch query for booster serial and block | 2010-06 → 2022-10-05 (the API froze there) | same endpoints |
| \`ll2\` | Launch Library 2 (The Space Devs) 2.2.0 launch list (deduplicated by id) and launcher list | list mode, 2010-06 → 2022-10-20, no boosters or landings | \`mode=detailed\`, paged: boosters and landings to today |
| \`wikipedia\` | "List of Falcon 9 and Falcon Heavy launches" and its year pages, launch tables read with parse5 | revisions oldid 1027686922 (flights 1–121) and 1042328326 (1–124), to 2021-08; the 2022 table of "(2020–2022)" (61 launches, a \`<tbody>\` fragment) | the main page and the year pages (2010–2019), (2020–2022), (2023), (2024), (2025), (2026) |
| \`wikipedia-read-html\` | recorded extract: Arvindhbabu's \`pandas.read_html\` of the main list page (about 2025-07-15); names the drone ship or zone | flights 195 → 501 and FH 5 → FH 11, 2023-01-03 → 2025-07-08 (314 launches) | not read (no live endpoint; the live Wikipedia pages cover it) |
| \`wikipedia-3df9\` | recorded extract: szabolcsjaray/3df9's scrape of every list page; names ship or zone from 2023 | 2010-06-04 → 2024-08-16 (375 launches; Amos-6 skipped) | not read |
| \`wikipedia-massimo\` | recorded extract: massimo7719's cleaned table of the list pages, Falcon 9 only; no ship names, 0/1 landing codes | flights 1 → 663, 2010-06-04 → 2026-07-11 | not read |
| \`wikipedia-extract\` | recorded extract: Manikiran09/coursera's CSV of the tables; only its table columns are read | 2023-01-03 → 2025-05-30, 288 launches | not read |
| \`booster-tracker\` | recorded extract: AnushPatel/booster-tracker's hand-curated ChronologicalOrder.csv: landing place, outcome, drone-ship position | 2010-06-04 → 2024-04-06 (328 Falcon launches; Falcon 1 and Starship rows skipped) | not read |
| \`ll2-upcoming\` | LL2 upcoming Florida launches: the space-coast-launches archive (final pre-launch state and last-seen state per launch) | 2025-11-22 → 2026-08-21, Florida only | LL2 \`/launch/upcoming/\` (detailed) |

A recorded extract is a file someone else scraped and committed, with no endpoint to ask again: a
replayed build reads it where the snapshot directory holds it, a live build does not (counted in the
manifest's problems, said on the Data page) and gets the same years from Wikipedia's live pages.

Recorded coverage reaches every Falcon launch from 2010-06-04 to 2026-07-11 (all coasts, from the
massimo scrape) and Florida launches to 2026-08-21 (LL2 upcoming): after 2026-07-11 Vandenberg
launches are a hole. Which sources cover each launch is in \`launches.sources\`; the manifest
(\`data/manifest.json\`) gives each source's count and date range, every raw response with its SHA-256,
and the problems handled (rows skipped with the reason, duplicates dropped, pages not recorded).

## Records a source gets wrong

No record leaves the release without a word: each one a source sends is read, or counted, or stops
the run.

- **Fatal** (the run fails, nothing is published, the error names the source, the file or URL, the
  record and the field): a record that cannot be identified or placed in time (a missing id, a
  flown launch whose date is not a date, such as a SpaceX API \`date_utc\` of "TBD"); a field of
  the wrong type; a truncated file or page; a value that cannot be true (a date before 2010 or more
  than a year ahead, a latitude beyond ±90°, a mass beyond 70 t); a Wikipedia year page that is
  missing while no other Wikipedia page or Wikipedia-derived extract covers its years.
- **Counted** (in the manifest's \`problems\`, with examples, shown on the Data and Build report
  pages): rows that are not flown Falcon launches (planned, Falcon 1, Starship, description rows),
  duplicates, a recorded extract or archive a build cannot read (live builds, recordings without
  it), a missing main page or a year page whose years other pages cover, a core serial or flight
  number no source gives or that contradicts the previous flight.

A first build (no last good release of its data yet) is also held to \`data-loaders/expected-release.json\`:
per source and per year, the launches and labelled landings of the recorded release
(\`F9_SNAPSHOTS=DIR npm run expectations\` derives it; docs/deploying.md, "Refreshing the data").`;

const RULES = `## How sources are merged

- **Matching.** Launches are matched across sources by an explicit id (the SpaceX API's
  \`launch_library_id\`, the LL2 id), then by Wikipedia's flight number (shared by Wikipedia and the
  read_html, 3df9 and massimo scrapes; within two days), then by the nearest lift-off time of the
  same rocket within two days, closest pairs first (another pad counts against a pair, the same name
  or booster serial for it, another Wikipedia flight number rules it out). An id link whose launches
  differ in name and lie more than two days apart is rejected and counted in the manifest.
- **Which value wins**, field by field (stated per column below):
  - *landing outcome*: the SpaceX API (SpaceX's own record, to 2022-10), LL2 and its recorded
    upcoming states, Wikipedia's tables, the read_html and 3df9 scrapes (they keep Wikipedia's own
    words), the booster tracker, the massimo scrape (its 0/1 cannot say "landed, lost afterwards" or
    tell a controlled ocean touchdown from an uncontrolled one), the Manikiran extract. Core by
    core, and an unknown outcome never wins over a known one. \`landings.outcome_sources\` lists every
    source that says the same.
  - *booster serial and its flight number*: the SpaceX API's core query to 2022, LL2, then Wikipedia
    and its scrapes (the number the serial's source states: B1049.4, B1060-15).
  - *landing place*: the sources that name the ship or zone (read_html, the booster tracker, 3df9),
    then the SpaceX API's landpad and LL2; *drone-ship position*: the booster tracker only.
  - *lift-off time*: the minute most sources agree on within an hour (ties: LL2, Wikipedia, the
    scrapes, the SpaceX API, whose times are off by hours on several flights).
  - *Wikipedia flight number*: Wikipedia, then read_html, 3df9, massimo.
- **Disagreements** on date (over an hour, or another day), site, booster serial, booster flight
  number, landing outcome and landing place between any two sources are rows of \`reconciliation\`;
  nothing is resolved silently.
- **Core history.** \`core_flight\` is the source's own number where it gives one; otherwise it is
  counted along the serial's flights. \`days_since_previous_flight\` and \`previous_landings\` are given
  only where the serial's earlier flights are covered (null across a coverage gap, never guessed).

## The label

One function (\`landingLabel\` in \`data-loaders/normalize.ts\`) decides it from each core's merged
outcome; every source's landing text is read by one parser first (\`parseLandingText\`), so the rule
is the same for every source.

${LABEL_DEFINITION}

Hard cases, as decided:

| case | landing_outcome | label | why |
| --- | --- | --- | --- |
| B1058, 2023-12-23 (Starlink 6-32): landed on JRTI, toppled in transit days later | landed (after_landing: lost after landing) | 1 | the landing succeeded; the loss came from the sea on the way back (massimo's 0.0 is a reconciliation row) |
| Arabsat-6A center core B1055, 2019-04-11: landed on OCISLY, lost in transit | landed (lost after landing) | 1 | same rule; the SpaceX API also says landed |
| B1062, 2024-08-28 (Starlink 8-6): tipped over on ASOG at touchdown | failed | 0 | it did not stand on the ship |
| B1086, 2025-03-03 (Starlink 12-20): landed on JRTI, then a fire in the aft end toppled it | landed (after_landing: lost after landing: a fire …) | 1 | it stood after touchdown; every source says "failure", so a reviewed fact of the record (\`LANDING_CORRECTIONS\` in \`data-loaders/record-rules.ts\`, with SpaceX's account) corrects it and the manifest lists the correction |
| expended cores (ViaSat-3, USSF-44 center, …) | no attempt / expended | null | nothing to predict |
| controlled ocean touchdowns (2014–15, and 2018 Block 4 tests) | ocean touchdown | null | tests, nothing recovered; \`capstone_class\` counts them 1 as the course does |
| Falcon Heavy side boosters | each its own row | same rule | a side booster's landing is a landing |

## What counts

One definition of each count (\`src/facts/counts.ts\`), used by every page, the What-counts panel on
the overview and the Data page, and the claims check that compares each page's figures with SQL:

| count | table | definition | SQL condition |
| --- | --- | --- | --- |
${Object.values(COUNTS).map((c) => `| ${c.label} | \`${c.table}\` | ${c.definition} | \`${c.where}\` |`).join("\n")}

The forecast scores recovery attempts from its start year on, month by month (the model card's
\`evaluation.prequential.metrics.n\`).

## Rules of the record

Each rule lives in \`data-loaders/record-rules.ts\` and is tested (\`test/unit/record-rules.test.ts\`,
and against the release in \`test/site/record-facts.test.ts\`).

- **A launch is a vehicle that left the pad.** A failure the SpaceX API times before lift-off is a
  pre-flight loss: Amos-6, lost on the pad on 2016-09-01 during propellant loading for a static fire.
  It is in no launch, landing attempt or failure count and in no model's rows; it is listed in
  \`preflight_losses\` (with the time it was lost, not the planned lift-off other sources list) and
  among the handled problems. The IBM capstone replica alone reads it, because the course's data has it.
- **Block numbers belong to Full Thrust cores** (Block 1–5). v1.0 and v1.1 cores have no block
  (\`landings.block\` is null), whatever the SpaceX API says.
- **Landed means stood after touchdown** (the label above); a core lost afterwards is landed, with
  \`after_landing\` saying how it was lost.
- **How a landing failed is a reviewed account or "not recorded".** The sources give outcomes, not
  causes. \`landing_account\` carries the few reviewed public accounts (\`LANDING_ACCOUNTS\`, each
  with its evidence: the Falcon Heavy demonstration's center core, CRS-16, B1058, B1062, B1086);
  every other landing's cause is not recorded, never guessed.
- **Landing positions are checked**: a drone ship position on the wrong ocean for its launch site, or
  farther than ${LANDING_DISTANCE_LIMIT_KM.toLocaleString("en-US")} km from the pad (the farthest recorded landing, STP-2's center
  core in 2019, was about 1,240 km downrange), is not published and is counted as a handled problem
  with its source, row and value (the booster tracker's Starlink 4-11 position, 162° W, is the known case).
- **Two flight numberings.** \`wiki_flight_number\` is Wikipedia's Falcon 9 counter (flight 1 on
  2010-06-04), the one pages show by default; \`flight_number\` is SpaceX's own counter across all its
  launches, Falcon 1 included (the first Falcon 9 is its flight 6), frozen with the SpaceX API in 2022.

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
