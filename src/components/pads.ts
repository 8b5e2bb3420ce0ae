import { padHue, sparePadHues } from "./palette.js";

// One name per launch pad on every page. The tables keep their sources' codes (the capstone's
// `site`, "CCAFS SLC-40"; the launches' `pad`, "CCSFS SLC 40"); pages show padLabel() of either.

/** "CCAFS SLC-40", "CCSFS SLC 40" → "CCSFS SLC-40"; "KSC LC 39A" → "KSC LC-39A"; anything else as it is. */
export function padLabel(code: unknown): string {
  if (code === null || code === undefined) return "unknown pad";
  const match = /^(CCAFS|CCSFS|KSC|VAFB|VSFB)\s+(SLC|LC)[\s-]*([0-9]+[A-Z]?)$/i.exec(String(code).trim());
  if (!match) return String(code);
  // Cape Canaveral Air Force Station became a Space Force Station in 2020: one current name.
  const base = { CCAFS: "CCSFS", VSFB: "VAFB" }[match[1]!.toUpperCase()] ?? match[1]!.toUpperCase();
  return `${base} ${match[2]!.toUpperCase()}-${match[3]!.toUpperCase()}`;
}

/** A pad's colour (palette.ts), fixed by its name, never by order, so a filter cannot swap them. */
export function padColor(code: unknown): string {
  const label = padLabel(code);
  if (label in padHue) return padHue[label]!;
  let h = 0;
  for (const c of label) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return sparePadHues[h % sparePadHues.length]!;
}
