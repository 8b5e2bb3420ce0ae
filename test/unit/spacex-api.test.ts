import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { launchesFromSpacex } from "../../data-loaders/normalize.ts";
import { fetchSpacex, FALCON_9_ID, parseLaunches } from "../../data-loaders/sources/spacex-api.ts";
import { SourceShapeError } from "../../data-loaders/validate.ts";
import { replayHttp } from "../support/snapshots.ts";

describe("SpaceX API v4 source", async () => {
  const data = await fetchSpacex(replayHttp());

  it("matches the independent counts in PROVENANCE.md", () => {
    const falcon9 = data.launches.filter((l) => !l.upcoming && l.rocketId === FALCON_9_ID);
    assert.equal(data.launches.length, 205);
    assert.equal(falcon9.length, 179);
    const cores = falcon9.flatMap((l) => l.cores);
    assert.equal(cores.filter((c) => c.landingAttempt).length, 155);
    assert.equal(cores.filter((c) => c.landingAttempt && c.landingSuccess).length, 142);
  });

  it("gives every Falcon 9 core a serial and block from the populated query", () => {
    assert.equal(new Set(data.coreIdentities.map((c) => c.launchId)).size, 179);
    assert.ok(data.coreIdentities.every((c) => /^B\d{4}/.test(c.serial)));
  });

  it("normalizes flown Falcon 9 and Falcon Heavy launches with pads and payload mass", () => {
    const launches = launchesFromSpacex(data);
    assert.equal(launches.length, 182);
    assert.equal(launches.filter((l) => l.rocket === "Falcon Heavy").length, 3);
    assert.ok(launches.every((l) => l.site !== null && l.padLatitude !== null));
    // Rideshares carry several payloads: the launch's mass is their sum.
    const iridium = data.launches.find((l) => l.name === "Iridium NEXT Mission 1");
    const masses = iridium!.payloadIds.map((id) => data.payloads.find((p) => p.id === id)!.massKg!);
    assert.ok(masses.length > 0);
    assert.equal(launches.find((l) => l.name === "Iridium NEXT Mission 1")?.payloadMassKg, masses.reduce((a, b) => a + b));
  });

  it("names the record and field when a field changes type", () => {
    assert.throws(
      () => parseLaunches([{ id: "abc", flight_number: "seven" }]),
      (e: Error) => e instanceof SourceShapeError && /record launch abc in launches, field "flight_number": expected number/.test(e.message)
    );
  });
});
