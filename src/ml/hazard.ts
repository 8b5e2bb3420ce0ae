// Hazard by booster flight: the share of recovery attempts that failed, by the core's flight number,
// as a Beta posterior. With a Jeffreys prior Beta(1/2, 1/2), a band of n attempts and f failures
// has posterior Beta(f + 1/2, n − f + 1/2); its mean is the estimate and its 2.5% and 97.5% points
// the 95% interval. Plain TypeScript: the explore page and the unit tests use it.

/** Core flight-number bands: each wide enough to hold tens of attempts once boosters fly often. */
export const FLIGHT_BANDS: readonly { label: string; from: number; to: number }[] = [
  { label: "1", from: 1, to: 1 },
  { label: "2–3", from: 2, to: 3 },
  { label: "4–6", from: 4, to: 6 },
  { label: "7–10", from: 7, to: 10 },
  { label: "11–15", from: 11, to: 15 },
  { label: "16–20", from: 16, to: 20 },
  { label: "21+", from: 21, to: Infinity }
];

export const JEFFREYS = 0.5;

export interface HazardRow {
  band: string;
  era: string;
  attempts: number;
  failures: number;
  /** Posterior mean of the failure rate. */
  rate: number;
  low: number;
  high: number;
}

/** ln Γ(x), Lanczos approximation (g = 7, 9 terms): ample for the Beta posteriors here. */
export function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-14) return h;
  }
  throw new Error(`The incomplete beta function did not converge at x = ${x}, a = ${a}, b = ${b}.`);
}

/** The Beta(a, b) distribution function, I_x(a, b). */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(x, a, b)) / a : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

/** The Beta(a, b) quantile, by bisection on the distribution function (monotone, so it cannot miss). */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`A quantile needs 0 < p < 1, not ${p}.`);
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (betaCdf(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The posterior of a failure rate from `failures` in `attempts` (Jeffreys prior). */
export function failureRate(failures: number, attempts: number): { rate: number; low: number; high: number } {
  const a = failures + JEFFREYS;
  const b = attempts - failures + JEFFREYS;
  return { rate: a / (a + b), low: betaQuantile(0.025, a, b), high: betaQuantile(0.975, a, b) };
}

/**
 * Failure rate by flight band, for each era: `failed(r)` says whether an attempt failed, `eras`
 * names each era's rows (an era with no attempts in a band gives no row for it).
 */
export function hazardByFlight<R extends { core_flight?: unknown }>(attempts: readonly R[], failed: (r: R) => boolean, eras: Record<string, (r: R) => boolean>): HazardRow[] {
  const out: HazardRow[] = [];
  for (const [era, inEra] of Object.entries(eras)) {
    for (const band of FLIGHT_BANDS) {
      const rows = attempts.filter((r) => inEra(r) && typeof r.core_flight === "number" && r.core_flight >= band.from && r.core_flight <= band.to);
      if (!rows.length) continue;
      const failures = rows.filter(failed).length;
      out.push({ band: band.label, era, attempts: rows.length, failures, ...failureRate(failures, rows.length) });
    }
  }
  return out;
}
