// How the site writes a share. A share that is not exactly 0 or 1 is never written as "0%" or
// "100%": 313 of 314 is "99.7%", with more digits as needed.

/** part of whole as a percentage with `digits` decimals, widened until it cannot read as 0% or 100%. */
export function percent(part: number, whole: number, digits = 0): string {
  if (whole === 0) return "–";
  const share = part / whole;
  let d = digits;
  const text = () => `${(share * 100).toFixed(d)}%`;
  while (d < 4 && ((share < 1 && Number((share * 100).toFixed(d)) >= 100) || (share > 0 && Number((share * 100).toFixed(d)) <= 0))) d++;
  return text();
}

/** A small probability as a natural frequency: 0.0025 -> "about 1 in 400". */
export function naturalFrequency(p: number): string {
  if (!(p > 0)) return "none expected";
  if (p >= 0.5) return `about ${Math.round(p * 10)} in 10`;
  const one = 1 / p;
  // Round to two significant figures, the precision such a forecast deserves.
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(one)) - 1);
  return `about 1 in ${(Math.round(one / magnitude) * magnitude).toLocaleString("en-US")}`;
}

/** A share or probability in [0, 1] as a percentage, by the same rule as percent(). */
export function share(p: number, digits = 1): string {
  return percent(p, 1, digits);
}
