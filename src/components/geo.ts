// Geometry for the map: US states and outline from us-atlas (Census Bureau cartographic
// boundaries at 1:10,000,000), great-circle distances from a pad to a line (a shoreline) and to
// places, and the layout that keeps every launch at a pad visible.
import { feature } from "topojson-client";
import type { FeatureCollection, MultiLineString } from "geojson";

export interface Place {
  name: string;
  latitude: number;
  longitude: number;
}

export interface UsAtlas {
  objects: { states: unknown };
}

export function statesOf(us: UsAtlas): FeatureCollection {
  return feature(us, us.objects.states) as FeatureCollection;
}

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in km (haversine). */
export function distanceKm(a: [number, number], b: [number, number]): number {
  const [lon1, lat1] = a;
  const [lon2, lat2] = b;
  const h = Math.sin(((lat2 - lat1) * RAD) / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(((lon2 - lon1) * RAD) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The nearest point of a line to a [lon, lat] point and its distance in km. Each segment is
 * measured in a plane tangent at the point (equirectangular), exact to metres over the tens of
 * kilometres that matter here; the reported distance is then the great-circle one.
 */
export function nearestOnLine(point: [number, number], line: MultiLineString): { at: [number, number]; km: number } {
  const [lon0, lat0] = point;
  const kx = Math.cos(lat0 * RAD);
  let best: [number, number] = [NaN, NaN];
  let bestSquared = Infinity;
  for (const part of line.coordinates) {
    for (let i = 1; i < part.length; i++) {
      const [ax, ay] = [(part[i - 1]![0]! - lon0) * kx, part[i - 1]![1]! - lat0];
      const [bx, by] = [(part[i]![0]! - lon0) * kx, part[i]![1]! - lat0];
      const [dx, dy] = [bx - ax, by - ay];
      const length = dx * dx + dy * dy;
      const t = length === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length));
      const [px, py] = [ax + t * dx, ay + t * dy];
      const squared = px * px + py * py;
      if (squared < bestSquared) {
        bestSquared = squared;
        best = [lon0 + px / kx, lat0 + py];
      }
    }
  }
  return { at: best, km: distanceKm(point, best) };
}

export function nearestPlace<P extends Place>(point: [number, number], places: P[]): { place: P; km: number } {
  let best = { place: places[0]!, km: Infinity };
  for (const place of places) {
    const km = distanceKm(point, [place.longitude, place.latitude]);
    if (km < best.km) best = { place, km };
  }
  return best;
}

/** Places with at least `population` people (GeoNames' figure). */
export function atLeast<P extends { population: number }>(places: P[], population: number): P[] {
  return places.filter((p) => p.population >= population);
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Pixel offsets for `n` markers around one point, as a sunflower (Vogel's spiral): marker i at
 * radius spacing·√(i + ½), turned by the golden angle. Neighbours stay more than 1.5 × `spacing`
 * pixels apart, so none hides another, and the cluster's radius grows only as √n.
 */
export function sunflower(n: number, spacing: number): [number, number][] {
  const offsets: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const r = spacing * Math.sqrt(i + 0.5);
    offsets.push([r * Math.cos(i * GOLDEN_ANGLE), r * Math.sin(i * GOLDEN_ANGLE)]);
  }
  return offsets;
}

/** The radius in pixels of a sunflower of `n` markers (centre to the outermost marker's centre). */
export function sunflowerRadius(n: number, spacing: number): number {
  return n === 0 ? 0 : spacing * Math.sqrt(n - 0.5);
}
