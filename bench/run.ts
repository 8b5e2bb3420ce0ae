// `npm run bench`: measures the product as its users feel it, offline, and marks each figure
// against its budget. Prints a table and writes bench/results.json; `--write-docs` also rewrites
// the measured section of docs/performance.md.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, relative } from "node:path";
import { projectRoot } from "../data-loaders/config.ts";
import { budgets, type Budget } from "./budgets.ts";
import { median, round } from "./figures.ts";
import { measureLab } from "./lab.ts";
import { measurePages, type PageFigures } from "./pages.ts";
import { measureNodeTraining } from "./training.ts";
import { writePerformanceDoc } from "./report.ts";

export interface Figure {
  id: string;
  value: number | null;
  /** Why a figure is missing, or what it is made of. */
  note?: string;
}

const args = new Set(process.argv.slice(2));
const loads = Number(process.env.BENCH_LOADS ?? 5);
const snapshots = process.env.F9_SNAPSHOTS ?? "../shared/snapshots";
const dist = join(projectRoot, "dist");

function build(): { seconds: number; loaders: Record<string, number> } {
  const start = performance.now();
  const result = spawnSync("npm", ["run", "build"], {
    cwd: projectRoot,
    env: { ...process.env, F9_SNAPSHOTS: snapshots },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024
  });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status}):\n${result.stderr.slice(-3000)}`);
  // Framework prints one line per loader run: "load /data/x.parquet → … in 465ms".
  const loaders: Record<string, number> = {};
  for (const match of result.stdout.matchAll(/load (\S+) → .*? in ([\d.]+)(ms|s)\b/g)) {
    loaders[match[1]!] = Number(match[2]) * (match[3] === "s" ? 1000 : 1);
  }
  return { seconds, loaders };
}

function pagePaths(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? (e.name.startsWith("_") ? [] : walk(join(dir, e.name))) : e.name.endsWith(".html") && e.name !== "404.html" ? [join(dir, e.name)] : []
    );
  return walk(dist)
    .map((file) => "/" + relative(dist, file).replace(/\.html$/, "").replace(/(^|\/)index$/, ""))
    .sort();
}

async function main() {
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};

  if (args.has("--pages-only")) {
    const note = "skipped (--pages-only): measured the dist/ already built";
    figures.push({ id: "build.cold", value: null, note }, { id: "build.warm", value: null, note });
    details.loaders = {};
  } else {
    process.stderr.write("bench: cold build…\n");
    rmSync(dist, { recursive: true, force: true });
    rmSync(join(projectRoot, "src", ".observablehq", "cache"), { recursive: true, force: true });
    const cold = build();
    process.stderr.write("bench: warm build…\n");
    const warm = build();
    figures.push({ id: "build.cold", value: cold.seconds }, { id: "build.warm", value: warm.seconds });
    details.loaders = cold.loaders;
  }

  if (!existsSync(join(dist, "index.html"))) throw new Error("The build left no dist/index.html.");
  process.stderr.write(`bench: ${loads} loads of each page in Chromium…\n`);
  const pages: PageFigures[] = await measurePages(dist, pagePaths(), loads);
  details.pages = pages;
  const worst = (f: (p: PageFigures) => number | null) => {
    const values = pages.map(f).filter((v): v is number => v !== null);
    return values.length ? Math.max(...values) : null;
  };
  const worstPage = (f: (p: PageFigures) => number | null) => pages.reduce<PageFigures | null>((w, p) => ((f(p) ?? -1) > (w ? (f(w) ?? -1) : -1) ? p : w), null)?.path;
  figures.push(
    { id: "page.firstChart", value: worst((p) => p.firstChartMs), note: worstPage((p) => p.firstChartMs) },
    { id: "page.complete", value: worst((p) => p.completeMs), note: worstPage((p) => p.completeMs) },
    { id: "page.weight", value: worst((p) => p.bytes.gzip / 1000), note: `${worstPage((p) => p.bytes.gzip)}; ${round(worst((p) => p.bytes.total / 1e6)!)} MB uncompressed` },
    {
      id: "page.duckdbUnlessQuery",
      value: pages.filter((p) => p.bytes.wasm > 0 && p.queries === 0).length,
      note: pages.filter((p) => p.bytes.wasm > 0 && p.queries === 0).map((p) => p.path).join(", ") || undefined
    }
  );
  // The dashboard filters rows in JavaScript and runs no SQL, so the figure covers every page that queries.
  const queryPages = pages.filter((p) => p.queryMs.length > 0);
  const queryTimes = queryPages.flatMap((p) => p.queryMs);
  figures.push(
    queryTimes.length
      ? { id: "query.median", value: median(queryTimes), note: `${queryTimes.length} queries over ${loads} loads of ${queryPages.map((p) => p.path).join(", ")}; the dashboard filters in JavaScript` }
      : { id: "query.median", value: null, note: "no page ran a DuckDB query" }
  );

  process.stderr.write("bench: training in the browser (/lab)…\n");
  const lab = await measureLab(dist);
  details.lab = lab;
  figures.push(
    { id: "train.browser", value: lab.warmTrainMs, note: `warm worker, random split with evaluation and permutation importance; first run after page load ${round(lab.firstTrainMs)} ms` },
    { id: "grid.browser", value: lab.gridSeconds, note: "capstone replica, 4 families, 10 folds, two workers" },
    { id: "longtask.training", value: lab.longestTaskMs, note: `${lab.longTasks} main-thread tasks over 50 ms during training and the grid` }
  );

  process.stderr.write("bench: training in Node, and the peer grid search…\n");
  const node = await measureNodeTraining(snapshots);
  details.node = node;
  figures.push({ id: "train.node", value: node.defaultModelMs, note: `fit only, ${node.rows} labelled cores, median of 5` });
  const peer = node.peer;
  if ("skipped" in peer) {
    figures.push({ id: "grid.peer", value: null, note: peer.skipped });
  } else {
    figures.push(
      { id: "grid.node", value: node.grid.seconds, note: "capstone grid in Node, one thread, cpu backend" },
      { id: "grid.peer", value: lab.gridSeconds / peer.seconds, note: `browser ${round(lab.gridSeconds)} s vs scikit-learn ${peer.sklearn} ${round(peer.seconds)} s (${peer.python}, n_jobs=1 as the notebook)` }
    );
  }

  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  const rows = figures.map((f) => ({ ...f, budget: budgets.find((b) => b.id === f.id)! }));
  print(rows, details, machine);
  const results = { ranAt: new Date().toISOString(), machine, loadsPerPage: loads, figures: rows, details };
  writeFileSync(join(projectRoot, "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");
  if (args.has("--write-docs")) writePerformanceDoc(results);
}

export function verdict(value: number | null, budget: Budget): string {
  if (value === null) return "not measured";
  return value <= budget.limit ? "within" : "MISSED";
}

function print(rows: (Figure & { budget: Budget })[], details: Record<string, unknown>, machine: object) {
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(58) : c.padStart(12))).join(" ");
  console.log(`machine: ${JSON.stringify(machine)}`);
  console.log(line(["figure", "measured", "budget", "ratio", "verdict"]));
  for (const r of rows) {
    const value = r.value === null ? "—" : `${round(r.value)} ${r.budget.unit}`;
    const ratio = r.value === null || r.budget.limit === 0 ? "—" : `${round(r.value / r.budget.limit)}×`;
    console.log(line([r.budget.what, value, `${r.budget.limit} ${r.budget.unit}`, ratio, verdict(r.value, r.budget)]) + (r.note ? `  (${r.note})` : ""));
  }
  const loaders = details.loaders as Record<string, number>;
  console.log("\nloader times (cold build):");
  for (const [path, ms] of Object.entries(loaders)) console.log(`  ${path.padEnd(40)} ${round(ms)} ms`);
  const node = details.node as Awaited<ReturnType<typeof measureNodeTraining>> | undefined;
  if (node && !("skipped" in node.peer)) {
    console.log("\ncapstone grid search, ours (Node) vs scikit-learn, same rows and folds:");
    for (const f of node.grid.families) {
      const theirs = node.peer.families.find((p) => p.family === f.family)!;
      console.log(
        `  ${f.family.padEnd(7)} ours ${round(f.seconds)} s (${f.combinations} combinations), CV ${round(f.cvAccuracy)}, test ${round(f.testAccuracy)}   ` +
          `scikit-learn ${round(theirs.seconds)} s (${theirs.combinations}), CV ${round(theirs.cv_accuracy)}, test ${round(theirs.test_accuracy)}   ratio ${round(f.seconds / theirs.seconds)}×`
      );
    }
  }
  console.log("\npage weight (first visit; gzip as deploy/nginx.conf sends it, then uncompressed by kind):");
  for (const p of details.pages as PageFigures[]) {
    const kb = (n: number) => `${round(n / 1000)} kB`;
    console.log(
      `  ${p.path.padEnd(14)} gzip ${kb(p.bytes.gzip).padStart(9)}  total ${kb(p.bytes.total).padStart(10)}  js ${kb(p.bytes.js).padStart(10)}  wasm ${kb(p.bytes.wasm).padStart(10)}  data ${kb(p.bytes.data).padStart(9)}  other ${kb(p.bytes.other).padStart(9)}  first chart ${p.firstChartMs === null ? "—" : round(p.firstChartMs) + " ms"}  complete ${round(p.completeMs)} ms  queries ${p.queries}`
    );
  }
}

await main();
