// A first build (no last good release: a fresh clone, other recordings) is held to the expected
// release in the repository; each recording set has its own last good release; records that would
// vanish without a word are errors naming source, file, record and field. Run through
// `npm run data` as a user would, over throwaway copies of the recordings.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { projectRoot } from "../../data-loaders/config.ts";
import { expectedReleasePath } from "../../data-loaders/contracts.ts";
import { SNAPSHOTS } from "../support/snapshots.ts";
import { copyOfSnapshots, runCli, strays, tempDir, tree } from "./support.ts";
import { spawnSync } from "node:child_process";

const snapshots = copyOfSnapshots();
const yearPage = "wikipedia/List_of_Falcon_9_and_Falcon_Heavy_launches_2020-2022_table-2022_fragment.html";
const expectedFile = relative(projectRoot, expectedReleasePath({}, projectRoot));

/** Move recordings (relative to the copy) out of the way for one run, then put them back. */
function without<T>(files: string[], run: () => T): T {
  const aside = tempDir("f9-aside-");
  files.forEach((f, i) => renameSync(join(snapshots, f), join(aside, String(i))));
  try {
    return run();
  } finally {
    files.forEach((f, i) => renameSync(join(aside, String(i)), join(snapshots, f)));
  }
}

function expectations(out: string, env: Record<string, string>) {
  const run = spawnSync(process.execPath, ["--import", "tsx", join(projectRoot, "data-loaders/expectations.ts"), "--out", out], { cwd: projectRoot, env: { ...process.env, ...env }, encoding: "utf8" });
  return { status: run.status, stderr: run.stderr };
}

describe("a first build, with no last good release", () => {
  it("is refused when a year page is gone from the recordings, naming the year and the expected release; regenerated and accepted, it passes", () => {
    const work = tempDir();
    const env = { F9_SNAPSHOTS: snapshots, F9_LAST_GOOD: join(work, "last-good") };
    const out = join(work, "release");
    without([yearPage], () => {
      const refused = runCli(["--out", out], env);
      assert.equal(refused.status, 1, refused.stderr);
      assert.match(refused.stderr, new RegExp(`data contract: \\d+ drops? against the expected release \\(${expectedFile.replace(/[.]/g, "\\.")}\\), checked because these recordings have no last good release yet`));
      assert.match(refused.stderr, /expected:wikipedia\.2022: launches in 2022 \(wikipedia\): \d+ expected, 0 now/);
      assert.match(refused.stderr, /F9_ACCEPT_DROP=\S*expected:wikipedia\S* npm run build \(or: npm run data -- --out DIR --accept-drop \S+\)\. If the recordings themselves changed on purpose, regenerate the expected release from them \(F9_SNAPSHOTS=DIR npm run expectations\)/);
      assert.deepEqual(tree(join(work, "last-good")), {}, "a refused run leaves no last good release");
      assert.deepEqual(tree(out), {}, "nothing published");
      assert.deepEqual(strays(work), []);

      // The recordings changed on purpose: regenerate the expected release from them, review, build.
      const regenerated = join(work, "expected-release.json");
      const generated = expectations(regenerated, { F9_SNAPSHOTS: snapshots });
      assert.equal(generated.status, 0, generated.stderr);
      assert.match(generated.stderr, /expectations: wrote \S+expected-release\.json: \d+ sources and merged, \d+ years/);
      const years = (JSON.parse(readFileSync(regenerated, "utf8")) as { years: Record<string, Record<string, unknown>> }).years;
      assert.equal(years.wikipedia?.["2022"], undefined, "the regenerated expectation no longer promises Wikipedia's 2022 table");
      const passed = runCli(["--out", out], { ...env, F9_EXPECTED_RELEASE: regenerated });
      assert.equal(passed.status, 0, passed.stderr);
      assert.match(passed.stderr, /contracts: no last good release yet for these recordings; \d+ comparisons with the expected release \S+expected-release\.json, 0 accepted drops/);

      // Or the drop is accepted with the command the refusal gave.
      const keys = /--accept-drop (\S+)\)\./.exec(refused.stderr)?.[1];
      assert.ok(keys, refused.stderr);
      const accepted = runCli(["--out", join(work, "accepted"), "--accept-drop", keys], { ...env, F9_LAST_GOOD: join(work, "last-good-2") });
      assert.equal(accepted.status, 0, accepted.stderr);
      assert.match(accepted.stderr, /contract: accepted drop expected:wikipedia\.2022: launches in 2022 \(wikipedia\): \d+ expected, 0 now/);
    });
  });

  it("fails on a missing year page when no other page or extract covers its year", () => {
    const work = tempDir();
    const covering = ["wikipedia-derived/3df9_f9launches_2010-06_to_2024-08.csv", "wikipedia-derived/massimo7719_falcon9_2010-06_to_2026-07.csv"];
    const run = without([yearPage, ...covering], () => runCli(["--out", join(work, "release")], { F9_SNAPSHOTS: snapshots, F9_LAST_GOOD: join(work, "lg") }));
    assert.equal(run.status, 1, run.stderr);
    // Without the massimo scrape (to 2026-07) nothing covers 2026 either, whose page is not recorded.
    assert.match(
      run.stderr,
      /data: failed before writing anything \(the output directory is unchanged\): wikipedia: 2 years that no Wikipedia page nor Wikipedia-derived extract covers in this replay; nothing was published:\n  2022: the year page List_of_Falcon_9_and_Falcon_Heavy_launches_\(2020–2022\) \(https:\/\/en\.wikipedia\.org\/\S+\) is not among the recordings\n  2026: the year page List_of_Falcon_9_and_Falcon_Heavy_launches_\(2026\) \(\S+\) is not among the recordings\nThe release would lose those years' launches\. Check the page names in data-loaders\/sources\/wikipedia\.ts \(wikipediaCurrentPages\)/
    );
    assert.doesNotMatch(run.stderr, /\n  20(20|21): /, "2020 and 2021 are covered by the recorded revisions");
    assert.deepEqual(tree(join(work, "lg")), {});
  });
});

describe("a last good release per recording set", () => {
  it("a replay over another snapshot directory leaves the main one's last good release byte-identical", () => {
    const work = tempDir();
    const lastGood = join(work, "last-good");
    const main = runCli(["--out", join(work, "main")], { F9_SNAPSHOTS: SNAPSHOTS, F9_LAST_GOOD: lastGood });
    assert.equal(main.status, 0, main.stderr);
    const [mainFile] = readdirSync(lastGood);
    assert.match(mainFile!, /^manifest\.replay\.snapshots-[0-9a-f]{12}\.json$/);
    const before = tree(lastGood);

    // Altered recordings (Wikipedia's 2022 table gone), accepted on purpose: their own baseline moves, not the main one.
    const other = without([yearPage], () => runCli(["--out", join(work, "other"), "--accept-drop", "all"], { F9_SNAPSHOTS: snapshots, F9_LAST_GOOD: lastGood }));
    assert.equal(other.status, 0, other.stderr);
    const after = tree(lastGood);
    assert.equal(after[mainFile!], before[mainFile!], "the main recordings' last good release is byte-identical");
    assert.equal(Object.keys(after).length, 2, "the other recordings got their own");

    // The main recordings still pass against their own baseline (no drop from the altered run).
    const again = runCli(["--out", join(work, "main")], { F9_SNAPSHOTS: SNAPSHOTS, F9_LAST_GOOD: lastGood });
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stderr, new RegExp(`contracts: \\d+ comparisons with the last good release \\S+${mainFile!.replace(/[.]/g, "\\.")}, 0 accepted drops`));
  });
});

describe("records that would vanish without a word", () => {
  it("a SpaceX API launch whose date_utc is \"TBD\" is an error naming source, file, record and field", () => {
    const work = tempDir();
    const file = join(snapshots, "spacex-api-v4", "launches.json");
    const text = readFileSync(file, "utf8");
    const launches = JSON.parse(text) as { id: string; name: string; upcoming: boolean; date_utc: string }[];
    const flown = launches.find((l) => !l.upcoming && l.name === "CRS-20")!;
    writeFileSync(file, JSON.stringify(launches.map((l) => (l === flown ? { ...l, date_utc: "TBD" } : l))));
    try {
      const run = runCli(["--out", join(work, "release")], { F9_SNAPSHOTS: snapshots, F9_LAST_GOOD: join(work, "lg") });
      assert.equal(run.status, 1, run.stderr);
      assert.equal(
        run.stderr.trim().split("\n").at(-1),
        `data: failed before writing anything (the output directory is unchanged): spacex-api: record launch ${flown.id} "CRS-20" in ${file}, field "date_utc": "TBD" is not a date (ISO 8601 expected) on a flown launch; nothing was published. ` +
          `Restore the recording, or, if the API really sends this, read it in data-loaders/sources/spacex-api.ts`
      );
      assert.deepEqual(tree(join(work, "lg")), {});
    } finally {
      writeFileSync(file, text);
    }
  });

  it("F9_SNAPSHOTS naming a directory that does not exist says so", () => {
    const work = tempDir();
    const missing = join(work, "no-such-recordings");
    const run = runCli(["--out", join(work, "release")], { F9_SNAPSHOTS: missing, F9_LAST_GOOD: join(work, "lg") });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(
      run.stderr.trim(),
      `data: failed before writing anything (the output directory is unchanged): F9_SNAPSHOTS=${missing} names ${missing}, which does not exist. ` +
        `Point it at a directory of recorded responses (the shared snapshots, e.g. ../shared/snapshots, or a live build's .f9-responses), or unset it to fetch live.`
    );
    assert.doesNotMatch(run.stderr, /No recorded response/);
  });
});
