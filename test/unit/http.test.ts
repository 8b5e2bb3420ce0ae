import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, it } from "node:test";
import { Http, HttpError, ReplayMissError, ResponseFormatError, recordingPath, requestKey } from "../../data-loaders/http.ts";
import { replayHttp } from "../support/snapshots.ts";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "f9-http-"));
  dirs.push(d);
  return d;
};

/** A fetch that answers from a script of responses and counts calls. */
function scriptedFetch(script: (Response | Error | "hang")[]) {
  const calls: string[] = [];
  const fetch = (async (url: string, init?: RequestInit) => {
    calls.push(String(url));
    const next = script.shift();
    if (next === undefined) throw new Error("scripted fetch ran out of responses");
    if (next === "hang") {
      // A real socket keeps the event loop alive while it waits; so must the stand-in.
      const alive = setInterval(() => {}, 1000);
      return new Promise((_, reject) =>
        init?.signal?.addEventListener("abort", () => {
          clearInterval(alive);
          reject(init.signal!.reason);
        })
      );
    }
    if (next instanceof Error) throw next;
    return next;
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const noSleep = { sleep: async () => {}, log: () => {} };

describe("Http live", () => {
  it("retries 429 and 5xx with backoff, then succeeds", async () => {
    const waits: number[] = [];
    const { fetch, calls } = scriptedFetch([new Response("", { status: 503 }), new Response("", { status: 429 }), new Response('{"ok":true}')]);
    const http = new Http({ mode: "live", fetch, backoffMs: 100, sleep: async (ms) => void waits.push(ms), log: () => {} });
    const { data } = await http.json({ source: "test", url: "https://example.test/a" });
    assert.deepEqual(data, { ok: true });
    assert.equal(calls.length, 3);
    assert.deepEqual(waits, [100, 200]);
  });

  it("honours Retry-After", async () => {
    const waits: number[] = [];
    const { fetch } = scriptedFetch([new Response("", { status: 429, headers: { "retry-after": "7" } }), new Response("{}")]);
    const http = new Http({ mode: "live", fetch, sleep: async (ms) => void waits.push(ms), log: () => {} });
    await http.text({ source: "test", url: "https://example.test/a" });
    assert.deepEqual(waits, [7000]);
  });

  it("does not retry a 404 and names the URL and status", async () => {
    const { fetch, calls } = scriptedFetch([new Response("nope", { status: 404, statusText: "Not Found" })]);
    const http = new Http({ mode: "live", fetch, ...noSleep });
    await assert.rejects(http.text({ source: "test", url: "https://example.test/missing" }), (e: Error) => {
      assert.ok(e instanceof HttpError);
      assert.match(e.message, /https:\/\/example\.test\/missing/);
      assert.match(e.message, /404/);
      return true;
    });
    assert.equal(calls.length, 1);
  });

  it("times out a request that never answers, retries, and gives up with a clear error", async () => {
    const { fetch, calls } = scriptedFetch(["hang", "hang", "hang"]);
    const http = new Http({ mode: "live", fetch, timeoutMs: 50, retries: 2, ...noSleep });
    await assert.rejects(http.text({ source: "test", url: "https://example.test/slow" }), /failed after 3 attempts in \d+ s of waiting \(last: no answer within 50 ms\)/);
    assert.equal(calls.length, 3);
  });

  it("records each live response atomically and replays it byte for byte", async () => {
    const dir = tempDir();
    const { fetch } = scriptedFetch([new Response('{"n":1}', { headers: { "content-type": "application/json" } })]);
    const live = new Http({ mode: "live", fetch, recordDir: dir, ...noSleep });
    const request = { source: "test", url: "https://example.test/q?b=2&a=1", method: "POST" as const, body: { z: 1, a: [1, 2] } };
    const first = await live.text(request);
    assert.equal(first.origin, "live");
    const files = readdirSync(join(dir, "recorded"));
    assert.equal(files.length, 1);
    assert.ok(!files[0]!.endsWith(".tmp"));

    const replay = new Http({ mode: "replay", snapshotDir: dir });
    // Same request with reordered query and keys: the same recording.
    const again = await replay.text({ ...request, url: "https://example.test/q?a=1&b=2", body: { a: [1, 2], z: 1 } });
    assert.equal(again.origin, "replayed");
    assert.equal(again.body, '{"n":1}');
    assert.equal(again.sha256, first.sha256);
    assert.equal(again.retrievedAt, first.retrievedAt);
  });

  it("reuses a fresh recording instead of asking again (rate-limited sources)", async () => {
    const dir = tempDir();
    const { fetch, calls } = scriptedFetch([new Response("{}")]);
    const http = new Http({ mode: "live", fetch, recordDir: dir, maxAgeMs: 3600_000, ...noSleep });
    await http.text({ source: "test", url: "https://example.test/ll2" });
    const second = await http.text({ source: "test", url: "https://example.test/ll2" });
    assert.equal(calls.length, 1);
    assert.equal(second.origin, "cached");
  });

  it("asks a request once when two loaders want it at the same time (the second waits for the recording)", async () => {
    const dir = tempDir();
    let calls = 0;
    const fetch = (async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return new Response('{"page":1}');
    }) as typeof globalThis.fetch;
    const options = { mode: "live" as const, fetch, recordDir: dir, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 10))), log: () => {} };
    const request = { source: "ll2", url: "https://example.test/launch/?limit=100" };
    const [a, b] = await Promise.all([new Http(options).text(request), new Http(options).text(request)]);
    assert.equal(calls, 1);
    assert.deepEqual([a.origin, b.origin].sort(), ["cached", "live"]);
    assert.equal(a.body, b.body);
    assert.deepEqual(readdirSync(join(dir, ".locks")), [], "the lock is released");
  });

  it("leaves no recording when the request fails", async () => {
    const dir = tempDir();
    const { fetch } = scriptedFetch([new Response("", { status: 500 })]);
    const http = new Http({ mode: "live", fetch, recordDir: dir, retries: 0, ...noSleep });
    await assert.rejects(http.text({ source: "test", url: "https://example.test/x" }), HttpError);
    assert.equal(existsSync(join(dir, "recorded")), false);
  });
});

describe("Http replay", () => {
  it("answers a catalogued request from the shared snapshots with the file's own hash", async () => {
    const http = replayHttp();
    const { response } = await http.json({ source: "spacex-api", url: "https://api.spacexdata.com/v4/rockets" });
    assert.equal(response.origin, "replayed");
    const manifest = JSON.parse(readFileSync(join(http["config"].snapshotDir!, "manifest.json"), "utf8")) as { files: { file: string; sha256: string }[] };
    const listed = manifest.files.find((f) => f.file === "spacex-api-v4/rockets.json");
    assert.equal(response.sha256, listed?.sha256);
  });

  it("fails an unknown request with an error naming the missing recording, and never fetches", async () => {
    const fetch = (async () => {
      throw new Error("network touched in replay mode");
    }) as typeof globalThis.fetch;
    const dir = tempDir();
    const http = new Http({ mode: "replay", snapshotDir: dir, fetch });
    const request = { source: "test", url: "https://example.test/never-recorded" };
    await assert.rejects(http.text(request), (e: Error) => {
      assert.ok(e instanceof ReplayMissError);
      assert.match(e.message, /never-recorded/);
      assert.match(e.message, new RegExp(dir));
      return true;
    });
    assert.match(recordingPath(dir, requestKey(request)), /recorded\/[0-9a-f]{32}\.json$/);
  });

  it("reports a damaged recording as a format error naming source, URL and the file to delete", async () => {
    const dir = tempDir();
    const request = { source: "spacex-api", url: "https://example.test/t" };
    const path = recordingPath(dir, requestKey(request));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify({ request: {}, status: 200, contentType: "application/json", retrievedAt: "2026-01-01T00:00:00Z", body: '{"docs": [1, 2' }));
    const http = new Http({ mode: "replay", snapshotDir: dir });
    await assert.rejects(http.json(request), (e: Error) => {
      assert.ok(e instanceof ResponseFormatError);
      assert.match(e.message, /spacex-api: GET https:\/\/example\.test\/t returned a body that is not valid JSON/);
      assert.ok(e.message.includes(`The recording ${path} is damaged: delete it`));
      return true;
    });
  });
});
