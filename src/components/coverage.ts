// Which stretches of time the recorded sources cover, from the launches table's date_source.
import type { Row } from "./parquet.js";

/**
 * Where no recorded source covers the calendar: each source (the launches table's date_source)
 * covers the span from its first to its last launch, and a stretch of `days` or more outside every
 * source's span is a gap in the data, not a pause in launches.
 */
export function coverageGaps(launches: Row[], days = 30): { from: Date; to: Date; days: number }[] {
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
