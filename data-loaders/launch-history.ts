// The launch history: every source's launches matched into one row per launch and one per core,
// the disagreements between sources kept as data, and the coverage of each source said plainly.
// Weather and telemetry builders call `loadLaunches` for the join key and pad position.
import { blockOf, implausibleLandingPosition, landingAccount, landingCorrection } from "./record-rules.ts";
import { sourceModule, type Http, type RawResponse } from "./http.ts";
import { SourceShapeError } from "./validate.ts";
import {
  landingLabel,
  landingSucceeded,
  SOURCE_NAMES,
  type CoreRole,
  type LandingOutcome,
  type LandingType,
  type Rocket,
  type SourceCore,
  type SourceLaunch,
  type SourceName,
  launchesFromSpacex,
  type LaunchFacts
} from "./normalize.ts";
import { Problems } from "./problems.ts";
import { fetchLl2, launchesFromLl2, type Ll2Launcher } from "./sources/launch-library-2.ts";
import { fetchUpcoming, launchesFromUpcoming, type UpcomingData } from "./sources/ll2-upcoming.ts";
import { fetchSpacex, type SpacexLaunchpad } from "./sources/spacex-api.ts";
import { fetchTracker } from "./sources/booster-tracker.ts";
import { fetch3df9 } from "./sources/wikipedia-3df9.ts";
import { fetchExtract } from "./sources/wikipedia-extract.ts";
import { fetchMassimo } from "./sources/wikipedia-massimo.ts";
import { fetchReadHtml } from "./sources/wikipedia-read-html.ts";
import { fetchWikipedia, YEAR_PAGE_MISSING, type YearPageMissing } from "./sources/wikipedia.ts";

/** One flown launch, merged across sources. */
export interface Launch extends LaunchFacts {
  /** Join key of every table: spacex:<v4 id>, else ll2:<uuid>, else wiki:<flight number>. */
  launchId: string;
  dateSource: SourceName;
  padName: string | null;
  siteLocality: string | null;
  missionSuccess: boolean | null;
  coreCount: number;
  /** Null when no source tells any core's landing (not 0: nothing is known). */
  landingAttempts: number | null;
  landingSuccesses: number | null;
  /** Cores whose landing outcome no source gives. */
  coresUnknown: number;
  /** Version and first core as the IBM capstone writes them: "F9 B5 B1049.4". */
  boosterVersion: string | null;
  /** The single (or center) core's landing as the capstone writes it: "Success (drone ship)". */
  capstoneLandingOutcome: string | null;
  /** Sources that list this launch, in SOURCE_NAMES order. */
  sources: SourceName[];
  /** Which Wikipedia-family source gave wikiFlight. */
  wikiFlightSource: SourceName | null;
  /** Which LL2 source gave weatherForecast. */
  weatherForecastSource: SourceName | null;
}

/** One first-stage core on one launch. */
export interface Landing {
  landingId: string;
  launchId: string;
  dateUtc: string;
  rocket: Rocket;
  coreRole: CoreRole;
  /** Position among the launch's cores: 0 single or center, 1 and 2 the side boosters. */
  corePosition: number;
  boosterSerial: string | null;
  serialSource: string | null;
  block: number | null;
  coreFlight: number | null;
  reused: boolean | null;
  daysSincePreviousFlight: number | null;
  previousLandings: number | null;
  gridfins: boolean | null;
  legs: boolean | null;
  landingAttempted: boolean | null;
  landingType: LandingType | null;
  landingLocation: string | null;
  landingOutcome: LandingOutcome;
  /** Sources whose outcome for this core agrees with landingOutcome (known outcomes only). */
  outcomeSources: SourceName[];
  /** "lost after landing" where a source says the core landed and was lost later (LABEL_RULE). */
  afterLanding: string | null;
  /** How the landing failed or the core was lost, from a reviewed account (record-rules.ts); null: not recorded. */
  landingAccount: string | null;
  /** Which source named the landing place. */
  locationSource: SourceName | null;
  landingLatitude: number | null;
  landingLongitude: number | null;
  landed: boolean | null;
  label: number | null;
  capstoneClass: number | null;
  /** The SpaceX API's landpad name, unmerged, for the capstone replica (SourceCore.capstoneLandingPad). */
  capstoneLandingPad: string | null;
  labelSource: SourceName;
  site: string | null;
  orbit: string | null;
  payloadMassKg: number | null;
  sources: SourceName[];
}

export interface Disagreement {
  launchId: string;
  dateUtc: string;
  field: "date" | "site" | "booster" | "booster_flight" | "landing_outcome" | "landing_place";
  sourceA: SourceName;
  valueA: string;
  sourceB: SourceName;
  valueB: string;
}

export interface SourceCoverage {
  source: SourceName;
  launches: number;
  first: string | null;
  last: string | null;
  /** Requests this source would have answered that were not recorded (pages missing in replay). */
  pagesMissing: number;
  /** Launches (by year) that only this source lists: where the others leave a gap. */
  onlySource: Record<string, number>;
}

/** A vehicle lost before lift-off: not a launch, kept apart with what the sources say of it. */
export interface PreflightLoss {
  launch: Launch;
  /** When it was lost (the SpaceX API's date for it), not the planned lift-off other sources list. */
  lostUtc: string;
  reason: string;
  /** Its cores as they would have flown: the capstone replica keeps them, as the course's data did. */
  cores: Landing[];
}

export interface History {
  mode: "live" | "replay";
  launches: Launch[];
  preflightLosses: PreflightLoss[];
  landings: Landing[];
  reconciliation: Disagreement[];
  upcoming: UpcomingData;
  pads: SpacexLaunchpad[];
  coverage: SourceCoverage[];
  problems: Problems;
  /** Every raw response read, in request order. */
  responses: RawResponse[];
  /** Seconds spent per source, for progress reports. */
  timings: { source: string; seconds: number; records: number }[];
  /** Wikipedia year pages not answered (the release checks that other pages cover their years). */
  yearPagesMissing: YearPageMissing[];
}

const memo = new WeakMap<Http, Promise<History>>();

/** The whole history, built once per Http (one build asks each source once). */
export function loadHistory(http: Http, log: (line: string) => void = () => {}): Promise<History> {
  let history = memo.get(http);
  if (!history) {
    history = buildHistory(http, log);
    memo.set(http, history);
  }
  return history;
}

/**
 * Every flown Falcon 9 / Falcon Heavy launch, in date order, with `launchId` (the join key of all
 * tables), `dateUtc`, `padLatitude`, `padLongitude`, `name` and `flightNumber` (null where no
 * source gives SpaceX's counter).
 */
export async function loadLaunches(http: Http): Promise<Launch[]> {
  return (await loadHistory(http)).launches;
}

async function buildHistory(http: Http, log: (line: string) => void): Promise<History> {
  const problems = new Problems(log);
  const timings: History["timings"] = [];
  const timed = async <T>(source: string, work: () => Promise<T>, records: (t: T) => number): Promise<T> => {
    const start = performance.now();
    log(`${source}: fetching`);
    const result = await work();
    const seconds = (performance.now() - start) / 1000;
    const n = records(result);
    timings.push({ source, seconds: Math.round(seconds * 1000) / 1000, records: n });
    log(`${source}: ${n} records in ${seconds.toFixed(2)} s`);
    return result;
  };
  const spacex = await timed("spacex-api", () => fetchSpacex(http), (d) => d.launches.length);
  const ll2 = await timed("ll2", () => fetchLl2(http, problems, log), (d) => d.launches.length);
  const wikipedia = await timed("wikipedia", () => fetchWikipedia(http, problems, log), (d) => d.launches.length);
  const readHtml = await timed("wikipedia-read-html", () => fetchReadHtml(http, problems), (d) => d.launches.length);
  const scrape3df9 = await timed("wikipedia-3df9", () => fetch3df9(http, problems), (d) => d.launches.length);
  const massimo = await timed("wikipedia-massimo", () => fetchMassimo(http, problems), (d) => d.launches.length);
  const extract = await timed("wikipedia-extract", () => fetchExtract(http, problems), (d) => d.rows.length);
  const tracker = await timed("booster-tracker", () => fetchTracker(http, problems), (d) => d.launches.length);
  const upcoming = await timed("ll2-upcoming", () => fetchUpcoming(http, problems), (d) => d.launches.length);

  const bySource: Record<SourceName, SourceLaunch[]> = {
    "spacex-api": launchesFromSpacex(spacex),
    ll2: launchesFromLl2(ll2),
    wikipedia: wikipedia.launches,
    "wikipedia-read-html": readHtml.launches,
    "wikipedia-3df9": scrape3df9.launches,
    "wikipedia-massimo": massimo.launches,
    "wikipedia-extract": extract.launches,
    "booster-tracker": tracker.launches,
    "ll2-upcoming": launchesFromUpcoming(upcoming)
  };
  checkDates(bySource, http.responses);
  const groups = matchLaunches(bySource, problems);
  const padsBySite = new Map(spacex.launchpads.map((p) => [siteOfPad(p.name), p]));
  const launches: Launch[] = [];
  const coresByLaunch = new Map<string, MergedCore[]>();
  const grouped: { group: Group; launch: Launch }[] = [];
  const lost: { launch: Launch; lostUtc: string; reason: string }[] = [];
  for (const group of groups) {
    const merged = mergeLaunch(group, padsBySite);
    const cores = mergeCores(group, merged, ll2.launchers).map((c) => correctLanding(c, merged, problems));
    merged.coreCount = cores.length;
    const known = cores.filter((c) => c.core.outcome !== "unknown" || c.core.landingAttempted !== null);
    merged.coresUnknown = cores.filter((c) => c.core.outcome === "unknown").length;
    merged.landingAttempts = known.length ? known.filter((c) => c.core.landingAttempted === true).length : null;
    merged.landingSuccesses = known.length ? known.filter((c) => landingSucceeded(c.core.outcome)).length : null;
    const first = cores[0]?.core;
    merged.boosterVersion = first?.serial ? [merged.version, `${first.serial}${first.flight !== null ? `.${first.flight}` : ""}`].filter(Boolean).join(" ") : merged.version;
    // The capstone's table was scraped from Wikipedia: its words win where Wikipedia lists the launch.
    const wikiFirst = group.get("wikipedia")?.cores?.[0];
    merged.capstoneLandingOutcome = wikiFirst?.landingText ?? (first ? capstoneLanding(first) : null);
    coresByLaunch.set(merged.launchId, cores);
    const loss = [...group.values()].find((l) => l.preflightLoss)?.preflightLoss;
    if (loss) {
      const lostUtc = group.get("spacex-api")?.dateUtc ?? merged.dateUtc;
      problems.count("spacex-api", "pre-flight loss: not a launch (kept in preflight_losses)", `${merged.name}, lost ${lostUtc.slice(0, 16).replace("T", " ")} UTC`);
      lost.push({ launch: { ...merged, dateUtc: lostUtc }, lostUtc, reason: loss.reason });
      continue;
    }
    launches.push(merged);
    grouped.push({ group, launch: merged });
  }
  launches.sort((a, b) => compare(a.dateUtc, b.dateUtc) || compare(a.launchId, b.launchId));
  // Up to the SpaceX API's last launch every Falcon flight is recorded with its cores: there a
  // core's flights can be counted; after it, only numbers a source states are trusted.
  const spacexEnd = launches.filter((l) => l.sources.includes("spacex-api")).at(-1)?.dateUtc ?? null;
  const landings = coreHistory(launches, coresByLaunch, problems, spacexEnd);
  const preflightLosses = lost.map(({ launch, lostUtc, reason }) => ({ launch, lostUtc, reason, cores: coreHistory([launch], coresByLaunch, new Problems(), null) }));
  // Said, not hidden: cores no source names (early v1.1 flights, flights before LL2 assigned a booster).
  for (const l of landings) if (!l.boosterSerial) problems.count(l.labelSource, "core serial unknown", l.landingId);
  const reconciliation = [...reconcile(grouped), ...checkLaunchers(landings, ll2.launchers, spacexEnd)].sort(byDisagreement);
  const coverage = SOURCE_NAMES.map((source) => {
    const covered = launches.filter((l) => l.sources.includes(source));
    const onlySource: Record<string, number> = {};
    for (const l of covered) if (l.sources.length === 1) onlySource[l.dateUtc.slice(0, 4)] = (onlySource[l.dateUtc.slice(0, 4)] ?? 0) + 1;
    return {
      source,
      launches: covered.length,
      first: covered[0]?.dateUtc ?? null,
      last: covered.at(-1)?.dateUtc ?? null,
      pagesMissing: problems.get(source, "optional page missing") + problems.get(source, YEAR_PAGE_MISSING),
      onlySource
    };
  });
  log(`history: ${launches.length} launches, ${landings.length} cores, ${reconciliation.length} disagreements`);
  return { mode: http.mode, launches, preflightLosses, landings, reconciliation, upcoming, pads: spacex.launchpads, coverage, problems, responses: [...http.responses], timings, yearPagesMissing: wikipedia.yearPagesMissing };
}

/**
 * A launch without a readable date matches nothing and would leave the release without a word:
 * an error naming the source, the files it came from, the record and the field (the sources'
 * own parsers say more where they can; this catches every source).
 */
export function checkDates(bySource: Partial<Record<SourceName, SourceLaunch[]>>, responses: readonly RawResponse[]): void {
  for (const [source, launches] of Object.entries(bySource)) {
    const bad = (launches ?? []).find((l) => !/^\d{4}-\d{2}-\d{2}/.test(l.dateUtc) || Number.isNaN(Date.parse(l.dateUtc)));
    if (!bad) continue;
    const files = [...new Set(responses.filter((r) => r.source === source).map((r) => r.recording ?? r.url))];
    throw new SourceShapeError(
      source,
      `${bad.sourceId} "${bad.name}" in ${files.slice(0, 3).join(", ")}${files.length > 3 ? ` (and ${files.length - 3} more)` : ""}`,
      "date",
      `${JSON.stringify(bad.dateUtc)} is not a date; nothing was published. Restore the recording, or read the source's date in ${sourceModule(source)}`
    );
  }
}

/** Mission names agree when the words of the shorter all occur in the longer ("Starlink 4-19" ~ "Starlink Group 4-19"). */
export function namesAgree(a: string, b: string): boolean {
  const words = (s: string) =>
    s
      .toLowerCase()
      .replace(/^falcon (9|heavy)[^|]*\|/, "")
      .replace(/\(v1\.\d\)|\bgroup\b|\bmission\b/g, " ")
      .split(/[^a-z0-9-]+/)
      .filter(Boolean);
  const [x, y] = [words(a), words(b)].sort((p, q) => p.length - q.length);
  return x!.length > 0 && x!.every((w) => y!.includes(w));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const hours = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 3600_000;

/** The capstone site code of a SpaceX launchpad name ("CCSFS SLC 40" → "CCAFS SLC-40"). */
function siteOfPad(name: string): string | null {
  if (/SLC 40/.test(name)) return "CCAFS SLC-40";
  if (/LC 39A/.test(name)) return "KSC LC-39A";
  if (/SLC 4E/.test(name)) return "VAFB SLC-4E";
  return null;
}

type Group = Map<SourceName, SourceLaunch>;

/**
 * One group per launch. Sources are matched in trust order: an explicit id (the SpaceX API's
 * launch_library_id, an LL2 id) first, then the nearest lift-off time of the same rocket within two
 * days, closest pairs first so that two launches on one day do not swap; another pad counts a day
 * against a pair and an agreeing name half a day for it (sources disagree on pads, rarely on names).
 */
function matchLaunches(bySource: Record<SourceName, SourceLaunch[]>, problems: Problems): Group[] {
  const groups: Group[] = [];
  for (const source of SOURCE_NAMES) {
    const seen = new Set<string>();
    const launches = bySource[source].filter((l) => {
      if (seen.has(l.sourceId)) {
        problems.count(source, "duplicate launch dropped", l.sourceId);
        return false;
      }
      seen.add(l.sourceId);
      return true;
    });
    const unmatched = new Set(launches);
    // Explicit ids.
    for (const launch of launches) {
      if (!launch.ll2Id) continue;
      const group = groups.find((g) => !g.has(source) && [...g.values()].some((o) => o.ll2Id === launch.ll2Id));
      if (!group) continue;
      // The SpaceX API links a few launches to the wrong LL2 launch (Starlink 3-2 to 4-25): an id
      // link holds only when the two agree on the name or lie within two days of each other.
      const other = [...group.values()].find((o) => o.ll2Id === launch.ll2Id)!;
      if (hours(other.dateUtc, launch.dateUtc) > 48 && !namesAgree(other.name, launch.name)) {
        problems.count(other.source, "launch id link rejected (other name, other day): matched by time instead", `${other.sourceId} "${other.name}" -> ${launch.source} ${launch.sourceId} "${launch.name}"`);
        continue;
      }
      group.set(source, launch);
      unmatched.delete(launch);
    }
    // Wikipedia's flight number, shared by every Wikipedia-derived source ("195", "FH 5"), within two days.
    for (const launch of [...unmatched]) {
      if (!launch.wikiFlight) continue;
      const group = groups.find((g) => !g.has(source) && [...g.values()].some((o) => o.wikiFlight === launch.wikiFlight && o.rocket === launch.rocket && hours(o.dateUtc, launch.dateUtc) <= 48));
      if (!group) continue;
      group.set(source, launch);
      unmatched.delete(launch);
    }
    // Nearest time, closest pairs first.
    const pairs: { launch: SourceLaunch; group: Group; distance: number }[] = [];
    for (const launch of unmatched) {
      for (const group of groups) {
        if (group.has(source)) continue;
        const other = [...group.values()][0]!;
        if (other.rocket !== launch.rocket) continue;
        const distance = Math.min(...[...group.values()].map((o) => hours(o.dateUtc, launch.dateUtc)));
        if (distance > 48) continue;
        // Another pad or another name makes a pair less likely, not impossible: sources disagree on both.
        const siteDiffers = launch.site !== null && other.site !== null && launch.site !== other.site;
        const named = [...group.values()].some((o) => namesAgree(o.name, launch.name));
        // The same first-stage serial on both sides is the strongest evidence short of an id.
        const serial = launch.cores?.[0]?.serial ?? null;
        const serials = [...group.values()].map((o) => o.cores?.[0]?.serial ?? null).filter((x) => x !== null);
        const serialScore = serial === null || !serials.length ? 0 : serials.includes(serial) ? -12 : 24;
        // A launch already holding a Wikipedia flight number is not another source's other flight number.
        const flightDiffers = launch.wikiFlight !== null && [...group.values()].some((o) => o.wikiFlight !== null && o.wikiFlight !== launch.wikiFlight);
        if (flightDiffers) continue;
        pairs.push({ launch, group, distance: distance + (siteDiffers ? 24 : 0) - (named ? 12 : 0) + serialScore });
      }
    }
    pairs.sort((a, b) => a.distance - b.distance);
    for (const { launch, group } of pairs) {
      if (!unmatched.has(launch) || group.has(source)) continue;
      group.set(source, launch);
      unmatched.delete(launch);
    }
    for (const launch of unmatched) groups.push(new Map([[source, launch]]));
  }
  return groups;
}

const pick = <T>(group: Group, order: SourceName[], value: (l: SourceLaunch) => T | null): { value: T | null; source: SourceName | null } => {
  for (const source of order) {
    const l = group.get(source);
    if (!l) continue;
    const v = value(l);
    if (v !== null && v !== "") return { value: v, source };
  }
  return { value: null, source: null };
};

/** Wikipedia and the recorded extracts scraped from its pages. */
export const WIKI_FAMILY: SourceName[] = ["wikipedia", "wikipedia-read-html", "wikipedia-3df9", "wikipedia-massimo", "wikipedia-extract"];
const DETAIL_ORDER: SourceName[] = ["spacex-api", ...WIKI_FAMILY, "ll2", "booster-tracker", "ll2-upcoming"];
/**
 * Tie-break order for the lift-off time. The SpaceX API comes after LL2 and Wikipedia: its times are
 * off by whole hours on several early flights and stale on several 2022 Starlinks (reconciliation).
 */
const DATE_ORDER: SourceName[] = ["ll2", "wikipedia", "wikipedia-read-html", "wikipedia-3df9", "spacex-api", "ll2-upcoming", "wikipedia-massimo", "wikipedia-extract", "booster-tracker"];
const NAME_ORDER: SourceName[] = ["spacex-api", "ll2", "ll2-upcoming", ...WIKI_FAMILY, "booster-tracker"];
const VERSION_ORDER: SourceName[] = [...WIKI_FAMILY, "ll2", "ll2-upcoming"];
const OUTCOME_ORDER: SourceName[] = ["spacex-api", "ll2", ...WIKI_FAMILY, "booster-tracker", "ll2-upcoming"];
/**
 * Which source's landing outcome wins, core by core (an unknown outcome never wins over a known one):
 * the SpaceX API (SpaceX's own record, to 2022-10), LL2 (live, detailed, and its recorded upcoming
 * states), Wikipedia's tables, then the scrapes of them in the order they keep Wikipedia's words
 * (read_html and 3df9 keep the cell text; the tracker is curated by hand; massimo's 0/1 cannot say
 * "landed, lost afterwards" or tell a controlled ocean touchdown from an uncontrolled one).
 */
const LANDING_ORDER: SourceName[] = ["spacex-api", "ll2", "ll2-upcoming", "wikipedia", "wikipedia-read-html", "wikipedia-3df9", "booster-tracker", "wikipedia-massimo", "wikipedia-extract"];
/** Which source names the core: the SpaceX API's core query, LL2, then Wikipedia's booster column. */
const SERIAL_ORDER: SourceName[] = ["spacex-api", "ll2", ...WIKI_FAMILY, "booster-tracker", "ll2-upcoming"];
/**
 * Which source names the landing place: those that name the drone ship or zone first (read_html of
 * the live list, the booster tracker, 3df9's scrape), then the SpaceX API's landpad and LL2's.
 */
const PLACE_ORDER: SourceName[] = ["wikipedia-read-html", "booster-tracker", "wikipedia-3df9", "spacex-api", "ll2", "ll2-upcoming", "wikipedia", "wikipedia-massimo", "wikipedia-extract"];

/**
 * The lift-off time most sources agree on (within an hour), among sources that give the minute; ties
 * go by DATE_ORDER. A day-only date (SpaceX's late Starlink entries) is used only when no source
 * gives the minute.
 */
function launchTime(group: Group): { value: string; source: SourceName } {
  const candidates = DATE_ORDER.map((s) => group.get(s)).filter((l): l is SourceLaunch => l !== undefined);
  const hourly = candidates.filter((l) => l.datePrecision === "hour");
  if (!hourly.length) return { value: candidates[0]!.dateUtc, source: candidates[0]!.source };
  const support = (l: SourceLaunch) => hourly.filter((o) => hours(o.dateUtc, l.dateUtc) < 1).length;
  const best = hourly.reduce((a, b) => (support(b) > support(a) ? b : a));
  return { value: best.dateUtc, source: best.source };
}

function mergeLaunch(group: Group, padsBySite: Map<string | null, SpacexLaunchpad>): Launch {
  const sources = SOURCE_NAMES.filter((s) => group.has(s));
  const any = group.get(sources[0]!)!;
  const spacex = group.get("spacex-api");
  const ll2Id = pick(group, ["spacex-api", "ll2", "ll2-upcoming"], (l) => l.ll2Id).value;
  const { value: wikiFlight, source: wikiFlightSource } = pick(group, WIKI_FAMILY, (l) => l.wikiFlight);
  const launchId = spacex ? `spacex:${spacex.sourceId}` : ll2Id ? `ll2:${ll2Id}` : `wiki:${wikiFlight}`;
  const forecast = pick(group, ["ll2", "ll2-upcoming"], (l) => l.weatherForecast ?? null);
  const date = launchTime(group);
  const site = pick(group, NAME_ORDER, (l) => l.site).value;
  const pad = padsBySite.get(site);
  const outcome = pick(group, OUTCOME_ORDER, (l) => l.missionOutcome).value;
  const block = spacex?.cores?.[0]?.block ?? null;
  const spacexVersion = block === null ? null : block >= 5 ? `${any.rocket === "Falcon 9" ? "F9" : "FH"} B5` : block === 4 ? "F9 B4" : "F9 FT";
  return {
    launchId,
    flightNumber: spacex?.flightNumber ?? null,
    wikiFlight,
    name: pick(group, NAME_ORDER, (l) => l.name).value ?? launchId,
    dateUtc: new Date(date.value).toISOString(),
    datePrecision: group.get(date.source)!.datePrecision,
    dateSource: date.source,
    rocket: any.rocket,
    version: pick(group, VERSION_ORDER, (l) => l.version).value ?? spacexVersion,
    padName: pad?.name ?? null,
    site,
    siteLocality: pad?.locality ?? null,
    padLatitude: pick(group, ["spacex-api"], (l) => l.padLatitude).value ?? pad?.latitude ?? pick(group, ["ll2"], (l) => l.padLatitude).value,
    padLongitude: pick(group, ["spacex-api"], (l) => l.padLongitude).value ?? pad?.longitude ?? pick(group, ["ll2"], (l) => l.padLongitude).value,
    payloadName: pick(group, DETAIL_ORDER, (l) => l.payloadName).value,
    payloadMassKg: pick(group, DETAIL_ORDER, (l) => l.payloadMassKg).value,
    orbit: pick(group, DETAIL_ORDER, (l) => l.orbit).value,
    customer: pick(group, DETAIL_ORDER, (l) => l.customer).value,
    missionOutcome: outcome,
    missionSuccess: outcome === null ? null : outcome === "Success",
    coreCount: 0,
    landingAttempts: null,
    landingSuccesses: null,
    coresUnknown: 0,
    boosterVersion: null,
    capstoneLandingOutcome: null,
    sources,
    wikiFlightSource,
    weatherForecast: forecast.value,
    weatherForecastSource: forecast.source,
    spacexId: spacex?.sourceId ?? null,
    ll2Id
  };
}

interface MergedCore {
  position: number;
  core: SourceCore;
  labelSource: SourceName;
  serialSource: string | null;
  locationSource: SourceName | null;
  /** Sources that describe this core. */
  sources: SourceName[];
  /** Sources whose known outcome agrees with the merged one. */
  outcomeSources: SourceName[];
}

/** Cores of one source lined up by position: center (or single) first, then sides in source order. */
const byPosition = (cores: SourceCore[]): SourceCore[] => [...cores.filter((c) => c.role !== "side"), ...cores.filter((c) => c.role === "side")];

const unknownCore = (role: CoreRole): SourceCore => ({ role, serial: null, block: null, flight: null, gridfins: null, legs: null, reused: null, landingAttempted: null, landingType: null, landingLocation: null, outcome: "unknown" });

/**
 * One merged core per position, each field from its own trust order: the outcome from the first
 * source in LANDING_ORDER that knows it, the serial (and the flight number stated with it) from
 * SERIAL_ORDER, the landing place from PLACE_ORDER, the drone ship's position from the tracker.
 */
function mergeCores(group: Group, launch: Launch, launchers: Ll2Launcher[]): MergedCore[] {
  const roles: CoreRole[] = launch.rocket === "Falcon 9" ? ["single"] : ["center", "side", "side"];
  const described = SOURCE_NAMES.filter((s) => group.get(s)?.cores?.length);
  if (!described.length) {
    // No source describes the cores: one core per stage of the rocket, everything about it unknown.
    return roles.map((role, position) => ({ position, core: unknownCore(role), labelSource: launch.sources[0]!, serialSource: null, locationSource: null, sources: [], outcomeSources: [] }));
  }
  const reference = byPosition(group.get(SERIAL_ORDER.find((s) => described.includes(s))!)!.cores!);
  const lined = new Map(described.map((s) => [s, alignSides(reference, byPosition(group.get(s)!.cores!))[1]]));
  const merged = roles.map((role, position): MergedCore => {
    const at = (s: SourceName) => {
      const c = lined.get(s)?.[position];
      return c && c.role === role ? c : null;
    };
    const sources = described.filter((s) => at(s));
    const first = <T>(order: SourceName[], value: (c: SourceCore) => T | null | undefined): { source: SourceName; value: T } | null => {
      for (const s of order) {
        const c = at(s);
        const v = c ? value(c) : null;
        if (v !== null && v !== undefined) return { source: s, value: v };
      }
      return null;
    };
    const outcome = first(LANDING_ORDER, (c) => (c.outcome === "unknown" ? null : c));
    const serial = first(SERIAL_ORDER, (c) => (c.serial ? c : null));
    const attempted = outcome ? outcome.value.outcome !== "no attempt" && outcome.value.outcome !== "expended" : null;
    const place = attempted ? first(PLACE_ORDER, (c) => (c.landingLocation && c.outcome !== "no attempt" && c.outcome !== "expended" ? c : null)) : null;
    const type = attempted ? (outcome!.value.landingType ?? first(PLACE_ORDER, (c) => c.landingType)?.value ?? null) : null;
    const position_ = attempted ? first(["booster-tracker"], (c) => (c.landingLatitude != null && c.landingLongitude != null ? c : null)) : null;
    const base = outcome?.value ?? at(sources[0]!) ?? unknownCore(role);
    // Whatever the winning source says of its landing, a core that some source says was lost after landing keeps that note.
    const afterLanding = outcome && outcome.value.outcome === "landed" ? (first(LANDING_ORDER, (c) => (c.outcome === "landed" ? c.afterLanding : null))?.value ?? null) : null;
    return {
      position,
      core: {
        ...base,
        role,
        serial: serial?.value.serial ?? null,
        block: first(SERIAL_ORDER, (c) => c.block)?.value ?? null,
        flight: serial?.value.flight ?? first(SERIAL_ORDER, (c) => (c.serial === serial?.value.serial ? c.flight : null))?.value ?? null,
        gridfins: first(["spacex-api"], (c) => c.gridfins)?.value ?? null,
        legs: first(["spacex-api"], (c) => c.legs)?.value ?? null,
        reused: serial?.value.reused ?? base.reused,
        landingAttempted: outcome ? outcome.value.landingAttempted : (first(LANDING_ORDER, (c) => c.landingAttempted)?.value ?? null),
        landingType: type,
        landingLocation: place?.value.landingLocation ?? null,
        outcome: outcome?.value.outcome ?? "unknown",
        afterLanding,
        landingLatitude: position_?.value.landingLatitude ?? null,
        landingLongitude: position_?.value.landingLongitude ?? null,
        capstoneLandingPad: first(["spacex-api"], (c) => c.capstoneLandingPad)?.value ?? null
      },
      labelSource: outcome?.source ?? sources[0] ?? launch.sources[0]!,
      serialSource: serial?.source ?? null,
      locationSource: place?.source ?? null,
      sources,
      outcomeSources: outcome ? sources.filter((s) => at(s)!.outcome !== "unknown" && sameOutcome(at(s)!.outcome, outcome.value.outcome)) : []
    };
  });
  // Heavy cores no source names (the SpaceX API's populated query covers only Falcon 9): take them
  // from LL2's launcher list, whose Heavy boosters flew on the launch's day.
  const missing = merged.filter((c) => c.core.serial === null);
  if (missing.length && launch.rocket === "Falcon Heavy") {
    const day = launch.dateUtc.slice(0, 10);
    const used = new Set(merged.map((c) => c.core.serial));
    const candidates = launchers.filter(
      (l) => /^B\d{4}$/.test(l.serial) && !used.has(l.serial) && (l.firstLaunchDate?.slice(0, 10) === day || l.lastLaunchDate?.slice(0, 10) === day)
    );
    // Only an unambiguous match: as many candidates as unnamed cores, all of the same role.
    if (candidates.length === missing.length && new Set(missing.map((c) => c.core.role)).size === 1) {
      candidates.sort((a, b) => compare(a.serial, b.serial)).forEach((l, i) => {
        missing[i]!.core = { ...missing[i]!.core, serial: l.serial, block: missing[i]!.core.block ?? 5 };
        missing[i]!.serialSource = "ll2 launcher list";
      });
    }
  }
  return merged;
}

/** A core's landing in the capstone's (and Wikipedia's) words. */
function capstoneLanding(core: SourceCore): string | null {
  const where = core.landingType === "ASDS" ? " (drone ship)" : core.landingType === "RTLS" ? " (ground pad)" : "";
  switch (core.outcome) {
    case "landed":
      return `Success${where}`;
    case "failed":
      return `Failure${where}`;
    case "ocean touchdown":
      return "Controlled (ocean)";
    case "ocean failed":
      return "Uncontrolled (ocean)";
    case "no attempt":
    case "expended":
      return "No attempt";
    case "unknown":
      return null;
  }
}

/** Per-core history: flights so far, days since the last one, landings before this flight. */
/** A reviewed fact of the record (record-rules.ts) over what every source says of a core's landing. */
function correctLanding(c: MergedCore, launch: Launch, problems: Problems): MergedCore {
  const fix = landingCorrection(c.core.serial, launch.dateUtc);
  if (!fix || c.core.outcome === fix.outcome) return c;
  problems.count("record rules", `landing outcome corrected from ${c.core.outcome} to ${fix.outcome}: ${fix.afterLanding}`, `${fix.serial} ${fix.date} ${launch.name}: ${fix.evidence}`);
  // The sources agree on the wrong outcome, so none confirms the merged one; the problem list keeps the evidence.
  return { ...c, core: { ...c.core, outcome: fix.outcome, afterLanding: fix.afterLanding }, outcomeSources: [] };
}

/** Where the drone ship stood, unless the position cannot be that launch's landing (record-rules.ts). */
function landingPosition(core: SourceCore, launch: Launch, position: number, problems: Problems): { landingLatitude: number | null; landingLongitude: number | null } {
  const latitude = core.landingLatitude ?? null;
  const longitude = core.landingLongitude ?? null;
  if (latitude === null || longitude === null) return { landingLatitude: null, landingLongitude: null };
  const why = implausibleLandingPosition(launch.site, { latitude: launch.padLatitude, longitude: launch.padLongitude }, { latitude, longitude });
  if (!why) return { landingLatitude: latitude, landingLongitude: longitude };
  problems.count("booster-tracker", "landing position implausible: not drawn", `${launch.launchId}#${position} ${launch.name} (${launch.dateUtc.slice(0, 10)}, ${launch.site}): landing_latitude/landing_longitude ${why}`);
  return { landingLatitude: null, landingLongitude: null };
}

function coreHistory(launches: Launch[], coresByLaunch: Map<string, MergedCore[]>, problems: Problems, completeUntil: string | null): Landing[] {
  const landings: Landing[] = [];
  for (const launch of launches) {
    for (const c of coresByLaunch.get(launch.launchId)!) {
      const core = c.core;
      const attemptedOnLand = core.outcome === "landed" || core.outcome === "failed";
      landings.push({
        landingId: `${launch.launchId}#${c.position}`,
        launchId: launch.launchId,
        dateUtc: launch.dateUtc,
        rocket: launch.rocket,
        coreRole: core.role,
        corePosition: c.position,
        boosterSerial: core.serial,
        serialSource: c.serialSource,
        block: blockOf(launch.version, core.block),
        coreFlight: core.flight,
        reused: core.reused,
        daysSincePreviousFlight: null,
        previousLandings: null,
        gridfins: core.gridfins,
        legs: core.legs,
        landingAttempted: core.landingAttempted,
        landingType: core.landingType,
        landingLocation: core.landingLocation,
        landingOutcome: core.outcome,
        outcomeSources: c.outcomeSources,
        afterLanding: core.afterLanding ?? null,
        landingAccount: landingAccount(core.serial, launch.dateUtc)?.account ?? null,
        locationSource: c.locationSource,
        ...landingPosition(core, launch, c.position, problems),
        capstoneLandingPad: core.capstoneLandingPad ?? null,
        landed: attemptedOnLand ? core.outcome === "landed" : null,
        label: landingLabel(core.outcome),
        capstoneClass: core.outcome === "unknown" ? null : landingSucceeded(core.outcome) ? 1 : 0,
        labelSource: c.labelSource,
        site: launch.site,
        orbit: launch.orbit,
        payloadMassKg: launch.payloadMassKg,
        sources: c.sources
      });
    }
  }
  // Walk each serial's flights in date order. A count is trusted only where the history is whole:
  // from the serial's first flight with no flight missing in between.
  const bySerial = new Map<string, Landing[]>();
  for (const l of landings) if (l.boosterSerial) bySerial.set(l.boosterSerial, [...(bySerial.get(l.boosterSerial) ?? []), l]);
  for (const flights of bySerial.values()) {
    let whole = true;
    let landed = 0;
    flights.forEach((l, i) => {
      const previous = flights[i - 1];
      const counted = i + 1;
      // Counting is safe only where no flight can be missing: inside the complete history.
      const countable = completeUntil !== null && l.dateUtc <= completeUntil;
      if (l.coreFlight === null && countable) l.coreFlight = whole ? counted : previous?.coreFlight != null ? previous.coreFlight + 1 : null;
      // The stated number says whether flights are missing from what we have.
      whole = whole && l.coreFlight === counted;
      const consecutive = previous && previous.coreFlight !== null && l.coreFlight === previous.coreFlight + 1;
      if (previous?.coreFlight != null && l.coreFlight !== null && l.coreFlight <= previous.coreFlight) {
        // A serial whose flight numbers do not rise: one source has the wrong serial or number.
        // Its history stays null from here (not consecutive, not whole) and the case is counted.
        problems.count(l.labelSource, "core flight number not above the previous flight's", `${l.boosterSerial} flight ${l.coreFlight} on ${l.dateUtc.slice(0, 10)} after flight ${previous.coreFlight} on ${previous.dateUtc.slice(0, 10)} (${previous.labelSource})`);
        whole = false;
      }
      l.daysSincePreviousFlight = consecutive ? Math.round(((Date.parse(l.dateUtc) - Date.parse(previous.dateUtc)) / 86_400_000) * 1000) / 1000 : null;
      l.previousLandings = whole ? landed : null;
      if (l.landed) landed++;
      l.reused = l.coreFlight !== null ? l.coreFlight > 1 : l.reused;
    });
  }
  return landings;
}

/** Where two sources describe the same launch differently, one row per pair and field. */
function reconcile(grouped: { group: Group; launch: Launch }[]): Disagreement[] {
  const rows: Disagreement[] = [];
  for (const { group, launch } of grouped) {
    const present = SOURCE_NAMES.filter((s) => group.has(s));
    for (let i = 0; i < present.length; i++) {
      for (let j = i + 1; j < present.length; j++) {
        const a = group.get(present[i]!)!;
        const b = group.get(present[j]!)!;
        const add = (field: Disagreement["field"], valueA: string, valueB: string) =>
          rows.push({ launchId: launch.launchId, dateUtc: launch.dateUtc, field, sourceA: a.source, valueA, sourceB: b.source, valueB });
        if (datesDiffer(a, b)) add("date", a.dateUtc.slice(0, 16) + "Z", b.dateUtc.slice(0, 16) + "Z");
        if (a.site && b.site && a.site !== b.site) add("site", a.site, b.site);
        const ca = a.cores ? byPosition(a.cores) : null;
        const cb = b.cores ? byPosition(b.cores) : null;
        if (!ca || !cb) continue;
        const [sa, sb] = alignSides(ca, cb);
        const serials = (cores: SourceCore[]) => cores.map((c) => c.serial ?? "?").join(", ");
        const serialsDiffer = sa.some((c, k) => c.serial && sb[k]?.serial && c.serial !== sb[k]!.serial);
        if (serialsDiffer || ca.length !== cb.length) add("booster", serials(sa), serials(sb));
        const outcomes = (cores: SourceCore[]) => cores.map((c) => c.outcome).join(", ");
        if (sa.some((c, k) => sb[k] && c.outcome !== "unknown" && sb[k]!.outcome !== "unknown" && !sameOutcome(c.outcome, sb[k]!.outcome))) {
          add("landing_outcome", outcomes(sa), outcomes(sb));
        }
        // The same core, its flight number stated differently.
        const flights = (cores: SourceCore[]) => cores.map((c) => `${c.serial ?? "?"}.${c.flight ?? "?"}`).join(", ");
        if (sa.some((c, k) => c.serial && c.serial === sb[k]?.serial && c.flight !== null && sb[k]!.flight !== null && c.flight !== sb[k]!.flight)) {
          add("booster_flight", flights(sa), flights(sb));
        }
        const places = (cores: SourceCore[]) => cores.map((c) => c.landingLocation ?? "?").join(", ");
        if (sa.some((c, k) => c.landingLocation && sb[k]?.landingLocation && c.landingLocation !== sb[k]!.landingLocation)) {
          add("landing_place", places(sa), places(sb));
        }
      }
    }
  }
  return rows;
}

const byDisagreement = (x: Disagreement, y: Disagreement) =>
  compare(x.dateUtc, y.dateUtc) || compare(x.launchId, y.launchId) || compare(x.field, y.field) || compare(x.sourceA + x.sourceB, y.sourceA + y.sourceB) || compare(x.valueA, y.valueA);

/**
 * LL2's launcher list counts each booster's flights. Where the SpaceX API's whole history covers a
 * booster's career (its last flight before the API froze, or none), the flights we hold for the
 * serial should number the same; each flight beyond LL2's count is a booster disagreement.
 */
function checkLaunchers(landings: Landing[], launchers: Ll2Launcher[], spacexEnd: string | null): Disagreement[] {
  if (!spacexEnd) return [];
  const rows: Disagreement[] = [];
  for (const launcher of launchers) {
    const flights = launcher.flights;
    if (!/^B\d{4}$/.test(launcher.serial) || flights === null) continue;
    if (launcher.lastLaunchDate !== null && launcher.lastLaunchDate > spacexEnd) continue;
    const ours = landings.filter((l) => l.boosterSerial === launcher.serial && l.dateUtc <= spacexEnd);
    const listed = `launcher list: ${launcher.serial} flew ${flights} time${flights === 1 ? "" : "s"}` + (launcher.firstLaunchDate ? `, ${launcher.firstLaunchDate.slice(0, 10)} to ${launcher.lastLaunchDate?.slice(0, 10)}` : "");
    ours.slice(flights).forEach((l, i) =>
      rows.push({
        launchId: l.launchId,
        dateUtc: l.dateUtc,
        field: "booster",
        sourceA: SOURCE_NAMES.find((s) => s === l.serialSource) ?? l.labelSource,
        valueA: `${launcher.serial} (flight ${flights + i + 1} of ${ours.length} here)`,
        sourceB: "ll2",
        valueB: listed
      })
    );
  }
  return rows;
}

/** Sources list a Heavy's side boosters in either order: line b's sides up with a's by serial where they can. */
function alignSides(a: SourceCore[], b: SourceCore[]): [SourceCore[], SourceCore[]] {
  const sidesB = b.filter((c) => c.role === "side");
  const sidesA = a.filter((c) => c.role === "side");
  if (sidesA.length !== 2 || sidesB.length !== 2) return [a, b];
  const swap = (sidesA[0]!.serial !== null && sidesA[0]!.serial === sidesB[1]!.serial) || (sidesA[1]!.serial !== null && sidesA[1]!.serial === sidesB[0]!.serial);
  return [a, swap ? [...b.filter((c) => c.role !== "side"), sidesB[1]!, sidesB[0]!] : b];
}

/** Dates disagree when the UTC day differs, or when both give the minute and they are an hour apart. */
function datesDiffer(a: SourceLaunch, b: SourceLaunch): boolean {
  if (a.dateUtc.slice(0, 10) !== b.dateUtc.slice(0, 10)) return true;
  return a.datePrecision === "hour" && b.datePrecision === "hour" && hours(a.dateUtc, b.dateUtc) >= 1;
}

/** "expended" and "no attempt" both mean no recovery was tried. */
const sameOutcome = (a: LandingOutcome, b: LandingOutcome) => a === b || ((a === "expended" || a === "no attempt") && (b === "expended" || b === "no attempt"));
