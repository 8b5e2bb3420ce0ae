// Faults in the recordings, run through `npm run data` as a user would: each ends in a clear error
// (exit 1, naming source, file or field) with the previous release and the last good manifest
// byte-identical and nothing temporary left, or in a drop accepted on purpose.
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { before, describe, it } from "node:test";
import { copyOfSnapshots, runCli, strays, tempDir, tree } from "./support.ts";

const snapshots = copyOfSnapshots();
const original = new Map<string, string>();
/** Damage one recording (relative to the snapshot copy) for one run, then restore it. */
function withDamaged<T>(file: string, damage: (text: string) => string, run: () => T): T {
  const path = join(snapshots, file);
  const text = original.get(file) ?? readFileSync(path, "utf8");
  original.set(file, text);
  writeFileSync(path, damage(text));
  try {
    return run();
  } finally {
    writeFileSync(path, text);
  }
}
const json = (f: (value: any) => unknown) => (text: string) => JSON.stringify(f(JSON.parse(text)));

const work = tempDir();
const out = join(work, "release");
const lastGoodDir = join(work, "last-good");
const env = { F9_SNAPSHOTS: snapshots, F9_LAST_GOOD: lastGoodDir };
let good: Record<string, string>;
let lastGood: Record<string, string>;
/** The last good manifest of these recordings (one file per recording set). */
let lastGoodFile: string;

/** The run failed, said `expected`, and left the release, the last good manifest and the directory around them as they were. */
function assertUntouched(run: { status: number | null; stderr: string }, ...expected: RegExp[]) {
  assert.equal(run.status, 1, run.stderr);
  for (const e of expected) assert.match(run.stderr, e);
  assert.deepEqual(tree(out), good, "the previous release is byte-identical");
  assert.deepEqual(tree(lastGoodDir), lastGood, "the last good manifest is unchanged");
  assert.deepEqual(strays(work), [], "no temporary file or directory is left");
}

before(() => {
  const run = runCli(["--out", out], env);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /contracts: no last good release yet/);
  good = tree(out);
  lastGood = tree(lastGoodDir);
  assert.deepEqual(Object.keys(lastGood).length, 1);
  lastGoodFile = Object.keys(lastGood)[0]!;
  assert.match(lastGoodFile, /^manifest\.replay\.snapshots-[0-9a-f]{12}\.json$/, "keyed by the recordings' directory");
});

describe("kind 1: a valid but much shorter list", () => {
  const ll2 = "launch-library-2/ll2-2.2.0_launch_search-SpaceX_concatenated-pages.json";
  const shorter = json((page) => ({ ...page, results: page.results.slice(0, 40) }));

  it("fails naming the source and table with before and after figures, and the command that accepts it", () => {
    const run = withDamaged(ll2, shorter, () => runCli(["--out", out], env));
    assertUntouched(
      run,
      /data contract: \d+ drops? against the last good release/,
      /source:ll2: records received from ll2: 269 before, \d+ now/,
      /coverage:ll2: launches covered by ll2: 185 before, \d+ now/,
      /F9_ACCEPT_DROP=\S*source:ll2\S* npm run build \(or: npm run data -- --out DIR --accept-drop \S+\)/
    );
  });

  it("publishes the drop when it is accepted with the command the error gave", () => {
    const refused = withDamaged(ll2, shorter, () => runCli(["--out", join(work, "unused")], env));
    const keys = /--accept-drop (\S+)\)\./.exec(refused.stderr)?.[1];
    assert.ok(keys, refused.stderr);
    // Against a copy of the last good release, so that the other cases keep the original.
    const copy = join(work, "last-good-copy");
    cpSync(lastGoodDir, copy, { recursive: true });
    const run = withDamaged(ll2, shorter, () => runCli(["--out", join(work, "accepted"), "--accept-drop", keys], { ...env, F9_LAST_GOOD: copy }));
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /contract: accepted drop source:ll2: records received from ll2: 269 before/);
    const now = JSON.parse(readFileSync(join(copy, lastGoodFile), "utf8")) as { sources: { source: string; records: number }[] };
    assert.ok(now.sources.find((s) => s.source === "ll2")!.records < 269, "the accepted release is the new last good one");
  });
});

describe("kind 2: an optional field renamed in every record", () => {
  it("is schema drift: an error naming the source and the field, not a column of nulls", () => {
    const renamed = json((launches) => launches.map((l: any) => ({ ...l, cores: l.cores.map(({ landing_success, ...c }: any) => ({ ...c, landingSuccess: landing_success })) })));
    const run = withDamaged("spacex-api-v4/launches.json", renamed, () => runCli(["--out", out], env));
    assertUntouched(run, /field:spacex-api\.\/v4\/launches#\[\]\.cores\[\]\.landing_success: spacex-api field "\/v4\/launches#\[\]\.cores\[\]\.landing_success", in 100% of records before, absent from every record now: schema drift/);
  });
});

describe("kind 5: impossible values", () => {
  it("fails naming the record and field of a pad latitude of 999 and a negative payload mass", () => {
    const pads = json((list) => list.map((p: any) => (p.name === "CCSFS SLC 40" ? { ...p, latitude: 999 } : p)));
    const masses = json((list) => list.map((p: any) => (p.mass_kg ? { ...p, mass_kg: -p.mass_kg } : p)));
    const run = withDamaged("spacex-api-v4/launchpads.json", pads, () => withDamaged("spacex-api-v4/payloads.json", masses, () => runCli(["--out", out], env)));
    assertUntouched(
      run,
      /impossible values? in the merged history; nothing was published/,
      /launches: record spacex:\w+ "[^"]+" \(sources [^)]+\), field "padLatitude": 999 is not a latitude/,
      /field "payloadMassKg": -\d+ kg is not a plausible mass/
    );
  });
});

describe("kind 6: a file that is not JSON", () => {
  it("names the snapshot file, not only the parser's position", () => {
    const run = withDamaged("spacex-api-v4/landpads_query_wrapped.json", (t) => t.slice(0, t.length / 2), () => runCli(["--out", out], env));
    assertUntouched(run, /Snapshot \S+landpads_query_wrapped\.json \(envelope data-docs; restore the file from where it was copied, see PROVENANCE\.md\) is not valid JSON/);
  });

  it("names the last good manifest when it is damaged", () => {
    const path = join(lastGoodDir, lastGoodFile);
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.slice(0, 100));
    try {
      const run = runCli(["--out", out], env);
      assert.equal(run.status, 1);
      assert.match(run.stderr, new RegExp(`${path.replace(/[.]/g, "\\.")} \\(the last good release's manifest \\(delete it to start the comparison afresh\\)\\) is not valid JSON`));
      assert.deepEqual(tree(out), good);
      assert.deepEqual(strays(work), []);
    } finally {
      writeFileSync(path, text);
    }
  });
});

describe("kind 7: a disk fault while writing", () => {
  it("leaves the previous release whole, with its manifest, and no temporary file", () => {
    // Files may grow to 64 kB: the small tables fit, the telemetry series (over 100 kB) does not.
    const run = runCli(["--out", out], env, "trap '' XFSZ; ulimit -f 64;");
    assertUntouched(run, /data: failed while writing; the output directory keeps its previous release, whole: EFBIG/);
    assert.ok(dirname(out) === work);
  });
});
