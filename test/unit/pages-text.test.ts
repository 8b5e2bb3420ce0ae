import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { splitStatements } from "../../src/components/sql-statements.ts";
import { padColor, padLabel } from "../../src/components/pads.ts";
import { formatValue } from "../../src/components/ResultTable.ts";

describe("splitStatements", () => {
  it("splits on semicolons outside strings, identifiers, dollar quotes and comments", () => {
    assert.deepEqual(splitStatements("SELECT 1; SELECT 2"), ["SELECT 1", "SELECT 2"]);
    assert.deepEqual(splitStatements("SELECT 'a;b' AS \"x;y\"; -- c;d\nSELECT $$e;f$$ /* g;h */;"), ["SELECT 'a;b' AS \"x;y\"", "-- c;d\nSELECT $$e;f$$ /* g;h */"]);
    assert.deepEqual(splitStatements("SELECT 'it''s; fine'"), ["SELECT 'it''s; fine'"]);
    assert.deepEqual(splitStatements(" ; -- only a comment\n;"), []);
    assert.deepEqual(splitStatements("SELECT $1, 2"), ["SELECT $1, 2"]);
  });
});

describe("padLabel and padColor", () => {
  it("gives both of the data's codes for a pad one name and one colour", () => {
    assert.equal(padLabel("CCAFS SLC-40"), "CCSFS SLC-40");
    assert.equal(padLabel("CCSFS SLC 40"), "CCSFS SLC-40");
    assert.equal(padLabel("KSC LC 39A"), "KSC LC-39A");
    assert.equal(padLabel("VAFB SLC 4E"), padLabel("VAFB SLC-4E"));
    assert.equal(padLabel("Kwajalein"), "Kwajalein");
    assert.equal(padColor("CCAFS SLC-40"), padColor("CCSFS SLC 40"));
    assert.notEqual(padColor("KSC LC 39A"), padColor("VAFB SLC 4E"));
  });
});

describe("formatValue", () => {
  it("writes quantities with thousands separators, and years and ids without", () => {
    assert.equal(formatValue(45596, "total_payload_kg"), "45,596");
    assert.equal(formatValue(2569.66, "average_payload_kg"), "2,569.66");
    assert.equal(formatValue(2015, "year"), "2015");
    assert.equal(formatValue(1234, "flight_number"), "1234");
    assert.equal(formatValue(null), "—");
  });
});

describe("missionLabel", () => {
  it("tidies the sources' filing names and leaves tidy ones alone", async () => {
    const { missionLabel } = await import("../../src/components/missions.ts");
    assert.equal(missionLabel("Starlink:Group 12-20(21 Satellites)"), "Starlink Group 12-20 (21 satellites)");
    assert.equal(missionLabel("CRS-7"), "CRS-7");
    assert.equal(missionLabel("Orbcomm OG2 (flight 2)"), "Orbcomm OG2 (flight 2)");
  });
});
