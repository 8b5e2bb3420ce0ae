// Orbit codes as the sources write them, and what each means: one glossary for every page that
// shows them (chart tips, a legend under orbit charts).
import { html } from "./inputs.js";

export const orbitName: Record<string, string> = {
  LEO: "low Earth orbit",
  VLEO: "very low Earth orbit (Starlink's lowest shells)",
  ISS: "to the International Space Station",
  PO: "polar orbit",
  SSO: "Sun-synchronous orbit",
  MEO: "medium Earth orbit (navigation satellites)",
  GTO: "geostationary transfer orbit",
  GEO: "geostationary orbit (direct insertion)",
  HEO: "highly elliptical orbit",
  HCO: "heliocentric orbit (around the Sun)",
  SO: "sub-orbital",
  TLI: "trans-lunar injection (to the Moon)",
  "ES-L1": "Sun–Earth Lagrange point L1",
  "ES-L2": "Sun–Earth Lagrange point L2"
};

/** "GTO (geostationary transfer orbit)", or the code alone where the glossary has no entry. */
export function orbitLabel(code: unknown): string {
  if (code === null || code === undefined) return "unknown orbit";
  const name = orbitName[String(code)];
  return name ? `${code} (${name})` : String(code);
}

/** The codes a chart shows, each with its meaning, to sit under the chart. */
export function OrbitGlossary(codes: Iterable<unknown>): HTMLElement {
  const shown = [...new Set([...codes].filter((c) => c !== null && c !== undefined).map(String))].sort();
  return html`<dl class="glossary">${shown.map((code) => html`<div><dt><abbr title=${orbitName[code] ?? ""}>${code}</abbr></dt><dd>${orbitName[code] ?? "as the source records it"}</dd></div>`)}</dl>`;
}
