import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { geoContains } from "d3";
import type { MultiLineString } from "geojson";
import { atLeast, distanceKm, nearestOnLine, nearestPlace, sunflower, sunflowerRadius, type Place } from "../../src/components/geo.ts";
import { coastAndSeas, placesNearPads } from "../../data-loaders/map-geography.ts";

const line = (...parts: [number, number][][]): MultiLineString => ({ type: "MultiLineString", coordinates: parts });

describe("map geometry", () => {
  it("measures great-circle distances in km", () => {
    assert.ok(Math.abs(distanceKm([0, 0], [0, 1]) - 111.195) < 0.01, "one degree of latitude");
    assert.ok(Math.abs(distanceKm([0, 60], [1, 60]) - 55.6) < 0.1, "one degree of longitude at 60°N is half as long");
    assert.equal(distanceKm([-80.6, 28.5], [-80.6, 28.5]), 0);
  });

  it("finds the nearest point on a line, inside a segment or at its end", () => {
    const inside = nearestOnLine([0, 0], line([[-1, 1], [1, 1]]));
    assert.ok(Math.abs(inside.at[0]) < 1e-9 && Math.abs(inside.at[1] - 1) < 1e-9);
    assert.ok(Math.abs(inside.km - 111.195) < 0.01);
    const end = nearestOnLine([0, 0], line([[3, 0], [5, 0]], [[1, 1], [2, 1]]));
    assert.deepEqual(end.at, [1, 1], "the nearer part's end");
  });

  it("measures to a railway or highway drawn as a polyline, at 28°N where a degree of longitude is short", () => {
    // A north–south track 0.05° of longitude east of a pad at 28.5°N, with a bend away from it:
    // the nearest point is the foot of the perpendicular on the straight part, 0.05·cos(28.5°)·111.2 km away.
    const pad: [number, number] = [-80.6, 28.5];
    const track = line([[-80.55, 28.3], [-80.55, 28.6], [-80.5, 28.7]]);
    const nearest = nearestOnLine(pad, track);
    assert.ok(Math.abs(nearest.at[0] + 80.55) < 1e-9 && Math.abs(nearest.at[1] - 28.5) < 1e-6, `foot of the perpendicular, got ${nearest.at}`);
    const expected = 0.05 * Math.cos((28.5 * Math.PI) / 180) * 111.195;
    assert.ok(Math.abs(nearest.km - expected) < 0.01, `${nearest.km} km, expected ${expected}`);
    // A highway of two separate stretches: the second, diagonal one passes closer.
    const highway = line([[-80.7, 28.0], [-80.7, 28.2]], [[-80.62, 28.45], [-80.58, 28.55]]);
    const h = nearestOnLine(pad, highway);
    assert.ok(h.km < 2 && h.at[1] > 28.45, `the diagonal stretch, ${h.km} km at ${h.at}`);
  });

  it("lays out a pad's launches so that none hides another", () => {
    for (const n of [1, 2, 7, 120, 300]) {
      const offsets = sunflower(n, 3);
      assert.equal(offsets.length, n);
      let closest = Infinity;
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) closest = Math.min(closest, Math.hypot(offsets[i]![0] - offsets[j]![0], offsets[i]![1] - offsets[j]![1]));
      if (n > 1) assert.ok(closest > 1.5 * 3, `${n} markers: closest pair ${closest.toFixed(2)} px apart`);
      const farthest = Math.max(...offsets.map(([x, y]) => Math.hypot(x, y)));
      assert.ok(Math.abs(farthest - sunflowerRadius(n, 3)) < 1e-9, "sunflowerRadius is the outermost marker's distance");
    }
    assert.ok(sunflowerRadius(300, 3) < 60, "300 launches fit within 60 px of their pad");
    assert.equal(sunflowerRadius(0, 3), 0);
  });

  it("finds the nearest GeoNames town and city to the real pads", () => {
    const { source, places } = placesNearPads() as { source: string; places: (Place & { population: number; state: string })[] };
    assert.match(source, /GeoNames/);
    assert.ok(places.length > 100, `${places.length} places`);
    for (const p of places) assert.ok(p.population >= 1000 && p.name && p.state, JSON.stringify(p));
    const vandenberg: [number, number] = [-120.610829, 34.632093];
    const town = nearestPlace(vandenberg, places);
    assert.ok(town.km > 5 && town.km < 20, `${town.place.name} ${town.km} km`);
    assert.equal(nearestPlace(vandenberg, atLeast(places, 50000)).place.name, "Santa Maria");
    const slc40: [number, number] = [-80.577366, 28.5618571];
    const city = nearestPlace(slc40, atLeast(places, 50000));
    assert.ok(city.km > 30 && city.km < 80, `${city.place.name} ${city.km} km`);
  });

  it("cuts Natural Earth land so the real pads stand on land, near the shore, and the seas for the drone ships", () => {
    const coast = JSON.parse(JSON.stringify(coastAndSeas()));
    const pads: [string, [number, number]][] = [
      ["Cape Canaveral", [-80.577366, 28.5618571]],
      ["Cape Canaveral", [-80.6039558, 28.6080585]],
      ["Vandenberg", [-120.610829, 34.632093]]
    ];
    for (const [areaName, pad] of pads) {
      const area = coast.areas.find((a: { name: string }) => a.name === areaName);
      assert.ok(geoContains(area.land, pad), `${pad} is on land`);
      const shore = nearestOnLine(pad, area.coastline).km;
      assert.ok(shore > 0 && shore < 3, `${pad} is ${shore} km from the shore`);
    }
    const atlantic = coast.seas.find((s: { name: string }) => s.name === "Atlantic");
    assert.ok(geoContains(atlantic.land, [-81.4, 28.5]), "Orlando is on land");
    assert.ok(!geoContains(atlantic.land, [-75, 31]), "a GTO drone-ship spot is at sea");
    const pacific = coast.seas.find((s: { name: string }) => s.name === "Pacific");
    assert.ok(!geoContains(pacific.land, [-120, 31]), "off Baja California is at sea");
  });
});
