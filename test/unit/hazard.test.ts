import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { betaCdf, betaQuantile, failureRate, FLIGHT_BANDS, hazardByFlight, logGamma } from "../../src/ml/hazard.ts";

describe("hazard by booster flight", () => {
  it("log-gamma and the Beta distribution agree with closed forms", () => {
    assert.ok(Math.abs(logGamma(5) - Math.log(24)) < 1e-10);
    assert.ok(Math.abs(logGamma(0.5) - 0.5 * Math.log(Math.PI)) < 1e-10);
    // Beta(1, b): F(x) = 1 − (1 − x)^b, so the quantile is 1 − (1 − p)^(1/b).
    for (const b of [1, 3.5, 40]) {
      for (const p of [0.025, 0.5, 0.975]) assert.ok(Math.abs(betaQuantile(p, 1, b) - (1 - (1 - p) ** (1 / b))) < 1e-9, `Beta(1, ${b}) at ${p}`);
    }
    // Symmetry: I_x(a, b) = 1 − I_{1−x}(b, a); Beta(a, a) has its median at 1/2.
    assert.ok(Math.abs(betaCdf(0.3, 2.5, 7) - (1 - betaCdf(0.7, 7, 2.5))) < 1e-12);
    assert.ok(Math.abs(betaQuantile(0.5, 3.5, 3.5) - 0.5) < 1e-9);
  });

  it("a band's posterior: Jeffreys prior, mean and 95% interval; no failures is not a rate of zero", () => {
    const none = failureRate(0, 100);
    assert.ok(none.rate > 0 && none.low >= 0 && none.high > none.rate);
    assert.ok(Math.abs(none.rate - 0.5 / 101) < 1e-12);
    const some = failureRate(3, 102);
    assert.ok(some.low < 3 / 102 && 3 / 102 < some.high);
    assert.ok(Math.abs(betaCdf(some.high, 3.5, 99.5) - 0.975) < 1e-9);
  });

  it("counts each attempt once per era, in its flight band", () => {
    const rows = [1, 1, 2, 3, 5, 23, 40].map((core_flight, i) => ({ core_flight, failed: i === 0 || i === 5, block: i < 2 ? 1 : 5 }));
    const table = hazardByFlight(rows, (r) => r.failed, { all: () => true, "Block 5": (r) => r.block === 5 });
    const all = table.filter((r) => r.era === "all");
    assert.equal(all.reduce((s, r) => s + r.attempts, 0), rows.length);
    assert.deepEqual(all.map((r) => [r.band, r.attempts, r.failures]), [["1", 2, 1], ["2–3", 2, 0], ["4–6", 1, 0], ["21+", 2, 1]]);
    assert.deepEqual(table.filter((r) => r.era === "Block 5").map((r) => r.band), ["2–3", "4–6", "21+"]);
    assert.equal(FLIGHT_BANDS.at(-1)!.to, Infinity);
  });
});
