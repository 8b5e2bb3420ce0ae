import * as Plot from "./guarded-plot.js";
import { ink, outcomeHue } from "./palette.js";
import { coreOutcomeColor } from "./outcomes.js";
import type { BoosterFlight } from "../facts/booster-history.js";

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * One booster's flights: flight number against date, each dot in its outcome's hue, joined in order
 * so the horizontal gap between two dots is the turnaround (the tip says it in days). A core lost
 * after landing wears the landed hue, ringed in ink, as on the Visual exploration page.
 */
export function BoosterFlightsChart(flights: readonly BoosterFlight[], { width }: { width: number }) {
  const rows = flights.map((f, i) => ({ ...f, flight: f.coreFlight ?? i + 1 }));
  const outcomes = [...new Set(rows.map((f) => f.landingOutcome))];
  const domain = coreOutcomeColor.domain.filter((o) => outcomes.includes(o));
  const tip = (f: (typeof rows)[number]) =>
    `Flight ${f.flight}, ${day(f.date)}: ${f.mission}\n${f.outcome}${f.daysSincePrevious !== null ? `\n${f.daysSincePrevious.toFixed(1)} days after its previous flight` : ""}`;
  return Plot.plot({
    width,
    height: Math.min(320, 160 + 6 * rows.length),
    marginLeft: 40,
    marginRight: 16,
    x: { label: null, type: "utc" },
    y: { label: "Flight of this booster ↑", grid: true, domain: [0, Math.max(...rows.map((f) => f.flight))], nice: true },
    color: { domain, range: domain.map((o) => outcomeHue[o as keyof typeof outcomeHue] ?? coreOutcomeColor.unknown), unknown: coreOutcomeColor.unknown, legend: true },
    marks: [
      // The turnaround: a horizontal step from one flight to the next, its length the days between them.
      Plot.line(rows, { x: "date", y: "flight", curve: "step-after", stroke: ink.faint, strokeWidth: 1.5 }),
      Plot.dot(rows, {
        x: "date",
        y: "flight",
        r: 4.5,
        fill: "landingOutcome",
        stroke: (f: BoosterFlight) => (f.landingOutcome === "landed" && (f.afterLanding || f.landingAccount) ? ink.strong : ink.background),
        strokeWidth: (f: BoosterFlight) => (f.landingOutcome === "landed" && (f.afterLanding || f.landingAccount) ? 2.5 : 1),
        tip: true,
        title: tip
      })
    ]
  });
}
