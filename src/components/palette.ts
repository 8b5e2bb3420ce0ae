// The site's one colour language: the only module that defines a hue. Charts, maps and pages ask
// for a colour by what it means (an outcome, a landing type, a booster version, a pad, a drone ship,
// a model series), never by position in a list, so a filter or a missing category cannot shift them.
//
// Outcomes own their hues: blue landed, vermillion failed, amber partly landed, sky ocean
// touchdown, and neutral greys for expended, no attempt and not known. Every other family takes
// hues from regions the outcomes leave free (greens for pads, violets for booster versions,
// magentas for landing types, olive and teal for drone ships and model series), checked by
// test/unit/palette.test.ts: every pair of outcome hues stays apart in a deuteranopia simulation,
// every other hue stays apart from every outcome hue, and each reads on the light and the dark theme.
// Colours are fixed hex values, not theme variables, so a category looks the same in both themes.
// What is not a category (axes, a single series, halos, land) is drawn in the theme's ink.

/** Outcome hues, for the launches' and the landings' vocabularies. */
export const outcomeHue = {
  landed: "#1f6fd1",
  "partly landed": "#e69f00",
  failed: "#d55e00",
  "ocean touchdown": "#3aa6e0",
  "ocean failed": "#8f3a0c",
  expended: "#6b6b6b",
  "no attempt": "#9a9a9a",
  unknown: "#c4c4c4"
} as const;
export type OutcomeName = keyof typeof outcomeHue;

/** Where a core tried to come back to. */
export const landingTypeHue = {
  "drone ship": "#a8307e",
  "ground pad": "#e58cc0",
  ocean: "#c77dba"
} as const;

/** Booster versions: one violet, lighter for older versions, the Heavies redder. */
export const boosterVersionHue: Record<string, string> = {
  "F9 v1.0": "#c7a6ec",
  "F9 v1.1": "#b088e0",
  "F9 FT": "#9a6ad4",
  "F9 B4": "#8350c4",
  "F9 B5": "#7140b8",
  FH: "#c25bc9",
  "FH B5": "#94329c"
};

/** Launch pads, by their current names (pads.ts padLabel). */
export const padHue: Record<string, string> = {
  "CCSFS SLC-40": "#2a9d4b",
  "KSC LC-39A": "#8c9a1c",
  "VAFB SLC-4E": "#138d8d"
};
/** Pads the sources may add later: a fixed hue per name, from these (pads.ts padColor). */
export const sparePadHues = ["#4f7d2c", "#5fae8a"];

/** Drone ships: the ring around each landing position. */
export const shipHue: Record<string, string> = {
  OCISLY: "#3f7f3a",
  JRTI: "#9fb51f",
  ASOG: "#2bb0a0"
};

/** The forecast race's references; the model itself is drawn in ink. */
export const seriesHue = {
  model: "var(--theme-foreground)",
  era: "#00897b",
  recentRate: "#9e9d24",
  baseRate: "#8e6fc7"
} as const;

/** Not a category: the theme's ink, which follows light and dark mode. */
export const ink = {
  strong: "var(--theme-foreground)",
  muted: "var(--theme-foreground-muted)",
  faint: "var(--theme-foreground-faint)",
  faintest: "var(--theme-foreground-faintest)",
  background: "var(--theme-background)",
  backgroundAlt: "var(--theme-background-alt)",
  /** The sea on maps: a tint of the background, too faint to read as a category. */
  sea: "color-mix(in srgb, #4a7fb0 10%, var(--theme-background))"
} as const;

/** A count scale (the confusion matrix): light to dark grey, no hue. */
export const countRamp = ["#ececec", "#4d4d4d"];

/** Anything no family names (a value a source adds later): not known. */
export const notKnown = outcomeHue.unknown;

/** A Plot/d3 ordinal colour scale over the given names, each taking its family's colour by name. */
export function colorScale(family: Record<string, string>, domain: readonly string[]): { domain: string[]; range: string[]; unknown: string } {
  return { domain: [...domain], range: domain.map((name) => family[name] ?? notKnown), unknown: notKnown };
}

/** Every family with categorical hues, for the tests and the docs' table. */
export const families = { outcome: outcomeHue, landingType: landingTypeHue, boosterVersion: boosterVersionHue, pad: padHue, ship: shipHue, series: seriesHue } as const;
