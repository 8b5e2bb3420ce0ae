// A loopback server (127.0.0.1 only) stands in for a live source: bad 200s, Retry-After, redirects
// and paging links elsewhere, and a lock left by a killed run.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { basename, join } from "node:path";
import { describe, it } from "node:test";
import { httpConfigFromEnv, projectRoot, snapshotCatalog } from "../../data-loaders/config.ts";
import { Http, HttpError, ForeignHostError, recordingPath, requestKey } from "../../data-loaders/http.ts";
import { Problems } from "../../data-loaders/problems.ts";
import { loadLaunches } from "../../data-loaders/launch-history.ts";
import { fetchLl2, ll2Requests } from "../../data-loaders/sources/launch-library-2.ts";
import { EXTRACT_NOT_LIVE } from "../../data-loaders/sources/recorded-extract.ts";
import { toParquet } from "../../data-loaders/tables.ts";
import { weatherRows, weatherTable } from "../../data-loaders/weather.ts";
import { archiveAnswer } from "../support/open-meteo.ts";
import { replayHttp, SNAPSHOTS } from "../support/snapshots.ts";
import { loopback, strays, tempDir, tree } from "./support.ts";

const quiet = { log: () => {}, timeoutMs: 2000 };
const request = { source: "spacex-api", url: "https://api.spacexdata.com/v4/rockets" };

describe("kind 3: a bad live 200 is never recorded", () => {
  it("retries an HTML challenge page like a 5xx, records only the good answer that follows", async () => {
    let n = 0;
    const { origin, hits } = await loopback((_req, res) => {
      n++;
      if (n <= 2) res.writeHead(200, { "content-type": "text/html" }).end("<html>Just a moment…</html>");
      else res.writeHead(200, { "content-type": "application/json" }).end('[{"id":"falcon9"}]');
    });
    const dir = tempDir();
    const http = new Http({ ...httpConfigFromEnv({ F9_SOURCE_ORIGIN: origin, F9_RECORD: dir }), ...quiet, backoffMs: 10 });
    const { data } = await http.json(request);
    assert.deepEqual(data, [{ id: "falcon9" }]);
    assert.deepEqual(hits, ["/api.spacexdata.com/v4/rockets", "/api.spacexdata.com/v4/rockets", "/api.spacexdata.com/v4/rockets"]);
    assert.deepEqual(readdirSync(join(dir, "recorded")), [basename(recordingPath(dir, requestKey(request)))]);
  });

  it("fails a truncated body that stays truncated with true advice, and leaves no recording to fail from", async () => {
    const { origin, hits } = await loopback((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('[{"id":"falc'));
    const dir = tempDir();
    const http = new Http({ ...httpConfigFromEnv({ F9_SOURCE_ORIGIN: origin, F9_RECORD: dir }), ...quiet, retries: 2, backoffMs: 10 });
    await assert.rejects(http.json(request), (e: Error) => {
      assert.ok(e instanceof HttpError);
      assert.match(e.message, /^spacex-api: GET https:\/\/api\.spacexdata\.com\/v4\/rockets failed after 3 attempts/);
      assert.match(e.message, /returned a body that is not valid JSON .* Nothing was recorded/);
      assert.doesNotMatch(e.message, /delete the recording/);
      return true;
    });
    assert.equal(hits.length, 3);
    assert.equal(existsSync(join(dir, "recorded")), false, "no recording, so the next run asks the server again");
  });
});

describe("kind 3 through npm run data", () => {
  it("exits 1 naming source and URL, records nothing, and leaves the release directory as it was", async () => {
    const { origin, hits } = await loopback((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html><title>Just a moment…</title></html>"));
    const dir = tempDir();
    const out = join(dir, "release");
    mkdirSync(out);
    writeFileSync(join(out, "manifest.json"), "{}\n");
    const before = tree(out);
    const child = spawn(process.execPath, ["--import", "tsx", join(projectRoot, "data-loaders/cli.ts"), "--out", out], {
      cwd: projectRoot,
      env: { ...process.env, F9_SNAPSHOTS: "", F9_SOURCE_ORIGIN: origin, F9_RECORD: join(dir, "rec"), F9_LAST_GOOD: join(dir, "lg"), F9_MAX_RETRY_SECONDS: "2" },
      stdio: ["ignore", "ignore", "pipe"]
    });
    let stderr = "";
    child.stderr!.on("data", (c: Buffer) => (stderr += c));
    const status = await new Promise<number | null>((done) => child.on("close", done));
    assert.equal(status, 1, stderr);
    assert.match(stderr, /data: failed before writing anything \(the output directory is unchanged\): spacex-api: GET https:\/\/api\.spacexdata\.com\/v4\/\S+ failed \(HTTP 200 with a body that fails its check .*not valid JSON.*Nothing was recorded.*beyond the bound of 2 s of waiting per request/);
    assert.ok(hits.length >= 2, "the bad 200 was retried");
    assert.equal(existsSync(join(dir, "rec", "recorded")), false, "nothing recorded");
    assert.deepEqual(tree(out), before);
    assert.deepEqual(strays(dir), []);
  });
});

describe("kind 8: live plumbing", () => {
  it("takes over at once a lock whose process has ended", async () => {
    const { origin } = await loopback((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("[]"));
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    const lock = join(dir, ".locks", `${basename(recordingPath(dir, requestKey(request)))}.lock`);
    mkdirSync(join(dir, ".locks"), { recursive: true });
    writeFileSync(lock, JSON.stringify({ pid: Number(dead), host: hostname() }));
    const lines: string[] = [];
    const http = new Http({ ...httpConfigFromEnv({ F9_SOURCE_ORIGIN: origin, F9_RECORD: dir }), ...quiet, log: (l) => lines.push(l) });
    const started = Date.now();
    await http.json(request);
    assert.ok(Date.now() - started < 2000, "no waiting for the lock to age");
    assert.ok(lines.some((l) => l.includes("the process that took it has ended")), lines.join("\n"));
    assert.deepEqual(readdirSync(join(dir, ".locks")), [], "the lock is released");
  });

  it("honours Retry-After given as an HTTP date", async () => {
    let n = 0;
    const { origin } = await loopback((_req, res) => {
      if (n++ === 0) res.writeHead(503, { "retry-after": new Date(Date.now() + 1500).toUTCString() }).end();
      else res.writeHead(200, { "content-type": "application/json" }).end("[]");
    });
    const waits: number[] = [];
    const http = new Http({ ...httpConfigFromEnv({ F9_SOURCE_ORIGIN: origin, F9_RECORD: tempDir() }), ...quiet, sleep: async (ms) => void waits.push(ms) });
    await http.json(request);
    assert.equal(waits.length, 1);
    assert.ok(waits[0]! > 0 && waits[0]! <= 1500, `waited ${waits[0]} ms for a date 1.5 s ahead`);
  });

  it("fails at once, stating the bound, when Retry-After asks for more than the bound on retrying", async () => {
    const { origin, hits } = await loopback((_req, res) => res.writeHead(429, { "retry-after": "1200" }).end());
    const dir = tempDir();
    const http = new Http({ ...httpConfigFromEnv({ F9_SOURCE_ORIGIN: origin, F9_RECORD: dir, F9_MAX_RETRY_SECONDS: "60" }), ...quiet, sleep: async () => assert.fail("no waiting") });
    await assert.rejects(http.json(request), /spacex-api: GET https:\/\/api\.spacexdata\.com\/v4\/rockets failed \(HTTP 429.*\) and the server asks to wait 1200 s \(Retry-After\), beyond the bound of 60 s of waiting per request \(F9_MAX_RETRY_SECONDS\)/);
    assert.equal(hits.length, 1);
    assert.equal(existsSync(join(dir, "recorded")), false);
  });

  it("follows a redirect only to the source's own hosts", async () => {
    const elsewhere = await loopback((_req, res) => res.writeHead(200).end("[]"));
    const { origin } = await loopback((req, res) => {
      if (req.url === "/api.spacexdata.com/v4/rockets") res.writeHead(302, { location: "/api.spacexdata.com/v4/rockets-moved" }).end();
      else if (req.url === "/api.spacexdata.com/v4/rockets-moved") res.writeHead(200, { "content-type": "application/json" }).end('["moved"]');
      else res.writeHead(301, { location: `${elsewhere.origin}/steal` }).end();
    });
    const http = new Http({ ...httpConfigFromEnv({ F9_SOURCE_ORIGIN: origin, F9_RECORD: tempDir() }), ...quiet });
    assert.deepEqual((await http.json(request)).data, ["moved"], "a redirect on the source's own host is followed");
    await assert.rejects(http.json({ source: "spacex-api", url: "https://api.spacexdata.com/v4/payloads" }), (e: Error) => {
      assert.ok(e instanceof ForeignHostError);
      assert.match(e.message, /spacex-api: GET https:\/\/api\.spacexdata\.com\/v4\/payloads redirects to http:\/\/127\.0\.0\.1:\d+\/steal, a host this source is not allowed to ask \(allowed: api\.spacexdata\.com\)/);
      return true;
    });
    assert.deepEqual(elsewhere.hits, [], "the other host was never asked");
  });

  it("refuses a paging next link to another host, naming source and link", async () => {
    const first = ll2Requests.launchesDetailed.url;
    const { origin, hits } = await loopback((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ count: 2, next: "https://evil.example/2.2.0/launch/?offset=100", previous: null, results: [] }))
    );
    const http = new Http({ ...httpConfigFromEnv({ F9_SOURCE_ORIGIN: origin, F9_RECORD: tempDir() }), ...quiet });
    await assert.rejects(fetchLl2(http, new Problems()), /ll2: asked for https:\/\/evil\.example\/2\.2\.0\/launch\/\?offset=100, a host this source is not allowed to ask \(allowed: ll\.thespacedevs\.com, lldev\.thespacedevs\.com\)/);
    assert.ok(hits.every((h) => h.startsWith("/ll.thespacedevs.com/")), hits.join(" "));
    assert.ok(hits.length >= 1 && first.length > 0);
  });

  it("accepts only a local server as the stand-in for the sources", () => {
    assert.throws(() => httpConfigFromEnv({ F9_SOURCE_ORIGIN: "http://mirror.example:80" }), /F9_SOURCE_ORIGIN must be a local server's origin/);
  });
});

describe("weather: what a live build asks", () => {
  it("asks Open-Meteo's archive once per pad over its launches' whole date range and the marine model once, not once per launch; a replay of its recordings builds the same table", async () => {
    const launches = await loadLaunches(replayHttp());
    const { origin, hits } = await loopback((req, res) => {
      const url = `https:/${req.url}`;
      if (url.startsWith("https://archive-api.open-meteo.com/")) return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(archiveAnswer(new URL(url).searchParams)));
      // NDBC's yearly files and SkyBound's extract answer as recorded; the marine model has no answer here.
      const hit = snapshotCatalog.read(SNAPSHOTS, requestKey({ source: "weather", url }));
      if (hit) return void res.writeHead(200, { "content-type": hit.contentType }).end(hit.body);
      res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
    });
    const dir = tempDir();
    const live = new Http({ ...httpConfigFromEnv({ F9_SOURCE_ORIGIN: origin, F9_RECORD: dir }), ...quiet });
    const problems = new Problems(() => {});
    const rows = await weatherRows(live, launches, { log: () => {}, problems });

    const placed = launches.filter((l) => l.padLatitude !== null && l.padLongitude !== null);
    const pads = new Set(placed.map((l) => `${l.padLatitude!.toFixed(4)},${l.padLongitude!.toFixed(4)}`));
    const archive = hits.filter((h) => h.startsWith("/archive-api.open-meteo.com/"));
    assert.equal(archive.length, pads.size, `${archive.length} archive requests for ${pads.size} pads and ${placed.length} launches`);
    assert.ok(placed.length > 600);
    for (const hit of archive) {
      const q = new URL(`https:/${hit}`).searchParams;
      assert.ok(q.get("hourly") && q.get("daily") && q.get("timezone") === "GMT", hit);
      const here = placed.filter((l) => l.padLatitude!.toFixed(4) === q.get("latitude") && l.padLongitude!.toFixed(4) === q.get("longitude")).map((l) => l.dateUtc.slice(0, 10)).sort();
      assert.equal(q.get("start_date"), here[0], hit);
      assert.ok(q.get("end_date")! >= here.at(-1)!, hit);
    }
    assert.equal(hits.filter((h) => h.startsWith("/marine-api.open-meteo.com/")).length, 1);
    // Every placed launch has the pad's weather: the hour where it is known, else the UTC day.
    assert.equal(rows.filter((r) => r.padSource === "open-meteo-archive").length, placed.length);
    assert.equal(rows.filter((r) => r.padGranularity === "UTC day").length, placed.filter((l) => l.datePrecision === "day").length);
    assert.equal(problems.get("ll2-open-meteo", EXTRACT_NOT_LIVE), 1, "the recorded dataset is never fetched live");

    const replayed = await weatherRows(new Http({ mode: "replay", snapshotDir: dir, log: () => {} }), launches, { log: () => {} });
    assert.deepEqual(toParquet(weatherTable, replayed), toParquet(weatherTable, rows));
  });
});
