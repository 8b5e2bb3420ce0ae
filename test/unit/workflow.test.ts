// The deploy workflow cannot be run here, so everything about it that can be checked offline is:
// it parses, it triggers and deploys as documented, and every step calls scripts and files that exist.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
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
      // `cp dist/_file/data/NAME.*.json` copies what the loader src/data/NAME.json.* wrote.
      for (const [, name] of step.run!.matchAll(/dist\/_file\/data\/([\w-]+)\.\*\.json/g)) {
        assert.ok(["ts", "js"].some((ext) => existsSync(join(projectRoot, "src", "data", `${name}.json.${ext}`))), `no loader src/data/${name}.json.ts`);
      }
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
    assert.deepEqual(read.map((m) => m[1]).sort(), ["F9_BUILD_HISTORY", "F9_PREVIOUS_MANIFEST"]);
    for (const [, , file] of read) assert.match(kept, new RegExp(`cp \\S+ ${recordDir}/${file!.replaceAll(".", "\\.")}`), `${file} is kept in the artifact`);
  });
});
