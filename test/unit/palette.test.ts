import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { boosterVersionHue, countRamp, families, landingTypeHue, outcomeHue, padHue, seriesHue, shipHue, sparePadHues } from "../../src/components/palette.ts";
import { padColor } from "../../src/components/pads.ts";

// Colour science, small enough to keep here: sRGB -> linear -> OKLab (Ottosson), and deuteranopia
// simulated in linear RGB by Machado, Oliveira & Fernandes (2009), severity 1.
const linear = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
const DEUTERANOPIA = [
  [0.367322, 0.860646, -0.227968],
  [0.280085, 0.672501, 0.047413],
  [-0.01182, 0.04294, 0.968881]
];
const PROTANOPIA = [
  [0.152286, 1.052583, -0.204868],
  [0.114503, 0.786281, 0.099216],
  [-0.003882, -0.048116, 1.051998]
];
function oklab([r, g, b]: number[]): number[] {
  const l = Math.cbrt(0.4122214708 * r! + 0.5363325363 * g! + 0.0514459929 * b!);
  const m = Math.cbrt(0.2119034982 * r! + 0.6806995451 * g! + 0.1073969566 * b!);
  const s = Math.cbrt(0.0883024619 * r! + 0.2817188376 * g! + 0.6299787005 * b!);
  return [0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s, 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s, 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s];
}
const simulate = (matrix: number[][] | null, rgb: number[]) => (matrix ? matrix.map((row) => Math.min(1, Math.max(0, row[0]! * rgb[0]! + row[1]! * rgb[1]! + row[2]! * rgb[2]!))) : rgb);
const distance = (a: string, b: string, matrix: number[][] | null = null) => {
  const [x, y] = [a, b].map((hex) => oklab(simulate(matrix, linear(hex))));
  return Math.hypot(x![0]! - y![0]!, x![1]! - y![1]!, x![2]! - y![2]!);
};
const luminance = (hex: string) => {
  const [r, g, b] = linear(hex);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (hi! + 0.05) / (lo! + 0.05);
};
const HEX = /^#[0-9a-f]{6}$/;
const pairs = <T>(xs: T[]) => xs.flatMap((a, i) => xs.slice(i + 1).map((b) => [a, b] as const));

// Thresholds in OKLab units (0.02 is about a just-noticeable difference).
const OUTCOMES_APART = 0.1;
const OTHERS_FROM_OUTCOMES = 0.08;
const WITHIN_FAMILY = 0.05;

describe("palette", () => {
  const outcomes = Object.entries(outcomeHue);
  const categorical = Object.entries(families).flatMap(([family, hues]) => Object.entries(hues).filter(([, hex]) => HEX.test(hex)).map(([name, hex]) => ({ family, name, hex })));

  it("outcome hues stay apart for normal vision and in deuteranopia and protanopia simulations", () => {
    const report: string[] = [];
    for (const [[a, x], [b, y]] of pairs(outcomes)) {
      const d = { normal: distance(x, y), deuteranopia: distance(x, y, DEUTERANOPIA), protanopia: distance(x, y, PROTANOPIA) };
      report.push(`${a}~${b}: ${Object.values(d).map((v) => v.toFixed(3)).join(" / ")}`);
      for (const [vision, v] of Object.entries(d)) assert.ok(v >= OUTCOMES_APART, `${a} ${x} and ${b} ${y} are ${v.toFixed(3)} apart (${vision}), under ${OUTCOMES_APART}`);
    }
    console.log(`outcome distances (OKLab; normal / deuteranopia / protanopia), smallest ${Math.min(...pairs(outcomes).map(([[, x], [, y]]) => distance(x, y, DEUTERANOPIA))).toFixed(3)} in deuteranopia\n  ${report.join("\n  ")}`);
  });

  it("no other family reuses or comes near an outcome hue", () => {
    const others = categorical.filter((c) => c.family !== "outcome");
    for (const other of others) {
      for (const [name, hex] of outcomes) {
        const d = distance(other.hex, hex);
        assert.ok(d >= OTHERS_FROM_OUTCOMES, `${other.family} "${other.name}" ${other.hex} is ${d.toFixed(3)} from outcome "${name}" ${hex}`);
      }
    }
    for (const hex of [...sparePadHues, ...countRamp]) for (const [name, o] of outcomes) if (hex !== o) assert.ok(distance(hex, o) >= OTHERS_FROM_OUTCOMES || countRamp.includes(hex), `${hex} near outcome ${name}`);
  });

  it("every hue means one thing: no hex value in two places, and each family's members stay apart", () => {
    const seen = new Map<string, string>();
    for (const c of categorical) {
      assert.ok(!seen.has(c.hex), `${c.hex} is both ${seen.get(c.hex)} and ${c.family} "${c.name}"`);
      seen.set(c.hex, `${c.family} "${c.name}"`);
    }
    for (const hues of [landingTypeHue, boosterVersionHue, padHue, shipHue, seriesHue]) {
      for (const [[a, x], [b, y]] of pairs(Object.entries(hues).filter(([, hex]) => HEX.test(hex)))) {
        assert.ok(distance(x, y) >= WITHIN_FAMILY, `${a} ${x} and ${b} ${y} are ${distance(x, y).toFixed(3)} apart`);
      }
    }
  });

  it("every hue reads on the light theme (air, #ffffff) and the dark one (near-midnight, #161616)", () => {
    for (const c of categorical) {
      for (const background of ["#ffffff", "#161616"]) {
        assert.ok(contrast(c.hex, background) >= 1.7, `${c.family} "${c.name}" ${c.hex} on ${background}: contrast ${contrast(c.hex, background).toFixed(2)}`);
      }
    }
  });

  it("pads take their colour by name, whatever code a table spells them with", () => {
    assert.equal(padColor("CCAFS SLC-40"), padHue["CCSFS SLC-40"]);
    assert.equal(padColor("VAFB SLC 4E"), padHue["VAFB SLC-4E"]);
    assert.ok(sparePadHues.includes(padColor("Starbase OLP-1")));
  });

  it("palette.ts is the only place a hue is written: no colour literal, theme hue or Plot scheme elsewhere", () => {
    const root = join(import.meta.dirname, "../../src");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (name.startsWith(".") || name === "data") continue;
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|js|md|css)$/.test(name)) files.push(path);
      }
    };
    walk(root);
    assert.ok(files.length > 40, `found only ${files.length} source files under ${root}`);
    const literal = /#[0-9a-fA-F]{3,8}\b(?![-\w])|\brgba?\(|\bhsla?\(|\boklch\(|\blab\(/;
    // The theme's own hues (Framework's --theme-red and kin, and the blue of --theme-foreground-focus)
    // would give a chart a colour palette.ts does not know of.
    const themeHue = /--theme-(red|orange|yellow|green|blue|purple|pink|cyan|foreground-focus)\b/;
    const scheme = /(?<![-\w])scheme\s*:/;
    const found: string[] = [];
    for (const path of files) {
      const name = relative(root, path);
      if (name === "components/palette.ts") continue;
      readFileSync(path, "utf8").split("\n").forEach((line, i) => {
        // CSS keeps the theme's red and yellow for error and warning messages: interface state, not data.
        const uiState = path.endsWith(".css") && /--theme-(red|yellow)\b/.test(line) && !/--theme-(green|blue|purple|foreground-focus)\b/.test(line);
        const code = line.replace(/&#\d+;|&#x[0-9a-f]+;/gi, "").replace(/\]\(#[\w-]+\)|href="#[\w-]+"|#[a-z][\w-]*(?=[\s"'`)]|$)/gi, "");
        if (literal.test(code) || (!uiState && themeHue.test(code)) || scheme.test(code)) found.push(`${name}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    assert.deepEqual(found, [], `colours written outside src/components/palette.ts:\n${found.join("\n")}`);
  });
});
