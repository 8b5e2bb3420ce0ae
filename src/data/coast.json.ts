// Land and coastline around the Falcon launch areas from world-atlas (Natural Earth 1:10m land),
// cut to each area so the map page loads kilobytes instead of the 3 MB world file. The coastline
// is the land's own outline inside the area (the cut edges are not coast), for distance measuring.
// The drone-ship views (the seas downrange of each site) use the 1:50m land: they span thousands of
// kilometres, where 1:10m detail would only add bytes.
import { readFileSync } from "node:fs";
import { feature } from "topojson-client";
import { geoIdentity } from "d3";
import type { FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";

const AREAS = [
  { name: "Cape Canaveral", bbox: [-81.6, 27.7, -79.9, 29.3] },
  { name: "Vandenberg", bbox: [-121.4, 34.1, -119.5, 35.3] }
] as const;

// Boxes wide enough for every drone-ship position the booster tracker records (Atlantic: 23.6–33.0°N,
// 80.3–68.0°W; Pacific: 28.8–34.5°N, 162.1–116.7°W, the westernmost far out towards Hawaii).
const SEAS = [
  { name: "Atlantic", bbox: [-83, 20, -60, 38] },
  { name: "Pacific", bbox: [-166, 17, -110, 38] }
] as const;

function polygonsOf(file: string): Position[][][] {
  const world = JSON.parse(readFileSync(new URL(`../../node_modules/world-atlas/${file}`, import.meta.url), "utf8"));
  const land = feature(world, world.objects.land) as FeatureCollection<Polygon | MultiPolygon>;
  return land.features.flatMap((f) => (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates));
}
const land10m = polygonsOf("land-10m.json");
const land50m = polygonsOf("land-50m.json");

function inside([x, y]: Position, [x0, y0, x1, y1]: readonly number[]): boolean {
  return x! >= x0! && x! <= x1! && y! >= y0! && y! <= y1!;
}

/** Land polygons clipped to the box (d3's planar rectangle clip keeps each ring's winding). */
function clipLand(polygons: Position[][][], bbox: readonly number[]): Position[][] {
  const rings: Position[][] = [];
  let ring: Position[] = [];
  const stream = geoIdentity()
    .clipExtent([
      [bbox[0]!, bbox[1]!],
      [bbox[2]!, bbox[3]!]
    ])
    .stream({
      point: (x: number, y: number) => void ring.push([x, y]),
      lineStart: () => void (ring = []),
      lineEnd: () => void (ring.length > 3 && rings.push(ring)),
      polygonStart: () => {},
      polygonEnd: () => {},
      sphere: () => {}
    });
  for (const polygon of polygons) {
    if (!polygon.some((r) => r.some((p) => inside(p, bbox)))) continue;
    stream.polygonStart();
    for (const r of polygon) {
      stream.lineStart();
      for (const [x, y] of r) stream.point(x!, y!, 0);
      stream.lineEnd();
    }
    stream.polygonEnd();
  }
  return rings;
}

/** The land outline inside the box, as lines cut where the outline leaves the box. */
function coastline(polygons: Position[][][], bbox: readonly number[]): Position[][] {
  const lines: Position[][] = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      let line: Position[] = [];
      for (const p of ring) {
        if (inside(p, bbox)) line.push(p);
        else if (line.length) {
          if (line.length > 1) lines.push(line);
          line = [];
        }
      }
      if (line.length > 1) lines.push(line);
    }
  }
  return lines;
}

process.stdout.write(
  JSON.stringify({
    source: "world-atlas 2.0.2 land-10m.json and land-50m.json (Natural Earth 1:10m and 1:50m land, public domain)",
    areas: AREAS.map(({ name, bbox }) => ({
      name,
      bbox,
      land: { type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: clipLand(land10m, bbox) } },
      coastline: { type: "MultiLineString", coordinates: coastline(land10m, bbox) }
    })),
    seas: SEAS.map(({ name, bbox }) => ({
      name,
      bbox,
      land: { type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: clipLand(land50m, bbox) } }
    }))
  })
);
