// The published tables: how each is declared and built from the launch history. The declarations
// are the one place for each column's type, meaning and source; docs/data.md is generated from them.
import type { Http } from "./http.ts";
import { loadHistory, type Disagreement, type Landing, type Launch, type PreflightLoss } from "./launch-history.ts";
import { LABEL_RULE, SOURCE_NAMES, siteCode } from "./normalize.ts";
import { coreFlight, isFlown, type UpcomingLaunch } from "./sources/ll2-upcoming.ts";
import { byKeys, column, toParquet, type TableSpec } from "./tables.ts";

const SPACEX = "SpaceX API v4";
const MERGED = "merged: every source that lists the launch (launches.sources)";
const WIKI = "Wikipedia (2021 revisions, the 2022 table, live pages), then the read_html, 3df9, massimo and Manikiran scrapes";
const DETAIL = "merged: SpaceX API v4, then " + WIKI + ", LL2, the booster tracker";
const LANDING =
  "merged core by core (an unknown outcome never wins): SpaceX API v4, LL2 (detailed), LL2 upcoming archive, Wikipedia, read_html scrape, 3df9 scrape, booster tracker, massimo scrape, Manikiran extract";
const PLACE = "the sources that name the ship or zone first: read_html scrape, booster tracker, 3df9 scrape; then SpaceX API v4 landpads, LL2, LL2 upcoming";
const DERIVED = "derived from the merged core history";
const UPCOMING = "LL2 upcoming (space-coast archive when replayed, LL2 upcoming endpoint when live)";

export const launchesTable: TableSpec<Launch> = {
  name: "launches",
  description: "One row per flown Falcon 9 and Falcon Heavy launch, merged across sources. `sources` says which sources list it: a launch only one source covers is a coverage gap, shown, not filled.",
  grain: "launch",
  order: byKeys((l) => l.dateUtc, (l) => l.launchId),
  columns: [
    column("launch_id", "STRING", (l) => l.launchId, "Join key of every table: spacex:<v4 id> for launches the SpaceX API knows, else ll2:<uuid>, else wiki:<flight number>.", MERGED),
    column("flight_number", "INT32", (l) => l.flightNumber, "SpaceX's own flight counter across all its launches (r/SpaceX API numbering, Falcon 1 included); null after the API's freeze in October 2022.", SPACEX),
    column("wiki_flight", "STRING", (l) => l.wikiFlight, 'Wikipedia\'s Falcon 9 flight number ("FH 2" for Heavy); null where no Wikipedia-derived source lists the launch (after 2026-07-11, Florida launches known only to LL2).', WIKI + " (the Manikiran extract numbers its rows, Heavy included, so its number is not used)"),
    column("wiki_flight_number", "INT32", (l) => (l.wikiFlight && /^\d+$/.test(l.wikiFlight) ? Number(l.wikiFlight) : null), "wiki_flight as a number for Falcon 9 launches (1 → 663 to 2026-07-11): the flight counter that reaches the present; null for Falcon Heavy and where wiki_flight is null.", WIKI),
    column("wiki_flight_source", "STRING", (l) => l.wikiFlightSource, "Which source gave wiki_flight.", MERGED),
    column("name", "STRING", (l) => l.name, "Mission name.", "merged: SpaceX API v4, then LL2, LL2 upcoming, Wikipedia payload"),
    column("date_utc", "TIMESTAMP", (l) => l.dateUtc, "Lift-off time, UTC. Where the source gives only the day, midnight of that day (see date_precision).", "merged: the time most sources giving the minute agree on (within an hour); ties in the order LL2, Wikipedia, SpaceX API v4, LL2 upcoming, Wikipedia extract"),
    column("date_precision", "STRING", (l) => l.datePrecision, '"hour" when date_utc gives the lift-off minute, "day" when only the date is known.', MERGED),
    column("date_source", "STRING", (l) => l.dateSource, "Source that gave date_utc.", MERGED),
    column("rocket", "STRING", (l) => l.rocket, '"Falcon 9" or "Falcon Heavy".', MERGED),
    column("version", "STRING", (l) => l.version, 'Rocket version: "F9 v1.0", "F9 v1.1", "F9 FT", "F9 B4", "F9 B5", "FH", "FH B5"; null when unknown.', "Wikipedia, then the extract, LL2, then the SpaceX API core block"),
    column("pad", "STRING", (l) => l.padName, 'Launch pad as the SpaceX API names it: "CCSFS SLC 40", "KSC LC 39A", "VAFB SLC 4E".', SPACEX + " launchpads, looked up by site"),
    column("site", "STRING", (l) => l.site, 'Launch-site code as the IBM capstone spells it: "CCAFS SLC-40", "KSC LC-39A", "VAFB SLC-4E" (so `site LIKE \'CCA%\'` works).', MERGED),
    column("site_locality", "STRING", (l) => l.siteLocality, "Place of the pad: Cape Canaveral, Vandenberg Space Force Base.", SPACEX + " launchpads"),
    column("pad_latitude", "DOUBLE", (l) => l.padLatitude, "Pad latitude, degrees north.", SPACEX + " launchpads (LL2 for a pad the SpaceX API does not know)"),
    column("pad_longitude", "DOUBLE", (l) => l.padLongitude, "Pad longitude, degrees east.", SPACEX + " launchpads (LL2 for a pad the SpaceX API does not know)"),
    column("payload_name", "STRING", (l) => l.payloadName, "Payload names, comma-separated (SpaceX API) or as the Wikipedia row gives them.", DETAIL),
    column("payload_mass_kg", "DOUBLE", (l) => l.payloadMassKg, "Sum of the payload masses, kg; null when no payload has a mass (classified, Starlink without a figure), never 0.", DETAIL),
    column("orbit", "STRING", (l) => l.orbit, "Target orbit of the first payload: LEO, ISS, GTO, PO, SSO, MEO, HEO, GEO, ES-L1, ES-L2, SO, VLEO, BEO, TLI, HCO.", DETAIL),
    column("customer", "STRING", (l) => l.customer, "First customer of the first payload.", DETAIL),
    column("mission_outcome", "STRING", (l) => l.missionOutcome, '"Success", "Failure" or "Partial Failure" (of the mission, not the landing).', "merged: SpaceX API v4, then LL2, Wikipedia, the extract, LL2 upcoming"),
    column("mission_success", "BOOLEAN", (l) => l.missionSuccess, "mission_outcome = Success.", MERGED),
    column("core_count", "INT32", (l) => l.coreCount, "First-stage cores flown: 1, or 3 for Falcon Heavy.", MERGED),
    column("landing_attempts", "INT32", (l) => l.landingAttempts, "Cores that attempted a landing, controlled ocean touchdowns included (the SpaceX API's landing_attempt); null when no source tells any core's landing (not 0).", LANDING),
    column("landing_successes", "INT32", (l) => l.landingSuccesses, "Cores whose landing attempt succeeded, controlled ocean touchdowns included (the SpaceX API's landing_success); null like landing_attempts.", LANDING),
    column("cores_unknown", "INT32", (l) => l.coresUnknown, "Cores whose landing outcome no source gives (landings.landing_outcome = unknown): the counts above leave them out.", LANDING),
    column("booster_version", "STRING", (l) => l.boosterVersion, 'Version and single (or center) core as the IBM capstone\'s Booster_Version writes them: "F9 B5 B1049.4" (serial.core flight).', "version, landings.booster_serial and core_flight"),
    column("capstone_landing_outcome", "STRING", (l) => l.capstoneLandingOutcome, 'The single (or center) core\'s landing as the capstone\'s Landing_Outcome writes it: "Success (drone ship)", "Success (ground pad)", "Failure (drone ship)", "Failure (ground pad)", "Controlled (ocean)", "Uncontrolled (ocean)", "No attempt", "Success"/"Failure" when the source gives no type; null when unknown. Per-core detail is in landings.', "Wikipedia's own words where it lists the launch (as the capstone scraped them, e.g. \"Failure (parachute)\", \"Precluded (drone ship)\"), else from landings"),
    column("sources", "STRING", (l) => l.sources.join(","), `Sources that list the launch, comma-separated, from "${SOURCE_NAMES.join(",")}".`, MERGED),
    column("source_count", "INT32", (l) => l.sources.length, "Number of sources that list the launch.", MERGED),
    column("spacex_id", "STRING", (l) => l.spacexId, "SpaceX API v4 launch id.", SPACEX),
    column("ll2_id", "STRING", (l) => l.ll2Id, "Launch Library 2 launch id (from the SpaceX API's launch_library_id, or LL2 itself).", "SpaceX API v4, LL2")
  ]
};

export const LABEL_DEFINITION = LABEL_RULE;

export const landingsTable: TableSpec<Landing> = {
  name: "landings",
  description: "One row per first-stage core per launch (a Falcon Heavy has three), with the core's history and the model label.",
  grain: "core on a launch",
  order: byKeys((l) => l.dateUtc, (l) => l.launchId, (l) => l.corePosition),
  columns: [
    column("landing_id", "STRING", (l) => l.landingId, "launch_id#position: position 0 is the single core or the Heavy's center core, 1 and 2 its side boosters.", DERIVED),
    column("launch_id", "STRING", (l) => l.launchId, "Launch (joins launches.launch_id).", MERGED),
    column("date_utc", "TIMESTAMP", (l) => l.dateUtc, "Lift-off time, UTC (launches.date_utc).", MERGED),
    column("rocket", "STRING", (l) => l.rocket, '"Falcon 9" or "Falcon Heavy".', MERGED),
    column("core_role", "STRING", (l) => l.coreRole, '"single" (Falcon 9), "center" or "side" (Falcon Heavy).', LANDING),
    column("booster_serial", "STRING", (l) => l.boosterSerial, 'Booster serial, e.g. "B1049"; null when no source names it.', "SpaceX API v4 populated core query, then LL2, " + WIKI + ", the booster tracker, LL2 upcoming; LL2's launcher list for unnamed Heavy cores"),
    column("serial_source", "STRING", (l) => l.serialSource, "Which source named the serial.", DERIVED),
    column("block", "INT32", (l) => l.block, "Booster block (1–5); null when unknown (v1.0 and v1.1 cores have none).", "SpaceX API v4 populated core query, then Wikipedia/extract version"),
    column("core_flight", "INT32", (l) => l.coreFlight, "This core's flight number, counting this flight: as the source that named the serial states it (B1049.4, B1060-15), else counted from the core's history where that history is whole.", "the serial's source, else " + DERIVED),
    column("reused", "BOOLEAN", (l) => l.reused, "core_flight > 1.", DERIVED),
    column("days_since_previous_flight", "DOUBLE", (l) => l.daysSincePreviousFlight, "Days since this core's previous flight; null on a first flight or when the previous flight is outside the recorded coverage (its number is not core_flight - 1).", DERIVED),
    column("previous_landings", "INT32", (l) => l.previousLandings, "Landings (label 1) of this core before this flight; null when the core's earlier flights are not all covered.", DERIVED),
    column("gridfins", "BOOLEAN", (l) => l.gridfins, "Flew with grid fins.", SPACEX),
    column("legs", "BOOLEAN", (l) => l.legs, "Flew with landing legs.", SPACEX),
    column("landing_attempted", "BOOLEAN", (l) => l.landingAttempted, "A landing was attempted (pad, ship or controlled ocean touchdown); null when unknown.", LANDING),
    column("landing_type", "STRING", (l) => l.landingType, '"ASDS" (drone ship), "RTLS" (landing zone) or "Ocean"; null when no attempt, or when no recording says where the core tried to land ("type not recorded" on the overview).', "the outcome's source, else " + PLACE),
    column("landing_location", "STRING", (l) => l.landingLocation, "Landing zone or drone ship, one name each: OCISLY, JRTI, ASOG, LZ-1, LZ-2, LZ-4, LZ-40, SLC-6; null when not attempted or no source names it (Wikipedia's tables before 2022 say only \"drone ship\").", PLACE),
    column("location_source", "STRING", (l) => l.locationSource, "Which source named landing_location.", PLACE),
    column("landing_latitude", "DOUBLE", (l) => l.landingLatitude, "Where the drone ship stood for the landing, degrees north; null for zone landings and where the booster tracker (to 2024-04) does not record it.", "booster tracker (ChronologicalOrder.csv)"),
    column("landing_longitude", "DOUBLE", (l) => l.landingLongitude, "Where the drone ship stood, degrees east; null like landing_latitude.", "booster tracker (ChronologicalOrder.csv)"),
    column("landing_outcome", "STRING", (l) => l.landingOutcome, '"landed", "failed", "ocean touchdown", "ocean failed", "expended", "no attempt" or "unknown" (no source gives it). CRS-7 (2015), whose planned landing the launch failure precluded, is "no attempt".', LANDING),
    column("outcome_sources", "STRING", (l) => l.outcomeSources.join(","), "Sources whose own outcome for this core agrees with landing_outcome, comma-separated (a source that disagrees is a reconciliation row, one that does not know is left out).", LANDING),
    column("outcome_source_count", "INT32", (l) => l.outcomeSources.length, "Number of sources confirming landing_outcome: 2 or more wherever two recordings cover the launch and agree.", LANDING),
    column("after_landing", "STRING", (l) => l.afterLanding, '"lost after landing" where a source says the core landed and was lost later (B1058 on 2023-12-23, the Arabsat-6A center core); it still landed (label 1).', "Wikipedia's \"Partial failure\" (every Wikipedia-derived source)"),
    column("landing_account", "STRING", (l) => l.landingAccount, "How the landing failed, or how a landed core was lost afterwards, where a reviewed public account is recorded (LANDING_ACCOUNTS in data-loaders/record-rules.ts, each with its evidence); null: not recorded.", "reviewed accounts (record-rules.ts)"),
    column("landed", "BOOLEAN", (l) => l.landed, "Recovered on a pad or drone ship; false when such a landing failed; null when no pad or ship landing was attempted.", DERIVED),
    column("label", "INT32", (l) => l.label, "The model label. " + LABEL_DEFINITION, DERIVED),
    column("capstone_class", "INT32", (l) => l.capstoneClass, "The IBM capstone's Class: 1 for any successful landing, controlled ocean touchdowns included (True ASDS, True RTLS, True Ocean), else 0; null when the outcome is unknown.", DERIVED),
    column("capstone_landing_pad", "STRING", (l) => l.capstoneLandingPad, 'The IBM capstone\'s LandingPad: the SpaceX API\'s landpad name as the API gives it, kept for landings a launch failure precluded (CRS-7, Amos-6) and with "JRTI-1" (the first ship of the name) apart; for the capstone replica only, never a model feature (landing_location is the place).', "SpaceX API v4 populated core query"),
    column("label_source", "STRING", (l) => l.labelSource, "Source that gave the landing outcome.", LANDING),
    column("site", "STRING", (l) => l.site, "Launch-site code (launches.site).", MERGED),
    column("orbit", "STRING", (l) => l.orbit, "Target orbit (launches.orbit).", DETAIL),
    column("payload_mass_kg", "DOUBLE", (l) => l.payloadMassKg, "Launch payload mass, kg (launches.payload_mass_kg).", DETAIL),
    column("sources", "STRING", (l) => l.sources.join(","), "Sources that describe this core, comma-separated.", MERGED)
  ]
};

/** One core of a vehicle lost before lift-off. */
export interface PreflightCore {
  loss: PreflightLoss;
  core: Landing;
}

export const preflightLossesTable: TableSpec<PreflightCore> = {
  name: "preflight_losses",
  description:
    "Vehicles lost before lift-off, one row per core: not launches, so in no launch, landing attempt or failure count and in no model's rows. Only the IBM capstone replica reads them, because the course's data (from the SpaceX API) lists Amos-6 as a flight.",
  grain: "core of a vehicle lost before launch",
  order: byKeys((r) => r.loss.lostUtc, (r) => r.core.landingId),
  columns: [
    column("launch_id", "STRING", (r) => r.loss.launch.launchId, "The sources' launch id (spacex:<v4 id>); in no other table.", MERGED),
    column("name", "STRING", (r) => r.loss.launch.name, "Mission name.", MERGED),
    column("lost_utc", "TIMESTAMP", (r) => r.loss.lostUtc, "When the vehicle was lost (the SpaceX API's date for it; other sources list the planned lift-off).", SPACEX),
    column("reason", "STRING", (r) => r.loss.reason, "What the SpaceX API says failed.", SPACEX),
    column("rocket", "STRING", (r) => r.core.rocket, '"Falcon 9" or "Falcon Heavy".', MERGED),
    column("version", "STRING", (r) => r.loss.launch.version, "Rocket version, as in launches.version.", MERGED),
    column("core_role", "STRING", (r) => r.core.coreRole, '"single", "center" or "side".', MERGED),
    column("booster_serial", "STRING", (r) => r.core.boosterSerial, "Booster serial.", MERGED),
    column("block", "INT32", (r) => r.core.block, "Booster block, as in landings.block.", MERGED),
    column("core_flight", "INT32", (r) => r.core.coreFlight, "The flight this core would have made.", MERGED),
    column("gridfins", "BOOLEAN", (r) => r.core.gridfins, "Was to fly with grid fins.", SPACEX),
    column("legs", "BOOLEAN", (r) => r.core.legs, "Was to fly with landing legs.", SPACEX),
    column("reused", "BOOLEAN", (r) => r.core.reused, "core_flight > 1.", MERGED),
    column("capstone_landing_pad", "STRING", (r) => r.core.capstoneLandingPad, "The planned landpad as the SpaceX API names it (landings.capstone_landing_pad).", SPACEX),
    column("site", "STRING", (r) => r.loss.launch.site, "Launch-site code (launches.site).", MERGED),
    column("orbit", "STRING", (r) => r.loss.launch.orbit, "Target orbit (launches.orbit).", DETAIL),
    column("payload_name", "STRING", (r) => r.loss.launch.payloadName, "Payload names.", DETAIL),
    column("payload_mass_kg", "DOUBLE", (r) => r.loss.launch.payloadMassKg, "Payload mass, kg.", DETAIL),
    column("sources", "STRING", (r) => r.loss.launch.sources.join(","), "Sources that list it (as a launch).", MERGED)
  ]
};

export function preflightRows(losses: readonly PreflightLoss[]): PreflightCore[] {
  return losses.flatMap((loss) => loss.cores.map((core) => ({ loss, core })));
}

/** One booster of one upcoming (or recently flown) launch. */
export interface UpcomingRow {
  launch: UpcomingLaunch;
  index: number;
}

const upcomingState = (r: UpcomingRow) => r.launch.prelaunch ?? r.launch.lastSeen;
const upcomingBooster = (r: UpcomingRow) => upcomingState(r).boosters[r.index] ?? null;

export const upcomingTable: TableSpec<UpcomingRow> = {
  name: "upcoming",
  description:
    "Falcon launches from Florida as Launch Library 2 described them just before launch (features), with the outcome from the last state seen. One row per booster (a Falcon Heavy has three); a launch with no booster assigned yet has one row with a null serial.",
  grain: "booster of an upcoming launch",
  order: byKeys((r) => r.launch.lastSeen.net, (r) => r.launch.ll2Id, (r) => r.index),
  columns: [
    column("ll2_id", "STRING", (r) => r.launch.ll2Id, "Launch Library 2 launch id.", UPCOMING),
    column("launch_id", "STRING", (r) => (isFlown(r.launch.lastSeen) ? `ll2:${r.launch.ll2Id}` : null), "launches.launch_id once flown (ll2:<id>); null while upcoming.", UPCOMING),
    column("name", "STRING", (r) => upcomingState(r).name, "LL2 launch name, e.g. \"Falcon 9 Block 5 | Starlink Group 6-110\".", UPCOMING),
    column("rocket", "STRING", (r) => upcomingState(r).rocket, '"Falcon 9" or "Falcon Heavy".', UPCOMING),
    column("net_utc", "TIMESTAMP", (r) => r.launch.lastSeen.net, "No-earlier-than time, UTC, from the last state seen (the lift-off time once flown).", UPCOMING),
    column("pad", "STRING", (r) => upcomingState(r).pad, 'LL2 pad name, e.g. "Space Launch Complex 40".', UPCOMING),
    column("site", "STRING", (r) => siteCode(upcomingState(r).pad), "Launch-site code as in launches.site.", UPCOMING),
    column("orbit", "STRING", (r) => upcomingState(r).orbit, "Target orbit abbreviation.", UPCOMING),
    column("core_role", "STRING", (r) => upcomingBooster(r)?.role ?? (upcomingState(r).rocket === "Falcon Heavy" ? null : "single"), '"single", "center" or "side".', UPCOMING),
    column("booster_serial", "STRING", (r) => upcomingBooster(r)?.serial, 'Booster serial ("B1067"); null while LL2 says "Unknown F9".', UPCOMING),
    column("core_flight", "INT32", (r) => (upcomingBooster(r) ? coreFlight(r.launch, r.index) : null), "This booster's flight number counting this flight: LL2's prior-flight count before launch plus one.", UPCOMING),
    column("landing_attempted", "BOOLEAN", (r) => upcomingBooster(r)?.landingAttempt, "LL2's planned landing attempt before launch.", UPCOMING),
    column("landing_type", "STRING", (r) => upcomingBooster(r)?.landingType, '"ASDS", "RTLS" or "EXP" (expended), as planned.', UPCOMING),
    column("landing_location", "STRING", (r) => upcomingBooster(r)?.landingLocationAbbrev, "Planned drone ship or landing zone: ASOG, JRTI, OCISLY, LZ-2, LZ-40.", UPCOMING),
    column("weather_probability", "INT32", (r) => upcomingState(r).probability, "LL2's percent chance of favourable launch weather in the state used; null when not published.", UPCOMING),
    column("state_taken_at", "TIMESTAMP", (r) => upcomingState(r).takenAt, "When the state used for the features was recorded (the last one before launch).", UPCOMING),
    column("state_kind", "STRING", (r) => (r.launch.prelaunch ? "final pre-launch" : "last seen"), '"final pre-launch" or "last seen" (never seen before lift-off).', UPCOMING),
    column("status", "STRING", (r) => r.launch.lastSeen.status, 'LL2 status in the last state seen: "Go for Launch", "To Be Determined", "Launch Successful", …', UPCOMING),
    column("flown", "BOOLEAN", (r) => isFlown(r.launch.lastSeen), "The last state seen is after lift-off.", UPCOMING),
    column("outcome_landed", "BOOLEAN", (r) => outcomeLanded(r), "From the last state seen: true landed, false landing failed; null when not flown, not attempted (expended) or not yet reported.", UPCOMING),
    column("last_seen_at", "TIMESTAMP", (r) => r.launch.lastSeen.takenAt, "When the last state was recorded.", UPCOMING),
    column("record_source", "STRING", (r) => r.launch.source, '"archive" (recorded space-coast history) or "live" (LL2 upcoming endpoint).', UPCOMING)
  ]
};

function outcomeLanded(r: UpcomingRow): boolean | null {
  if (!isFlown(r.launch.lastSeen)) return null;
  const after = r.launch.lastSeen.boosters[r.index];
  if (!after || after.landingAttempt !== true) return null;
  return after.landingSuccess;
}

export const reconciliationTable: TableSpec<Disagreement> = {
  name: "reconciliation",
  description:
    "Where two sources describe the same launch differently: one row per launch, field and pair of sources. Kept as data; the merged tables take the first source in their stated order and never hide the other value.",
  grain: "disagreement",
  order: byKeys((d) => d.dateUtc, (d) => d.launchId, (d) => d.field, (d) => d.sourceA, (d) => d.sourceB),
  columns: [
    column("launch_id", "STRING", (d) => d.launchId, "Launch (joins launches.launch_id).", MERGED),
    column("date_utc", "TIMESTAMP", (d) => d.dateUtc, "Merged lift-off time (launches.date_utc).", MERGED),
    column("field", "STRING", (d) => d.field, '"date" (UTC day differs, or the minute differs by an hour or more), "site" (launch site), "booster" (serials differ, or the number of cores; or a serial flies more often than LL2\'s launcher list counts), "booster_flight" (same serial, another flight number), "landing_outcome" (known outcomes differ) or "landing_place" (both name the ship or zone, differently).', DERIVED),
    column("source_a", "STRING", (d) => d.sourceA, `First source (earlier in ${SOURCE_NAMES.join(", ")}).`, DERIVED),
    column("value_a", "STRING", (d) => d.valueA, "Its value: an ISO minute, a site, serials, serial.flight, outcomes or places in core order (center first for a Heavy).", DERIVED),
    column("source_b", "STRING", (d) => d.sourceB, "Second source.", DERIVED),
    column("value_b", "STRING", (d) => d.valueB, "Its value.", DERIVED)
  ]
};

export function upcomingRows(launches: UpcomingLaunch[]): UpcomingRow[] {
  return launches
    .filter((l) => l.lastSeen.rocket !== null)
    .flatMap((launch) => {
      const n = Math.max(1, (launch.prelaunch ?? launch.lastSeen).boosters.length);
      return Array.from({ length: n }, (_, index) => ({ launch, index }));
    });
}

export async function buildLaunches(http: Http): Promise<Uint8Array> {
  return toParquet(launchesTable, (await loadHistory(http)).launches);
}

export async function buildLandings(http: Http): Promise<Uint8Array> {
  return toParquet(landingsTable, (await loadHistory(http)).landings);
}

export async function buildUpcoming(http: Http): Promise<Uint8Array> {
  return toParquet(upcomingTable, upcomingRows((await loadHistory(http)).upcoming.launches));
}

export async function buildReconciliation(http: Http): Promise<Uint8Array> {
  return toParquet(reconciliationTable, (await loadHistory(http)).reconciliation);
}

export async function buildPreflightLosses(http: Http): Promise<Uint8Array> {
  return toParquet(preflightLossesTable, preflightRows((await loadHistory(http)).preflightLosses));
}
