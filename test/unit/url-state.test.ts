import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeState, encodeState } from "../../src/components/url-state.ts";

const defaults = { site: "All", payload: 0, block5: false, sites: [] as string[], q: "SELECT 1" };

test("decodeState parses each key like its default and ignores nonsense", () => {
  assert.deepEqual(decodeState(defaults, "?site=KSC%20LC-39A&payload=2500&block5=1&sites=a,b%252Cc&other=x"), {
    site: "KSC LC-39A",
    payload: 2500,
    block5: true,
    sites: ["a", "b,c"],
    q: "SELECT 1"
  });
  assert.deepEqual(decodeState(defaults, "?payload=lots&block5=maybe"), defaults);
  assert.deepEqual(decodeState(defaults, ""), defaults);
});

test("encodeState drops defaults, keeps other parameters and round-trips", () => {
  assert.equal(encodeState(defaults, { ...defaults }, "?keep=1"), "?keep=1");
  const search = encodeState(defaults, { site: "VAFB SLC-4E", sites: ["x,y", "z"], q: "SELECT * FROM launches; -- &" }, "");
  assert.deepEqual(decodeState(defaults, search), { ...defaults, site: "VAFB SLC-4E", sites: ["x,y", "z"], q: "SELECT * FROM launches; -- &" });
  assert.equal(encodeState(defaults, { payload: 0 }, "?payload=5"), "");
});
