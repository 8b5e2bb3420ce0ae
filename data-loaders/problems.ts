// Problems a build handled instead of failing on (duplicate records dropped, an optional page that
// is missing). Each is counted by source and kind and listed in the manifest, so a gap is visible.

export interface ProblemCount {
  source: string;
  kind: string;
  count: number;
  /** Up to ten examples (record ids, URLs), sorted, so that the manifest stays byte-stable. */
  examples: string[];
}

export class Problems {
  private readonly counts = new Map<string, { source: string; kind: string; count: number; examples: Set<string> }>();

  constructor(private readonly log: (line: string) => void = () => {}) {}

  count(source: string, kind: string, example: string, n = 1): void {
    const key = `${source}\u0000${kind}`;
    const entry = this.counts.get(key) ?? { source, kind, count: 0, examples: new Set<string>() };
    entry.count += n;
    entry.examples.add(example);
    this.counts.set(key, entry);
    this.log(`  ${source}: ${kind}: ${example}`);
  }

  get(source: string, kind: string): number {
    return this.counts.get(`${source}\u0000${kind}`)?.count ?? 0;
  }

  list(): ProblemCount[] {
    return [...this.counts.values()]
      .map(({ source, kind, count, examples }) => ({ source, kind, count, examples: [...examples].sort().slice(0, 10) }))
      .sort((a, b) => (a.source + a.kind < b.source + b.kind ? -1 : 1));
  }
}
