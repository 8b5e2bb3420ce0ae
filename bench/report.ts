// Rewrites the measured part of docs/performance.md from a bench run; the budgets table comes
// from bench/budgets.ts, so the document states exactly what the bench checks.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../data-loaders/config.ts";
import type { Budget } from "./budgets.ts";
import { round } from "./figures.ts";

const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";

interface Results {
  ranAt: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  loadsPerPage: number;
  figures: { id: string; value: number | null; note?: string; budget: Budget }[];
  /** The capstone grid per family against scikit-learn (bench/run.ts familyRows). */
  families?: string[][];
}

export function writePerformanceDoc(results: Results): void {
  const path = join(projectRoot, "docs", "performance.md");
  const m = results.machine;
  const rows = results.figures.map((f) => {
    const value = f.value === null ? "not measured" : `${round(f.value)} ${f.budget.unit}`;
    const verdict = f.value === null ? "—" : f.value <= f.budget.limit ? "within" : "**missed**";
    return `| ${f.budget.what} | ${f.budget.limit} ${f.budget.unit} | ${value} | ${verdict} | ${f.note ?? ""} |`;
  });
  const section = [
    START,
    `Last run: ${results.ranAt.slice(0, 16).replace("T", " ")} UTC on ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}; ${results.loadsPerPage} loads per page.`,
    "",
    "| figure | budget | measured | verdict | note |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    ...(results.families?.length
      ? [
          "",
          "Capstone grid per family, this site in Node (one thread) against scikit-learn's GridSearchCV on the same rows, folds and grid:",
          "",
          "| family | ours | scikit-learn pinned | scikit-learn defaults | ratio pinned | ratio defaults | our answer | scikit-learn's answer |",
          "| --- | --- | --- | --- | --- | --- | --- | --- |",
          ...results.families.map((r) => `| ${r.join(" | ")} |`)
        ]
      : []),
    END
  ].join("\n");
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  const at = text.indexOf(START);
  const end = text.indexOf(END);
  if (at < 0 || end < 0) throw new Error(`${path} lacks the ${START} … ${END} markers that the bench rewrites.`);
  writeFileSync(path, text.slice(0, at) + section + text.slice(end + END.length));
}
