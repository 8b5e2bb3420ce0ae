// One vocabulary for every source: a launch, its first-stage cores, their landings, the pad.
import type { SpacexData } from "./sources/spacex-api.ts";
import { FALCON_9_ID, FALCON_HEAVY_ID } from "./sources/spacex-api.ts";

export interface Launch {
  launchId: string;
  flightNumber: number | null;
  name: string;
  dateUtc: string;
  rocket: string;
  padName: string | null;
  siteLocality: string | null;
  padLatitude: number | null;
  padLongitude: number | null;
  payloadMassKg: number | null;
  orbit: string | null;
  customer: string | null;
  missionSuccess: boolean | null;
  coreCount: number;
  landingAttempts: number;
  landingSuccesses: number;
  spacexId: string | null;
  ll2Id: string | null;
}

const FALCON_ROCKETS = new Set([FALCON_9_ID, FALCON_HEAVY_ID]);

export function launchesFromSpacex(data: SpacexData): Launch[] {
  const rockets = new Map(data.rockets.map((r) => [r.id, r.name]));
  const pads = new Map(data.launchpads.map((p) => [p.id, p]));
  const payloads = new Map(data.payloads.map((p) => [p.id, p]));
  return data.launches
    .filter((l) => !l.upcoming && FALCON_ROCKETS.has(l.rocketId))
    .map((l) => {
      const pad = l.launchpadId ? pads.get(l.launchpadId) : undefined;
      const launchPayloads = l.payloadIds.map((id) => payloads.get(id)).filter((p) => p !== undefined);
      const masses = launchPayloads.map((p) => p.massKg).filter((m): m is number => m !== null);
      return {
        launchId: `spacex:${l.id}`,
        flightNumber: l.flightNumber,
        name: l.name,
        dateUtc: l.dateUtc,
        rocket: rockets.get(l.rocketId) ?? l.rocketId,
        padName: pad?.name ?? null,
        siteLocality: pad?.locality ?? null,
        padLatitude: pad?.latitude ?? null,
        padLongitude: pad?.longitude ?? null,
        // A launch whose payloads all lack a mass has an unknown mass, not zero.
        payloadMassKg: masses.length ? masses.reduce((a, b) => a + b, 0) : null,
        orbit: launchPayloads[0]?.orbit ?? null,
        customer: launchPayloads[0]?.customers[0] ?? null,
        missionSuccess: l.success,
        coreCount: l.cores.length,
        landingAttempts: l.cores.filter((c) => c.landingAttempt === true).length,
        landingSuccesses: l.cores.filter((c) => c.landingAttempt === true && c.landingSuccess === true).length,
        spacexId: l.id,
        ll2Id: l.launchLibraryId
      };
    });
}
