// The deploy workflow cannot be run here, so everything about it that can be checked offline is:
// it parses, it triggers and deploys as documented, and every step calls scripts and files that exist.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { load } from "js-yaml";
import { httpConfigFromEnv, projectRoot } from "../../data-loaders/config.ts";

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  "runs-on": string;
  needs?: string | string[];
  environment?: { name: string; url?: string };
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  name: string;
  on: { push?: { branches: string[] }; schedule?: { cron: string }[]; workflow_dispatch?: unknown };
  permissions: Record<string, string>;
  concurrency: { group: string; "cancel-in-progress": boolean };
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const WORKFLOW = join(projectRoot, ".github", "workflows", "deploy.yml");
const workflow = load(readFileSync(WORKFLOW, "utf8")) as Workflow;
const scripts = (JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const runs = steps.filter((s) => s.run !== undefined);
const action = (name: string) => steps.find((s) => s.uses?.split("@")[0] === name);

describe("deploy workflow (.github/workflows/deploy.yml)", () => {
  it("runs on pushes to main, weekly, and by hand", () => {
    assert.deepEqual(workflow.on.push?.branches, ["main"]);
    const crons = workflow.on.schedule?.map((s) => s.cron) ?? [];
    assert.equal(crons.length, 1);
    const fields = crons[0]!.split(/\s+/);
    assert.equal(fields.length, 5, `cron "${crons[0]}" has five fields`);
    assert.match(fields[4]!, /^[0-6]$/, "once a week: a single day of the week");
    assert.ok(fields.slice(0, 2).every((f) => /^\d+$/.test(f)) && fields[2] === "*" && fields[3] === "*", `cron "${crons[0]}" fires once that day`);
    assert.ok("workflow_dispatch" in workflow.on);
  });

  it("has exactly the permissions Pages needs, and one deployment at a time", () => {
    assert.deepEqual(workflow.permissions, { contents: "read", actions: "read", pages: "write", "id-token": "write" });
    assert.equal(workflow.concurrency.group, "pages");
    assert.equal(workflow.concurrency["cancel-in-progress"], false);
  });

  it("pins every action to a major version", () => {
    for (const step of steps.filter((s) => s.uses)) assert.match(step.uses!, /^actions\/[\w-]+@v\d+$/, step.uses);
  });

  it("installs with npm ci on Node 20 and builds live, never from snapshots", () => {
    assert.ok(action("actions/checkout"));
    assert.equal(action("actions/setup-node")?.with?.["node-version"], 20);
    assert.ok(runs.some((s) => /^npm ci\b/.test(s.run!)), "npm ci");
    assert.ok(existsSync(join(projectRoot, "package-lock.json")), "npm ci needs package-lock.json");
    const build = runs.find((s) => /\bnpm run build\b/.test(s.run!));
    assert.ok(build, "a step runs npm run build");
    for (const env of [workflow.env, ...Object.values(workflow.jobs).map((j) => j.env), build.env]) {
      assert.ok(!env || !("F9_SNAPSHOTS" in env), "the published build is live: F9_SNAPSHOTS is not set");
    }
    assert.doesNotMatch(build.run!, /F9_SNAPSHOTS/);
  });

  it("keeps the responses the build recorded as an artifact, hidden directory included", () => {
    const recordDir = relative(projectRoot, httpConfigFromEnv({}).recordDir!);
    const upload = action("actions/upload-artifact");
    assert.ok(upload);
    assert.equal(String(upload.with?.path).replace(/\/$/, ""), recordDir, "uploads the directory live loaders record to");
    assert.equal(upload.with?.["include-hidden-files"], true, `${recordDir} starts with a dot, which upload-artifact skips by default`);
    assert.equal(upload.with?.["if-no-files-found"], "error");
  });

  it("publishes dist/ to GitHub Pages from a job that needs the build", () => {
    assert.equal(String(action("actions/upload-pages-artifact")?.with?.path).replace(/\/$/, ""), "dist");
    const deploy = Object.values(workflow.jobs).find((job) => job.steps.some((s) => s.uses?.startsWith("actions/deploy-pages@")));
    assert.ok(deploy);
    assert.equal(deploy.needs, "build");
    assert.equal(deploy.environment?.name, "github-pages");
    const id = deploy.steps.find((s) => s.uses?.startsWith("actions/deploy-pages@"))!.id;
    assert.equal(deploy.environment?.url, `\${{ steps.${id}.outputs.page_url }}`);
  });

  it("calls only npm scripts and repository files that exist", () => {
    for (const step of runs) {
      for (const [, script] of step.run!.matchAll(/\bnpm run ([\w:-]+)/g)) assert.ok(script! in scripts, `npm run ${script}: no such script in package.json`);
      for (const [, file] of step.run!.matchAll(/(?:^|\s)((?:scripts|deploy|data-loaders|bench|test)\/[\w./-]+)/g)) {
        assert.ok(existsSync(join(projectRoot, file!)), `${file} does not exist`);
      }
      // `cp dist/_file/data/NAME.*.json` copies what the loader src/data/NAME.json.* wrote;
      // `cp dist/_file/data/ARCHIVE/NAME.*.json` a member of what src/data/ARCHIVE.tar.* wrote.
      for (const [, archive, name] of step.run!.matchAll(/dist\/_file\/data\/(?:([\w-]+)\/)?([\w-]+)\.\*\.json/g)) {
        const loader = archive ? `${archive}.tar` : `${name}.json`;
        assert.ok(["ts", "js"].some((ext) => existsSync(join(projectRoot, "src", "data", `${loader}.${ext}`))), `no loader src/data/${loader}.ts`);
      }
    }
  });

  it("carries on from the previous build when there is one, and builds alone when not, without failing", () => {
    const step = runs.find((s) => /gh run download/.test(s.run!))!;
    const dir = mkdtempSync(join(tmpdir(), "f9-workflow-"));
    try {
      // gh cannot reach GitHub here; this stand-in answers as it would, so the step's own shell logic runs for real.
      mkdirSync(join(dir, "bin"));
      writeFileSync(join(dir, "bin", "gh"), [
        "#!/bin/sh",
        'if [ "$1 $2" = "run list" ]; then echo "$FAKE_RUN"; exit 0; fi',
        'if [ "$1 $2" = "run download" ]; then',
        '  [ "$FAKE_DOWNLOAD" = fail ] && { echo "no artifact" >&2; exit 1; }',
        '  shift 2; while [ $# -gt 0 ]; do [ "$1" = --dir ] && out=$2; shift; done',
        '  mkdir -p "$out"; for f in $FAKE_FILES; do echo "{}" > "$out/$f"; done; exit 0',
        "fi",
        "exit 2"
      ].join("\n"), { mode: 0o755 });
      const cases = [
        { run: "", download: "ok", files: "", env: [] },
        { run: "123", download: "ok", files: "manifest.json build-history.json forecast_ledger.parquet", env: ["F9_PREVIOUS_MANIFEST=.f9-previous/manifest.json", "F9_BUILD_HISTORY=.f9-previous/build-history.json", "F9_PREVIOUS_LEDGER=.f9-previous/forecast_ledger.parquet"] },
        { run: "123", download: "ok", files: "manifest.json", env: ["F9_PREVIOUS_MANIFEST=.f9-previous/manifest.json"] },
        { run: "123", download: "fail", files: "", env: [] }
      ];
      for (const [i, c] of cases.entries()) {
        const work = join(dir, `case${i}`);
        mkdirSync(work);
        const githubEnv = join(work, "github-env");
        writeFileSync(githubEnv, "");
        // GitHub runs `run:` steps with bash -e -o pipefail.
        const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run!], {
          cwd: work,
          env: { PATH: `${join(dir, "bin")}:${process.env.PATH}`, GITHUB_ENV: githubEnv, FAKE_RUN: c.run, FAKE_DOWNLOAD: c.download, FAKE_FILES: c.files },
          encoding: "utf8"
        });
        assert.equal(result.status, 0, `case ${i}: ${result.stderr}`);
        assert.deepEqual(readFileSync(githubEnv, "utf8").split("\n").filter(Boolean), c.env, `case ${i}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads the previous manifest from the artifact name it uploads", () => {
    const fetchPrevious = runs.find((s) => /gh run download/.test(s.run!));
    assert.ok(fetchPrevious);
    const name = /--name (\S+)/.exec(fetchPrevious.run!)?.[1];
    assert.equal(name, action("actions/upload-artifact")?.with?.name);
    assert.match(fetchPrevious.run!, /--workflow deploy\.yml/, "asks for runs of this very workflow");
    // Each file the next run reads from the previous artifact is one this run puts into its own.
    const recordDir = relative(projectRoot, httpConfigFromEnv({}).recordDir!);
    const kept = runs.map((s) => s.run!).join("\n");
    const read = [...fetchPrevious.run!.matchAll(/(F9_[A-Z_]+)=\.f9-previous\/([\w.-]+)/g)];
    assert.deepEqual(read.map((m) => m[1]).sort(), ["F9_BUILD_HISTORY", "F9_PREVIOUS_LEDGER", "F9_PREVIOUS_MANIFEST"]);
    for (const [, , file] of read) assert.match(kept, new RegExp(`cp \\S+ ${recordDir}/${file!.replaceAll(".", "\\.")}`), `${file} is kept in the artifact`);
  });
});
