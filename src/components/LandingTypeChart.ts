import * as Plot from "./guarded-plot.js";
import type { Row } from "./parquet.js";
import { yearCoverage, type YearCoverage } from "./coverage.js";
import { colorScale, ink, landingTypeHue } from "./palette.js";

/** How the cores that tried to come back tried it, year by year. */
export const landingKind = colorScale(landingTypeHue, ["drone ship", "ground pad", "ocean", "type not recorded"]);

export function landingKindOf(core: Row): string | null {
  if (!core.landing_attempted) return null;
  return core.landing_type === "ASDS" ? "drone ship" : core.landing_type === "RTLS" ? "ground pad" : core.landing_type === "Ocean" ? "ocean" : "type not recorded";
}

/** The chart's height in px, for a slot that holds its place until it is drawn (below-fold.ts). */
export const landingTypeHeight = 280;

/**
 * Cores attempting a landing per year, stacked by where they tried to land. Years the recordings
 * cover only in part (`coverage`, from the launches table's yearCoverage) are marked "partial".
 */
export function LandingTypeChart(landings: Row[], { width, coverage, ...options }: { width: number; coverage?: YearCoverage[] } & Record<string, unknown>) {
  const rows = landings.flatMap((d) => {
    const kind = landingKindOf(d);
    return kind ? [{ year: (d.date_utc as Date).getUTCFullYear(), kind }] : [];
  });
  const totals = new Map<number, number>();
  for (const r of rows) totals.set(r.year, (totals.get(r.year) ?? 0) + 1);
  const partial = (coverage ?? yearCoverage(landings)).filter((y) => y.partial).map((y) => ({ year: y.year, cores: totals.get(y.year) ?? 0, note: `partial year: recordings cover ${y.note}` }));
  return Plot.plot({
    width,
    height: landingTypeHeight,
    x: { label: null, tickFormat: "d", ticks: width < 640 ? [...new Set(rows.map((d) => d.year))].filter((y) => y % 2 === 0) : undefined },
    y: { label: "Cores attempting a landing", grid: true },
    color: { ...landingKind, legend: true },
    marks: [
      Plot.barY(rows, Plot.groupX({ y: "count" }, { x: "year", fill: "kind", order: landingKind.domain, tip: true })),
      Plot.text(partial, { x: "year", y: "cores", text: () => "partial", dy: -8, fill: ink.muted, fontSize: 10, channels: { covered: "note" }, tip: true }),
      Plot.ruleY([0])
    ],
    ...options
  });
}
