// Which stretches of time the recorded sources cover, from the launches table's date_source.
import type { Row } from "./parquet.js";

/**
 * Where no recorded source covers the calendar: each source (the launches table's date_source)
 * covers the span from its first to its last launch, and a stretch of `days` or more outside every
 * source's span is a gap in the data, not a pause in launches.
 */
/** A stretch this many days long with no recorded source is a gap in the data, not a pause in launches. */
export const GAP_DAYS = 30;

export function coverageGaps(launches: Row[], days = GAP_DAYS): { from: Date; to: Date; days: number }[] {
  const spans = new Map<string, [number, number]>();
  for (const d of launches) {
    const source = String(d.date_source ?? "unknown");
    const t = +(d.date_utc as Date);
    const span = spans.get(source);
    spans.set(source, span ? [Math.min(span[0], t), Math.max(span[1], t)] : [t, t]);
  }
  const sorted = [...spans.values()].sort((a, b) => a[0] - b[0]);
  const gaps = [];
  let coveredTo = sorted[0]?.[1] ?? 0;
  for (const [start, end] of sorted.slice(1)) {
    const span = (start - coveredTo) / 86_400_000;
    if (span >= days) gaps.push({ from: new Date(coveredTo), to: new Date(start), days: Math.round(span) });
    coveredTo = Math.max(coveredTo, end);
  }
  return gaps;
}

/** One calendar year and the part of it the recordings cover. */
export interface YearCoverage {
  year: number;
  /** Covered dates inside the year: the recordings' span minus the gaps. */
  covered: { from: Date; to: Date }[];
  /** The recordings miss part of the year (they end inside it, or a gap falls in it). */
  partial: boolean;
  /** "2026-01-01 → 2026-08-21" — the covered dates, for a tooltip. */
  note: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Per year, what the recordings cover. The first year starts with the first launch (nothing flew
 * before it); the last ends with the recordings, so it is partial unless they reach 31 December.
 */
export function yearCoverage(launches: Row[], days = GAP_DAYS): YearCoverage[] {
  if (!launches.length) return [];
  const times = launches.map((d) => +(d.date_utc as Date)).sort((a, b) => a - b);
  const first = new Date(times[0]!);
  const last = new Date(times.at(-1)!);
  const gaps = coverageGaps(launches, days);
  // A launch site whose launches stop well before the recordings do is a hole too (after the last
  // all-coast source ends, only Florida is recorded): say so in that year's note.
  // A site is cut off when every source of its last launch ends with that launch while others go on.
  const sourceEnd = new Map<string, number>();
  const lastBySite = new Map<string, Row>();
  for (const d of launches) {
    const t = +(d.date_utc as Date);
    for (const s of String(d.sources ?? "").split(",").filter(Boolean)) sourceEnd.set(s, Math.max(sourceEnd.get(s) ?? 0, t));
    if (d.site) lastBySite.set(String(d.site), d);
  }
  const siteEnds = [...lastBySite]
    .map(([site, d]) => [site, +(d.date_utc as Date), String(d.sources ?? "").split(",").filter(Boolean)] as const)
    .filter(([, t, sources]) => sources.length > 0 && +last - t > days * 86_400_000 && sources.every((s) => (sourceEnd.get(s) ?? 0) - t < 2 * 86_400_000));
  const years: YearCoverage[] = [];
  for (let year = first.getUTCFullYear(); year <= last.getUTCFullYear(); year++) {
    const start = year === first.getUTCFullYear() ? first : new Date(Date.UTC(year, 0, 1));
    const end = year === last.getUTCFullYear() ? last : new Date(Date.UTC(year, 11, 31, 23, 59, 59));
    let covered = [{ from: start, to: end }];
    for (const g of gaps) {
      covered = covered.flatMap((c) => (g.to <= c.from || g.from >= c.to ? [c] : [...(g.from > c.from ? [{ from: c.from, to: g.from }] : []), ...(g.to < c.to ? [{ from: g.to, to: c.to }] : [])]));
    }
    const partial = covered.length !== 1 || +covered[0]!.to < Date.UTC(year, 11, 31) || (year !== first.getUTCFullYear() && +covered[0]!.from > Date.UTC(year, 0, 1));
    const ends = year === last.getUTCFullYear() ? siteEnds.map(([site, t]) => `; ${site} only to ${day(new Date(t))}, where its sources end`).join("") : "";
    years.push({ year, covered, partial, note: covered.map((c) => `${day(c.from)} → ${day(c.to)}`).join(", ") + ends });
  }
  return years;
}
