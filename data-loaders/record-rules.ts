// The hard facts of the record that the sources get wrong or leave implicit, each as one rule that
// the history applies and docs/data.md states. Where a rule needs a reviewed fact (a core the
// sources mislabel), the fact carries its evidence; nothing here is guessed.

/**
 * A vehicle lost before lift-off is not a launch: it never left the pad. The SpaceX API times each
 * failure from lift-off, so a failure at a negative time happened before T-0 (Amos-6: -165,180 s,
 * the pad explosion of 2016-09-01 during propellant loading for a static fire).
 */
export function isPreflightLoss(failureTimes: readonly (number | null)[]): boolean {
  return failureTimes.some((t) => t !== null && t < 0);
}

/**
 * Block numbers belong to Full Thrust cores (Block 1–5). The SpaceX API gives v1.0 and v1.1 cores
 * block 1; a v1.x core has no block.
 */
export function blockOf(version: string | null, block: number | null): number | null {
  return version !== null && /v1\.[01]\b/.test(version) ? null : block;
}

/**
 * Cores every recorded source labels "failed" that touched down and stood, and were lost later.
 * The project's label rule says such a core landed (B1058 in 2023 is the same case, which the
 * sources already record as landed and lost after landing).
 */
export interface LandingCorrection {
  serial: string;
  /** UTC day of the launch. */
  date: string;
  outcome: "landed";
  afterLanding: string;
  evidence: string;
}

export const LANDING_CORRECTIONS: readonly LandingCorrection[] = [
  {
    serial: "B1086",
    date: "2025-03-03",
    outcome: "landed",
    afterLanding: "lost after landing: a fire in the aft end on the deck toppled it",
    evidence:
      'SpaceX, Starlink 12-20: "Following the successful landing, an off-nominal fire in the aft end of the rocket damaged one of the booster\'s landing legs which resulted in it tipping over" (on Just Read the Instructions, its fifth flight)'
  }
];

export function landingCorrection(serial: string | null, dateUtc: string): LandingCorrection | null {
  return LANDING_CORRECTIONS.find((c) => c.serial === serial && dateUtc.startsWith(c.date)) ?? null;
}

/**
 * How particular landings failed, or how a landed core was lost: reviewed accounts, each with the
 * public account it rests on. The sources record only the outcome; a landing with no account here
 * is "not recorded", never guessed.
 */
export interface LandingAccount {
  serial: string;
  /** UTC day of the launch. */
  date: string;
  account: string;
  evidence: string;
}

export const LANDING_ACCOUNTS: readonly LandingAccount[] = [
  {
    serial: "B1033",
    date: "2018-02-06",
    account: "missed the drone ship: two of its three landing-burn engines did not relight, and it hit the sea beside Of Course I Still Love You",
    evidence: "SpaceX, Falcon Heavy demonstration flight: the center core ran out of the igniter fluid (TEA-TEB) for its landing burn"
  },
  {
    serial: "B1050",
    date: "2018-12-05",
    account: "came down in the sea off Cape Canaveral: a grid fin hydraulic pump stalled on the way back to Landing Zone 1",
    evidence: "SpaceX, CRS-16: grid fin hydraulic pump stall; the booster made a controlled water landing short of the zone"
  },
  {
    serial: "B1058",
    date: "2023-12-23",
    account: "landed on Just Read the Instructions, then toppled on the deck in rough seas on the way back to port",
    evidence: "SpaceX, Starlink 6-32: the booster was lost after it tipped over on the drone ship during the return, in high winds and waves"
  },
  {
    serial: "B1062",
    date: "2024-08-28",
    account: "tipped over at touchdown on A Shortfall of Gravitas, on its 23rd flight",
    evidence: "SpaceX, Starlink 8-6 (the FAA-overseen mishap investigation followed): the booster tipped over on the drone ship at the end of its landing"
  },
  {
    serial: "B1086",
    date: "2025-03-03",
    account: "landed on Just Read the Instructions; a fire in the aft end then damaged a landing leg and it tipped over",
    evidence: LANDING_CORRECTIONS[0]!.evidence
  }
];

export function landingAccount(serial: string | null, dateUtc: string): LandingAccount | null {
  return LANDING_ACCOUNTS.find((a) => a.serial === serial && dateUtc.startsWith(a.date)) ?? null;
}

/**
 * How far from its launch pad a drone ship or landing zone can stand. The farthest recorded landing
 * (STP-2's center core, 2019) was about 1,240 km downrange; a position beyond this is a source error
 * (the booster tracker puts Starlink 4-11's ship at 162° W, 3,800 km off Vandenberg, a typo for
 * about 122° W) and is not drawn.
 */
export const LANDING_DISTANCE_LIMIT_KM = 1500;

/** Florida pads land in the Atlantic (east of 82° W), Vandenberg's in the Pacific (west of 114° W). */
const OCEAN_OF_SITE: Record<string, { ocean: string; test: (longitude: number) => boolean }> = {
  "CCAFS SLC-40": { ocean: "Atlantic", test: (lon) => lon > -82 },
  "KSC LC-39A": { ocean: "Atlantic", test: (lon) => lon > -82 },
  "VAFB SLC-4E": { ocean: "Pacific", test: (lon) => lon < -114 },
  "VAFB SLC-6": { ocean: "Pacific", test: (lon) => lon < -114 }
};

export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

/** Why a landing position cannot be where that launch's core landed, or null when it can. */
export function implausibleLandingPosition(
  site: string | null,
  pad: { latitude: number | null; longitude: number | null },
  position: { latitude: number; longitude: number }
): string | null {
  const { latitude, longitude } = position;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return `(${latitude}, ${longitude}) is not a position on Earth`;
  const ocean = site ? OCEAN_OF_SITE[site] : undefined;
  if (ocean && !ocean.test(longitude)) return `(${latitude}, ${longitude}) is not in the ${ocean.ocean}, where ${site}'s landings happen`;
  if (pad.latitude !== null && pad.longitude !== null) {
    const km = distanceKm(pad.latitude, pad.longitude, latitude, longitude);
    if (km > LANDING_DISTANCE_LIMIT_KM) return `(${latitude}, ${longitude}) is ${Math.round(km).toLocaleString("en-US")} km from the pad, beyond the ${LANDING_DISTANCE_LIMIT_KM.toLocaleString("en-US")} km any recorded landing reached`;
  }
  return null;
}
