import { Plot } from "./plot.js";

export interface YearlyLandings {
  year: number;
  attempts: number;
  successes: number;
}

/** Landing attempts per year as bars, with the landed share of them in darker ink. */
export function LandingRateChart(data: YearlyLandings[], { width, ...options }: { width: number } & Record<string, unknown>) {
  const long = data.flatMap((d) => [
    { year: d.year, outcome: "landed", cores: d.successes },
    { year: d.year, outcome: "failed", cores: d.attempts - d.successes }
  ]);
  return Plot.plot({
    width,
    height: 300,
    x: { label: null, tickFormat: "d", ticks: width < 640 ? data.map((d) => d.year).filter((_, i) => i % 2 === 0) : undefined },
    y: { label: "Cores attempting a landing", grid: true },
    color: { domain: ["landed", "failed"], range: ["var(--theme-foreground-focus)", "var(--theme-red)"], legend: true },
    marks: [Plot.barY(long, { x: "year", y: "cores", fill: "outcome", tip: true }), Plot.ruleY([0])],
    ...options
  });
}
