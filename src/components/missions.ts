// Mission names as a reader writes them. Sources write some as they file them ("Starlink:Group
// 12-20(21 Satellites)", "Starlink-4 (v1.5)"); pages show missionLabel() of the name, the data keeps its own.

/** "Starlink:Group 12-20(21 Satellites)" → "Starlink Group 12-20 (21 satellites)"; tidy names pass unchanged. */
export function missionLabel(name: unknown): string {
  if (name === null || name === undefined) return "unnamed mission";
  return String(name)
    .replace(/\s*:\s*/g, " ")
    .replace(/(\S)\(/g, "$1 (")
    .replace(/\((\d+) Satellites\)/g, "($1 satellites)")
    .replace(/\s+/g, " ")
    .trim();
}
