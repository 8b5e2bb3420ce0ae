// The predictor's words and checks: a reader's label for every feature and category, the valid
// range of every number (from the launches flown, not written down), the combinations the record
// shows to be impossible, and each feature's total push on the log-odds.
import { featureSpec, type Row } from "../ml/features.js";
import { html, Inputs } from "./inputs.js";
import { orbitLabel } from "./orbits.js";
import { padLabel } from "./pads.js";

export const FEATURE_LABELS: Record<string, string> = {
  experience: "Landing attempts before this launch",
  launch_year: "Launch date",
  payload_mass_kg: "Payload mass (kg)",
  orbit: "Orbit",
  site: "Launch site",
  rocket: "Rocket",
  block: "Booster block",
  core_flight: "Flight of this core (1 = new)",
  reused: "Core flown before",
  days_since_previous_flight: "Days since the core last flew",
  previous_landings: "Landings of this core before",
  core_role: "Core's role",
  landing_type: "Landing type",
  landing_location: "Landing place",
  gridfins: "Grid fins",
  legs: "Landing legs",
  day_wind_speed_max_kmh: "Highest wind of the day at 10 m (km/h)",
  day_wind_gusts_max_kmh: "Strongest gust of the day at 10 m (km/h)",
  day_precipitation_mm: "Rain over the day (mm)",
  day_cloud_cover_mean_pct: "Mean cloud cover of the day (%)",
  wave_height_m: "Wave height offshore (m)",
  weather_probability_pct: "Published chance of favourable weather (%)",
  meco_velocity_ms: "Velocity at MECO (m/s)",
  meco_altitude_km: "Altitude at MECO (km)",
  max_velocity_ms: "Top first-stage velocity (m/s)",
  boostback: "Boostback burn",
  entry_burn: "Entry burn"
};

const VALUE_LABELS: Record<string, Record<string, string>> = {
  landing_type: { ASDS: "Drone ship (ASDS)", RTLS: "Landing zone (RTLS, return to launch site)" },
  core_role: { single: "Single core (Falcon 9)", center: "Falcon Heavy centre core", side: "Falcon Heavy side booster" },
  landing_location: { OCISLY: "Of Course I Still Love You (drone ship)", JRTI: "Just Read the Instructions (drone ship)", "JRTI-1": "Just Read the Instructions, first ship (2015)", ASOG: "A Shortfall of Gravitas (drone ship)", "LZ-1": "Landing Zone 1 (Cape Canaveral)", "LZ-2": "Landing Zone 2 (Cape Canaveral)", "LZ-4": "Landing Zone 4 (Vandenberg)", "LZ-40": "Landing Zone 40 (Cape Canaveral)", "SLC-6": "SLC-6 landing zone (Vandenberg)" }
};

export const labelOf = (feature: string) => FEATURE_LABELS[feature] ?? feature;

/** A category value in a reader's words; "(none)" is a value the record does not give. */
export function valueLabel(feature: string, value: string): string {
  if (value === "(none)") return "not recorded";
  if (feature === "site") return padLabel(value);
  if (feature === "orbit") return orbitLabel(value);
  return VALUE_LABELS[feature]?.[value] ?? value;
}

export interface NumberRange {
  min: number;
  max: number;
  integer: boolean;
  why: string;
}

/**
 * The values a number may take: physical bounds, and for counts and masses no further beyond the
 * largest flown than a plausible next step (one more flight, a quarter heavier), so a what-if
 * stays a question about a rocket that could fly.
 */
export function numberRanges(rows: readonly Row[], features: readonly string[]): Record<string, NumberRange> {
  const largest = (name: string) => Math.max(0, ...rows.map((r) => Number(r[name])).filter(Number.isFinite));
  const out: Record<string, NumberRange> = {};
  for (const name of features) {
    const spec = featureSpec(name);
    if (spec.kind !== "number") continue;
    const top = largest(name);
    switch (name) {
      case "payload_mass_kg":
        out[name] = { min: 0, max: Math.ceil((top * 1.25) / 100) * 100, integer: false, why: `the heaviest payload flown is ${Math.round(top).toLocaleString("en-US")} kg` };
        break;
      case "experience":
        out[name] = { min: 0, max: top + 100, integer: true, why: `${top} attempts had been made before the latest launch in the record` };
        break;
      case "core_flight":
        out[name] = { min: 1, max: top + 1, integer: true, why: `the most-flown core has flown ${top} times` };
        break;
      case "previous_landings":
        out[name] = { min: 0, max: top + 1, integer: true, why: `the most landings by one core before a flight is ${top}` };
        break;
      case "block":
        out[name] = { min: 1, max: 5, integer: true, why: "Falcon 9 boosters are blocks 1 to 5" };
        break;
      case "days_since_previous_flight":
        out[name] = { min: 1, max: Math.ceil(top * 1.25), integer: false, why: `the longest gap between two flights of a core is ${Math.round(top)} days` };
        break;
      case "cloud_cover_pct":
        out[name] = { min: 0, max: 100, integer: false, why: "a percentage" };
        break;
      default: {
        const low = Math.min(...rows.map((r) => Number(r[name])).filter(Number.isFinite));
        const span = top - low;
        out[name] = { min: Math.min(low - span / 2, low < 0 ? low * 1.5 : 0), max: top + span / 2, integer: false, why: `the record runs from ${low} to ${top}` };
      }
    }
  }
  return out;
}

export interface Pairing {
  a: string;
  b: string;
  /** Values of b seen with each value of a, from the record. */
  seen: Map<string, Map<string, number>>;
}

/** Which values of `b` each value of `a` has been flown with, counted over the record. */
export function pairing(rows: readonly Row[], a: string, b: string): Pairing {
  const seen = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const x = category(r[a]);
    const y = category(r[b]);
    if (!seen.has(x)) seen.set(x, new Map());
    const partners = seen.get(x)!;
    partners.set(y, (partners.get(y) ?? 0) + 1);
  }
  return { a, b, seen };
}

const category = (v: unknown) => (v === null || v === undefined || v === "" ? "(none)" : String(v));

/** Why this row cannot describe a launch, one reason per problem (empty when it can). */
export function impossibilities(row: Row, pairings: Pairing[]): string[] {
  const reasons: string[] = [];
  for (const { a, b, seen } of pairings) {
    const x = category(row[a]);
    const y = category(row[b]);
    if (x === "(none)" || y === "(none)") continue;
    const partners = seen.get(x);
    if (!partners || partners.has(y)) continue;
    const known = [...partners.keys()].filter((k) => k !== "(none)");
    if (!known.length) continue;
    reasons.push(`${labelOf(a)} "${valueLabel(a, x)}" has only been flown with ${labelOf(b).toLowerCase()} ${known.map((k) => `"${valueLabel(b, k)}"`).join(" or ")}, never "${valueLabel(b, y)}".`);
  }
  const flight = row.core_flight as number | null;
  if (typeof flight === "number") {
    if (row.reused === true && flight === 1) reasons.push("A core on its first flight (flight 1) cannot have flown before: set \"Core flown before\" to no, or raise the flight number.");
    if (row.reused === false && flight > 1) reasons.push(`A core on flight ${flight} has flown before: set "Core flown before" to yes, or the flight to 1.`);
    if (typeof row.previous_landings === "number" && row.previous_landings > flight - 1) reasons.push(`A core on flight ${flight} can have landed at most ${flight - 1} times before, not ${row.previous_landings}.`);
    if (flight === 1 && typeof row.days_since_previous_flight === "number") reasons.push("A core on its first flight has no previous flight to count days from: leave that field empty.");
  }
  return reasons;
}

/** Each feature's total push on the log-odds (all its encoded columns), labelled with the launch's own value. */
export function featureContributions(columns: { column: string; logit: number }[], features: readonly string[], row: Row, format: (feature: string, value: unknown) => string) {
  return features
    .map((feature) => {
      const own = columns.filter((c) => c.column === feature || c.column.startsWith(`${feature} = `) || c.column === `${feature} (missing)`);
      return { feature, column: `${labelOf(feature)}: ${format(feature, row[feature])}`, logit: own.reduce((s, c) => s + c.logit, 0) };
    })
    .filter((c) => Math.abs(c.logit) > 1e-4)
    .sort((x, y) => Math.abs(y.logit) - Math.abs(x.logit));
}

// ---------------------------------------------------------------------------------------------
// The what-if form: every value as text in the form (and the URL), parsed and checked here.

export type WhatIfState = Record<string, string>;

const YES = "yes";
const NO = "no";
const UNKNOWN = "not recorded";

/** A feature row's values as the form's text. */
export function stateOf(row: Row, features: readonly string[]): WhatIfState {
  const out: WhatIfState = {};
  for (const name of features) {
    const spec = featureSpec(name);
    const v = row[name];
    if (spec.kind === "category") out[name] = category(v);
    else if (spec.kind === "boolean") out[name] = v === true ? YES : v === false ? NO : UNKNOWN;
    else if (spec.kind === "date") out[name] = typeof v === "number" ? new Date(v).toISOString().slice(0, 10) : "";
    else out[name] = typeof v === "number" && Number.isFinite(v) ? String(Math.round(v * 1000) / 1000) : "";
  }
  return out;
}

/** The launch-describing fields the predictor always shows, whatever the model uses, so a what-if describes a whole launch. */
export const DESCRIBING = ["launch_year", "experience", "rocket", "core_role", "site", "orbit", "payload_mass_kg", "block", "core_flight", "reused", "previous_landings", "days_since_previous_flight", "landing_type", "landing_location", "gridfins", "legs"];

/** Every category's values: the model's vocabulary where it has one, else what the record holds. */
export function vocabularies(rows: readonly Row[], features: readonly string[], model: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of features) {
    if (featureSpec(name).kind !== "category") continue;
    out[name] = model[name] ?? [...new Set(rows.map((r) => category(r[name])))].sort();
  }
  return out;
}

/** The form's text as a feature row, and a message per field that does not hold a valid value. */
export function parseState(state: WhatIfState, features: readonly string[], ranges: Record<string, NumberRange>, base: Row): { row: Row; problems: Record<string, string> } {
  const row: Row = { ...base };
  const problems: Record<string, string> = {};
  for (const name of features) {
    const spec = featureSpec(name);
    const text = (state[name] ?? "").trim();
    if (spec.kind === "category") row[name] = text === "(none)" || text === "" ? null : text;
    else if (spec.kind === "boolean") row[name] = text === YES ? true : text === NO ? false : null;
    else if (spec.kind === "date") {
      const t = Date.parse(`${text}T12:00:00Z`);
      if (!Number.isFinite(t) || t < Date.UTC(2010, 0, 1) || t > Date.UTC(2040, 0, 1)) problems[name] = `${labelOf(name)}: a date from 2010 to 2040, as YYYY-MM-DD.`;
      else row[name] = t;
    } else {
      if (text === "") {
        row[name] = null;
        continue;
      }
      const v = Number(text.replace(/[,_\s]/g, ""));
      const range = ranges[name];
      if (!Number.isFinite(v)) problems[name] = `${labelOf(name)}: "${text}" is not a number (leave it empty for "not recorded").`;
      else if (range && (v < range.min || v > range.max)) problems[name] = `${labelOf(name)}: ${text} is out of range, ${range.min.toLocaleString("en-US")} to ${range.max.toLocaleString("en-US")} (${range.why}).`;
      else if (range?.integer && !Number.isInteger(v)) problems[name] = `${labelOf(name)}: a whole number, not ${text}.`;
      else row[name] = v;
    }
  }
  // The landings table derives launch_year from the date; the form edits the date.
  if (typeof row.launch_year === "number") row.date_utc = row.launch_year;
  return { row, problems };
}

interface FieldElement extends HTMLElement {
  value: string;
}

/** One Input per feature, each labelled for a reader, with a note beside it for a bad value. */
export function whatIfForm(features: readonly string[], categories: Record<string, string[]>, ranges: Record<string, NumberRange>, initial: WhatIfState, used: readonly string[] = features) {
  const fields: Record<string, FieldElement> = {};
  for (const name of features) {
    const spec = featureSpec(name);
    const label = labelOf(name);
    let input: FieldElement;
    if (spec.kind === "category") {
      const options = categories[name] ?? [];
      const value = options.includes(initial[name]!) ? initial[name] : options[0];
      input = Inputs.select(options, { label, value, format: (v: string) => valueLabel(name, v) }) as FieldElement;
    } else if (spec.kind === "boolean") {
      input = Inputs.select([YES, NO, UNKNOWN], { label, value: initial[name] }) as FieldElement;
    } else if (spec.kind === "date") {
      input = Inputs.text({ label, value: initial[name], type: "date" }) as FieldElement;
    } else {
      const range = ranges[name];
      input = Inputs.text({ label, value: initial[name], placeholder: "not recorded", spellcheck: false, ...(range ? { title: `${range.min}–${range.max}` } : {}) }) as FieldElement;
    }
    input.dataset.field = name;
    if (!used.includes(name)) input.dataset.unused = "";
    input.append(html`<span class="field-note"></span>` as unknown as Node);
    fields[name] = input;
  }
  return Inputs.form(fields, { template: (f: Record<string, HTMLElement>) => html`<div class="what-if-fields">${Object.values(f)}</div>` }) as HTMLElement & { value: WhatIfState };
}

/** Show each field's problem beside it (or its valid range). */
export function markFields(form: HTMLElement, problems: Record<string, string>, ranges: Record<string, NumberRange>) {
  for (const field of form.querySelectorAll<HTMLElement>("[data-field]")) {
    const name = field.dataset.field!;
    const note = field.querySelector(".field-note");
    if (!note) continue;
    const range = ranges[name];
    const unused = field.dataset.unused !== undefined ? " Not used by this model." : "";
    note.textContent = problems[name] ?? `${range ? `${range.min.toLocaleString("en-US")} – ${range.max.toLocaleString("en-US")}; empty = not recorded.` : ""}${unused}`.trim();
    note.classList.toggle("field-error", name in problems);
    field.classList.toggle("invalid", name in problems);
  }
}
