import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { geoContains } from "d3";
import type { MultiLineString } from "geojson";
import { distanceKm, nearestOnLine, nearestPlace } from "../../src/components/geo.ts";
import { cities } from "../../src/components/cities.ts";
import { projectRoot } from "../../data-loaders/config.ts";

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

  it("finds the nearest town", () => {
    assert.equal(nearestPlace([-120.610829, 34.632093], cities).place.name, "Lompoc");
  });

  it("cuts Natural Earth land so the real pads stand on land, near the shore", () => {
    const coast = JSON.parse(execFileSync("npx", ["tsx", "src/data/coast.json.ts"], { cwd: projectRoot, encoding: "utf8", maxBuffer: 1 << 24 }));
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
  });
});
