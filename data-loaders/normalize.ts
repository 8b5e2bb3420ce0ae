// One vocabulary for every source: a launch, its first-stage cores, their landings, the pad.
// Each source module maps its own records into `SourceLaunch`; `launch-history.ts` merges them.
import { isPreflightLoss } from "./record-rules.ts";
import type { SpacexData } from "./sources/spacex-api.ts";
import { FALCON_9_ID, FALCON_HEAVY_ID } from "./sources/spacex-api.ts";

/** The merged launch row lives with the merge; re-exported for modules that import it from here. */
export type { Launch } from "./launch-history.ts";

/**
 * Every source, as named in `sources` columns, in the order launches are matched (the explicit-id
 * sources first, then the Wikipedia family, whose flight numbers match each other). Which source
 * wins for each field is a separate order in launch-history.ts.
 */
export const SOURCE_NAMES = [
  "spacex-api",
  "ll2",
  "wikipedia",
  "wikipedia-read-html",
  "wikipedia-3df9",
  "wikipedia-massimo",
  "wikipedia-extract",
  "booster-tracker",
  "ll2-upcoming"
] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export type Rocket = "Falcon 9" | "Falcon Heavy";
export type CoreRole = "single" | "center" | "side";
export type LandingType = "ASDS" | "RTLS" | "Ocean";
export const LANDING_OUTCOMES = ["landed", "failed", "ocean touchdown", "ocean failed", "expended", "no attempt", "unknown"] as const;
export type LandingOutcome = (typeof LANDING_OUTCOMES)[number];

/** One first-stage core on one launch, as one source tells it. */
export interface SourceCore {
  role: CoreRole;
  serial: string | null;
  block: number | null;
  /** This core's flight number counting this flight, as the source states it; null when it does not. */
  flight: number | null;
  gridfins: boolean | null;
  legs: boolean | null;
  reused: boolean | null;
  landingAttempted: boolean | null;
  landingType: LandingType | null;
  /** Pad or drone-ship short name: LZ-1, LZ-2, LZ-4, LZ-40, SLC-6, OCISLY, JRTI, ASOG. */
  landingLocation: string | null;
  outcome: LandingOutcome;
  /** What became of a core that landed, afterwards (see LABEL_RULE): "lost after landing". */
  afterLanding?: string | null;
  /** Where the drone ship stood for the landing, degrees (the booster tracker records it). */
  landingLatitude?: number | null;
  landingLongitude?: number | null;
  /** The source's own words for the landing where it has them (Wikipedia: "Failure (parachute)"). */
  landingText?: string | null;
  /**
   * The SpaceX API's landpad name as the API gives it, planned pads of precluded landings and
   * "JRTI-1" included: the IBM capstone's LandingPad, for its replica only.
   */
  capstoneLandingPad?: string | null;
}

/** One flown launch as one source tells it. */
/** What every source says of a launch, and the merged launch says once they are reconciled. */
export interface LaunchFacts {
  /** SpaceX's flight counter (r/SpaceX API numbering, Falcon 1 included). */
  flightNumber: number | null;
  /** Wikipedia's Falcon 9 flight number ("FH 2" for Heavy). */
  wikiFlight: string | null;
  name: string;
  dateUtc: string;
  /** "hour" when the source gives the minute, "day" when only the date. */
  datePrecision: "hour" | "day";
  rocket: Rocket;
  version: string | null;
  /** Launch-site code as the IBM capstone spells it: CCAFS SLC-40, KSC LC-39A, VAFB SLC-4E. */
  site: string | null;
  padLatitude: number | null;
  padLongitude: number | null;
  payloadName: string | null;
  payloadMassKg: number | null;
  orbit: string | null;
  customer: string | null;
  missionOutcome: string | null;
  spacexId: string | null;
  ll2Id: string | null;
  /** LL2's published weather forecast for the attempt that flew, where the source carries one. */
  weatherForecast?: WeatherForecast | null;
}

/** LL2 `probability` (the 45th Weather Squadron's percent chance of favourable weather) and `weather_concerns`. */
export interface WeatherForecast {
  probabilityPct: number;
  concerns: string | null;
}

export interface SourceLaunch extends LaunchFacts {
  source: SourceName;
  /** The source's own id for the launch (v4 id, LL2 uuid, Wikipedia flight number). */
  sourceId: string;
  /** Cores in role order (single, or center then sides); null when the source says nothing of cores. */
  cores: SourceCore[] | null;
  /** The vehicle was lost before lift-off (record-rules.ts: isPreflightLoss): not a launch. */
  preflightLoss?: { reason: string };
}

/** The capstone's launch-site code for a pad, whichever way a source spells it. */
export function siteCode(text: string | null): string | null {
  if (!text) return null;
  const t = text.replace(/[\u2010-\u2015\u2212]/g, "-").replace(/\s+/g, " ").toUpperCase();
  if (/\b(S?LC)[- ]?40\b|COMPLEX 40/.test(t)) return "CCAFS SLC-40";
  if (/\bLC[- ]?39A\b|COMPLEX 39A/.test(t)) return "KSC LC-39A";
  if (/\bSLC[- ]?4E\b|COMPLEX 4E/.test(t)) return "VAFB SLC-4E";
  if (/\bSLC[- ]?6\b|COMPLEX 6\b/.test(t)) return "VAFB SLC-6";
  if (/KWAJALEIN|OMELEK/.test(t)) return "Kwajalein Omelek";
  return null;
}

/** Orbit in the SpaceX API's vocabulary (LEO, ISS, GTO, PO, SSO, MEO, HEO, ES-L1, SO, VLEO, BEO, TLI, HCO, GEO). */
export function orbitCode(text: string | null): string | null {
  if (!text) return null;
  const t = text.replace(/[\u2010-\u2015\u2212]/g, "-").replace(/\s+/g, " ").trim();
  const u = t.toUpperCase();
  if (u === "" || u === "N/A" || u === "TBD" || u === "UNKNOWN") return null;
  if (/\bISS\b/.test(u)) return "ISS";
  if (/SUN-EARTH L1|\bES-L1\b|\bL1\b/.test(u)) return "ES-L1";
  if (/HELIOCENTRIC|\bHCO\b/.test(u)) return "HCO";
  if (/TRANS-?LUNAR|\bTLI\b|LUNAR/.test(u)) return "TLI";
  if (/SUN-?SYNCHRONOUS|\bSSO\b/.test(u)) return "SSO";
  if (/POLAR/.test(u)) return "PO";
  if (/SUB-?ORBITAL|^SO$/.test(u)) return "SO";
  if (/\bVLEO\b/.test(u)) return "VLEO";
  if (/\bGTO\b|GEOSTATIONARY TRANSFER|GEOSYNCHRONOUS TRANSFER/.test(u)) return "GTO";
  if (/\bGEO\b|GEOSTATIONARY|GEOSYNCHRONOUS/.test(u)) return "GEO";
  if (/\bMEO\b|MEDIUM EARTH/.test(u)) return "MEO";
  if (/\bHEO\b|HIGH EARTH|HIGHLY ELLIPTICAL|MOLNIYA/.test(u)) return "HEO";
  if (/\bBEO\b|BEYOND EARTH|ESCAPE/.test(u)) return "BEO";
  if (/\bLEO\b|LOW EARTH/.test(u)) return "LEO";
  return t;
}

/** Whether a core counts as a landing success in the SpaceX API's sense (ocean touchdowns included). */
export const landingSucceeded = (outcome: LandingOutcome): boolean => outcome === "landed" || outcome === "ocean touchdown";

const FALCON_ROCKETS = new Map([
  [FALCON_9_ID, "Falcon 9"],
  [FALCON_HEAVY_ID, "Falcon Heavy"]
] as const);

/** The SpaceX API's flown Falcon 9 and Falcon Heavy launches, with core serials joined from every core query. */
export function launchesFromSpacex(data: SpacexData): SourceLaunch[] {
  const pads = new Map(data.launchpads.map((p) => [p.id, p]));
  const landpads = new Map(data.landpads.map((p) => [p.id, p]));
  const payloads = new Map(data.payloads.map((p) => [p.id, p]));
  // A core id keeps its serial on every launch: side boosters first flew as Falcon 9 cores, so
  // the Falcon 9 query names most Heavy cores too.
  const serials = new Map(data.coreIdentities.map((c) => [c.coreId, c]));
  return data.launches
    .filter((l) => !l.upcoming && FALCON_ROCKETS.has(l.rocketId as typeof FALCON_9_ID))
    .map((l) => {
      const rocket = FALCON_ROCKETS.get(l.rocketId as typeof FALCON_9_ID)!;
      const pad = l.launchpadId ? pads.get(l.launchpadId) : undefined;
      const launchPayloads = l.payloadIds.map((id) => payloads.get(id)).filter((p) => p !== undefined);
      const masses = launchPayloads.map((p) => p.massKg).filter((m): m is number => m !== null);
      const cores: SourceCore[] = l.cores.map((c, i) => {
        const identity = c.coreId ? serials.get(c.coreId) : undefined;
        const landingType = c.landingType === "ASDS" || c.landingType === "RTLS" || c.landingType === "Ocean" ? c.landingType : null;
        return {
          // The API lists a Heavy's center core first, then the two side boosters.
          role: rocket === "Falcon 9" ? "single" : i === 0 ? "center" : "side",
          serial: identity?.serial ?? null,
          block: identity?.block ?? null,
          flight: c.flight,
          gridfins: c.gridfins,
          legs: c.legs,
          reused: c.reused,
          landingAttempted: c.landingAttempt,
          landingType: c.landingAttempt ? landingType : null,
          // "JRTI-1" is the first ship of that name (2015–16): one name per place, as every source spells it.
          landingLocation: c.landpadId ? landingPlace(landpads.get(c.landpadId)?.name ?? null) : null,
          capstoneLandingPad: c.landpadId ? (landpads.get(c.landpadId)?.name ?? null) : null,
          outcome: spacexOutcome(c.landingAttempt, c.landingSuccess, landingType)
        };
      });
      return {
        source: "spacex-api",
        sourceId: l.id,
        flightNumber: l.flightNumber,
        wikiFlight: null,
        name: l.name,
        dateUtc: l.dateUtc,
        datePrecision: l.datePrecision === "hour" ? "hour" : "day",
        rocket,
        version: null,
        site: siteCode(pad?.name ?? null),
        padLatitude: pad?.latitude ?? null,
        padLongitude: pad?.longitude ?? null,
        payloadName: launchPayloads.map((p) => p.name).join(", ") || null,
        // A launch whose payloads all lack a mass has an unknown mass, not zero.
        payloadMassKg: masses.length ? masses.reduce((a, b) => a + b, 0) : null,
        orbit: launchPayloads[0]?.orbit ?? null,
        customer: launchPayloads[0]?.customers[0] ?? null,
        missionOutcome: l.success === null ? null : l.success ? "Success" : "Failure",
        cores,
        spacexId: l.id,
        ll2Id: l.launchLibraryId,
        ...(isPreflightLoss(l.failureTimes) ? { preflightLoss: { reason: l.failureReasons.join("; ") } } : {})
      } satisfies SourceLaunch;
    });
}

function spacexOutcome(attempt: boolean | null, success: boolean | null, type: LandingType | null): LandingOutcome {
  if (attempt === false) return "no attempt";
  if (attempt === null || success === null) return "unknown";
  if (type === "Ocean") return success ? "ocean touchdown" : "ocean failed";
  return success ? "landed" : "failed";
}

/**
 * The label rule, the one place it is decided (docs/data.md states it; every source's outcome goes
 * through it, the model and every page read its result):
 * - 1: the core touched down on a landing zone or drone ship and stood there, safed. A core that
 *   landed and was lost later, on the way back (B1058 on 2023-12-23, toppled by waves in transit;
 *   Arabsat-6A's center core in 2019), landed: 1. Wikipedia writes these "Partial failure".
 * - 0: a landing on a zone or ship was attempted and the core did not stand there: missed, crashed,
 *   or toppled or burned on the deck at touchdown (B1062 on 2024-08-28, B1086 on 2025-03-03).
 * - null: no landing on a zone or ship was tried (expended cores, "no attempt", launches that failed
 *   first), controlled or uncontrolled ocean touchdowns (tests, nothing recovered), and outcomes no
 *   source gives. Each Falcon Heavy core is its own row under the same rule.
 */
export function landingLabel(outcome: LandingOutcome): 0 | 1 | null {
  if (outcome === "landed") return 1;
  if (outcome === "failed") return 0;
  return null;
}

export const LABEL_RULE =
  "label = 1 when the core touched down on a landing zone (RTLS) or a drone ship (ASDS) and stood there, safed; a core lost afterwards still landed (B1058 on 2023-12-23, lost in transit; the Arabsat-6A center core in 2019; B1086 on 2025-03-03, toppled by a fire on the deck after a successful landing; landings.after_landing says how it was lost). label = 0 when such a landing was attempted and the core did not stand on the zone or ship: it missed, crashed, or tipped over or broke at touchdown (B1062 on 2024-08-28, its 23rd flight). label = null otherwise: expended cores and launches without an attempt (landing_outcome \"expended\", \"no attempt\"; also CRS-7, whose planned landing the launch failure precluded; Amos-6, lost on the pad before lift-off, is not a launch at all and is in no landing row), controlled and uncontrolled ocean touchdowns (\"ocean touchdown\", \"ocean failed\": tests, nothing recovered) and cores whose outcome no source gives (\"unknown\"). Every Falcon Heavy core, side boosters included, is its own row under the same rule. The rule is applied to every source's outcome the same way; where sources disagree the landing order decides and the other value is a reconciliation row.";

/** Landing places by one name: OCISLY, JRTI, ASOG, LZ-1, LZ-2, LZ-4, LZ-40, SLC-6; null when not a place. */
export function landingPlace(text: string | null): string | null {
  if (!text) return null;
  const t = text.replace(/[\u2010-\u2015\u2212]/g, "-").replace(/\s+/g, " ").trim().toUpperCase();
  if (/OCISLY|OF COURSE I STILL LOVE YOU/.test(t)) return "OCISLY";
  if (/JRTI|JUST READ THE INSTRUCTIONS/.test(t)) return "JRTI";
  if (/ASOG|A SHORTFALL OF GRAVITAS/.test(t)) return "ASOG";
  const zone = /\bLZ ?-?(\d+)\b|LANDING ZONE (\d+)/.exec(t);
  if (zone) return `LZ-${zone[1] ?? zone[2]}`;
  if (/\bSLC-?6\b/.test(t)) return "SLC-6";
  return null;
}

/** The landing type a named place implies. */
export function typeOfPlace(place: string | null): LandingType | null {
  if (!place) return null;
  return /^(OCISLY|JRTI|ASOG)$/.test(place) ? "ASDS" : "RTLS";
}

export interface ParsedLanding {
  attempted: boolean | null;
  type: LandingType | null;
  location: string | null;
  outcome: LandingOutcome;
  afterLanding: string | null;
}

/**
 * A booster-landing cell in Wikipedia's words, which every Wikipedia-derived source and the booster
 * tracker share: "Success (drone ship)", "Success (OCISLY)", "Failure (LZ-1)", "Controlled (ocean)",
 * "Partial failure (JRTI)" (landed, lost afterwards), "No attempt", "Precluded", "Expended".
 * Returns null for text it does not know, so that each source can name its own file and field.
 */
export function parseLandingText(text: string): ParsedLanding | null {
  const t = text.replace(/\[[^\]]*\]/g, "").replace(/\s+/g, " ").replace(/[\u2010-\u2015\u2212]/g, "-").trim();
  const where = /\(([^)]*)\)/.exec(t)?.[1] ?? "";
  const location = landingPlace(where);
  const type: LandingType | null =
    typeOfPlace(location) ?? (/drone ship|\bship\b|asds/i.test(where) ? "ASDS" : /ground pad|\bpad\b|rtls|landing zone/i.test(where) ? "RTLS" : /ocean|parachute|\bsea\b/i.test(where) ? "Ocean" : null);
  const landing = (outcome: LandingOutcome, landingType = type, afterLanding: string | null = null): ParsedLanding => ({ attempted: true, type: landingType, location, outcome, afterLanding });
  if (/^no attempt/i.test(t) || /^precluded/i.test(t)) return { attempted: false, type: null, location: null, outcome: "no attempt", afterLanding: null };
  if (/^expended/i.test(t)) return { attempted: false, type: null, location: null, outcome: "expended", afterLanding: null };
  if (/^controlled/i.test(t)) return landing("ocean touchdown", "Ocean");
  if (/^uncontrolled/i.test(t)) return landing("ocean failed", "Ocean");
  // Wikipedia's "Partial failure" on a landing: it touched down and was lost afterwards (LABEL_RULE).
  if (/^partial failure/i.test(t)) return landing(type === "Ocean" ? "ocean touchdown" : "landed", type, "lost after landing");
  if (/^success/i.test(t)) return landing(type === "Ocean" ? "ocean touchdown" : "landed");
  if (/^failure/i.test(t)) return landing(type === "Ocean" ? "ocean failed" : "failed");
  if (t === "" || /^unknown$/i.test(t)) return { attempted: null, type: null, location: null, outcome: "unknown", afterLanding: null };
  return null;
}
