import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { orbitCode, siteCode } from "../../data-loaders/normalize.ts";

describe("one vocabulary across sources", () => {
  it("spells every source's pad as the capstone's site code", () => {
    for (const pad of ["CCSFS SLC 40", "CCAFS,\nSLC-40", "Cape Canaveral,Slc\u201140", "Space Launch Complex 40", "CCSFS, SLC\u201140"]) assert.equal(siteCode(pad), "CCAFS SLC-40", pad);
    for (const pad of ["KSC LC 39A", "KSC,\nLC-39A", "Kennedy,Lc\u201139A", "Launch Complex 39A"]) assert.equal(siteCode(pad), "KSC LC-39A", pad);
    for (const pad of ["VAFB SLC 4E", "VAFB,\nSLC-4E", "Vandenberg,Slc\u20114E", "Space Launch Complex 4E"]) assert.equal(siteCode(pad), "VAFB SLC-4E", pad);
    assert.equal(siteCode("Unknown Pad"), null);
  });

  it("maps orbits to the SpaceX API's codes, and unknowns to null", () => {
    const cases: [string, string | null][] = [
      ["LEO (ISS)", "ISS"],
      ["Leo(Iss)", "ISS"],
      ["Polar LEO", "PO"],
      ["Sun\u2013Earth L1", "ES-L1"],
      ["Heliocentric\n0.99\u20131.67 AU", "HCO"],
      ["Geostationary Transfer Orbit", "GTO"],
      ["Molniya", "HEO"],
      ["Sub-orbital", "SO"],
      ["SSO", "SSO"],
      ["N/A", null],
      ["", null]
    ];
    for (const [text, code] of cases) assert.equal(orbitCode(text), code, text);
  });
});
