// The only module that touches the network. Every source asks for data through `Http`, which
// fetches live (recording each response) or replays recorded responses, so live and replayed
// runs go through the same parsing code.
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { processAlive } from "./leftovers.ts";
import type { SnapshotCatalog } from "./snapshot-catalog.ts";

export type Origin = "live" | "cached" | "replayed";

export interface HttpRequest {
  /** Source module asking, e.g. "spacex-api"; named in errors and the manifest. */
  source: string;
  url: string;
  method?: "GET" | "POST";
  /** JSON request body (POST). */
  body?: unknown;
}

export interface RawResponse {
  source: string;
  method: "GET" | "POST";
  url: string;
  requestBody: unknown;
  status: number;
  contentType: string;
  body: string;
  /** SHA-256 of the bytes as received or recorded. */
  sha256: string;
  /** When the response left the server; null when the recording does not say. */
  retrievedAt: string | null;
  origin: Origin;
  /** File the response was replayed from or recorded to. */
  recording: string | null;
}

export interface HttpConfig {
  mode: "live" | "replay";
  /** Replay: directory of recorded responses (our own recordings or the shared snapshot layout). */
  snapshotDir?: string;
  /** Replay: where requests live in the shared snapshot layout, which is not keyed by request. */
  catalog?: SnapshotCatalog;
  /** Live: directory where every response is recorded so that a later build can replay it. */
  recordDir?: string;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  /** Live: the most time spent waiting between attempts at one request, Retry-After included. */
  maxRetryMs?: number;
  /**
   * Hosts each source may be asked, redirects and paging links included (config.ts derives them
   * from the snapshot catalog). A source not listed may ask only the host of its first request;
   * without `hosts`, nothing is checked.
   */
  hosts?: Record<string, string[]>;
  /**
   * Live: send every request to this origin instead, its path prefixed with the real host
   * (`https://ll.thespacedevs.com/2.2.0/x` → `http://127.0.0.1:8080/ll.thespacedevs.com/2.2.0/x`),
   * so that a local server can stand in for every source. Requests keep their real URLs otherwise.
   */
  standIn?: string;
  /** Live: reuse a recording younger than this instead of asking again (LL2 allows few requests an hour). */
  maxAgeMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  log?: (line: string) => void;
}

/** Source modules whose file is not named after the source (or the start of its name). */
const MODULE_OF: Record<string, string> = { ll2: "launch-library-2" };

/**
 * The module that asks a source's requests, for advice in errors: `sources/<source>.ts`, or the
 * module whose name starts the source's (open-meteo-archive → open-meteo.ts, ndbc-41009 → ndbc.ts).
 */
export function sourceModule(source: string): string {
  const dir = join(dirname(fileURLToPath(import.meta.url)), "sources");
  const stems = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3)) : [];
  const stem = MODULE_OF[source] ?? (stems.includes(source) ? source : stems.filter((s) => source.startsWith(`${s}-`)).sort((a, b) => b.length - a.length)[0]);
  return stem ? `data-loaders/sources/${stem}.ts` : "data-loaders/sources/";
}

export class HttpError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly status: number | null
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export class ReplayMissError extends Error {
  constructor(
    readonly request: HttpRequest,
    readonly key: string,
    snapshotDir: string
  ) {
    super(
      `No recorded response for ${request.method ?? "GET"} ${request.url} (source ${request.source}) in ${snapshotDir}. ` +
        `Replay mode answers only recorded requests: run once with network access and without F9_SNAPSHOTS to record it, ` +
        `or add the recording to data-loaders/snapshot-catalog.ts.`
    );
    this.name = "ReplayMissError";
  }
}

/** Body was received but is not what the source promised (truncated, not JSON). */
export class ResponseFormatError extends Error {
  constructor(response: RawResponse, detail: string) {
    super(`${response.source}: ${response.method} ${response.url} returned ${detail}`);
    this.name = "ResponseFormatError";
  }
}

/** A request to a host its source is not allowed to ask (a redirect or a paging link elsewhere). */
export class ForeignHostError extends Error {
  constructor(request: HttpRequest, how: string, allowed: string[]) {
    super(
      `${request.source}: ${how} ${request.url}, a host this source is not allowed to ask (allowed: ${allowed.join(", ") || "none"}). ` +
        `Nothing was fetched from it. If the source really moved, add the host to its entries in data-loaders/snapshot-catalog.ts (via config.ts).`
    );
    this.name = "ForeignHostError";
  }
}

/** Checks a body before it is used or recorded; throws a ResponseFormatError (or a SourceShapeError) when it is not what the source promised. */
export type BodyCheck = (response: RawResponse) => void;

interface Recording {
  request: { method: string; url: string; body: unknown };
  status: number;
  contentType: string;
  retrievedAt: string;
  body: string;
}

const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

export class Http {
  readonly responses: RawResponse[] = [];
  readonly mode: "live" | "replay";
  /** Replay: the directory responses come from (named in the manifest's provenance). */
  readonly snapshotDir: string | null;
  private readonly config: Required<Omit<HttpConfig, "snapshotDir" | "recordDir" | "catalog" | "hosts" | "standIn">> & HttpConfig;
  /** Hosts of sources the configuration does not list: the first request's host, pinned. */
  private readonly pinnedHosts = new Map<string, string>();

  constructor(config: HttpConfig) {
    if (config.mode === "replay" && !config.snapshotDir) throw new Error("Replay mode needs a snapshot directory (F9_SNAPSHOTS).");
    this.mode = config.mode;
    this.snapshotDir = config.snapshotDir ?? null;
    this.config = {
      timeoutMs: 30_000,
      retries: 4,
      backoffMs: 1_000,
      maxRetryMs: 120_000,
      maxAgeMs: 6 * 3600_000,
      fetch: globalThis.fetch,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      now: () => new Date(),
      log: (line) => process.stderr.write(line + "\n"),
      ...config
    };
  }

  /**
   * The response to a request. `check` sees every body before it is used: a live 200 that fails it
   * is retried like a 5xx and never recorded, a cached recording that fails it is fetched again.
   */
  async text(request: HttpRequest, check?: BodyCheck): Promise<RawResponse> {
    this.allow(request, "asked for");
    const key = requestKey(request);
    const response = this.mode === "replay" ? this.replay(request, key, check) : await this.live(request, key, check);
    this.responses.push(response);
    return response;
  }

  /** The body parsed as JSON and passed through `validate` (which throws on a shape it does not accept) before it is recorded. */
  async json<T = unknown>(request: HttpRequest, options: { validate?: (data: unknown, response: RawResponse) => void } = {}): Promise<{ data: T; response: RawResponse }> {
    let data: unknown;
    const response = await this.text(request, (r) => {
      data = parseJsonBody(r);
      options.validate?.(data, r);
    });
    return { data: data as T, response };
  }

  /** Throws unless the request's host is one its source may ask. */
  private allow(request: HttpRequest, how: string): void {
    if (!this.config.hosts) return; // an Http made by hand (tests) asks what it is told
    const host = new URL(request.url).host;
    const listed = this.config.hosts[request.source];
    if (listed) {
      if (!listed.includes(host)) throw new ForeignHostError(request, how, listed);
      return;
    }
    const pinned = this.pinnedHosts.get(request.source);
    if (pinned === undefined) this.pinnedHosts.set(request.source, host);
    else if (pinned !== host) throw new ForeignHostError(request, how, [pinned]);
  }

  private replay(request: HttpRequest, key: string, check?: BodyCheck): RawResponse {
    const dir = this.config.snapshotDir!;
    const recorded = recordingPath(dir, key);
    if (existsSync(recorded)) {
      const response = fromRecording(request, readRecording(recorded), recorded, "replayed");
      check?.(response);
      return response;
    }
    const found = this.config.catalog?.read(dir, key);
    if (found) {
      const response: RawResponse = {
        ...describe(request),
        status: 200,
        contentType: found.contentType,
        body: found.body,
        sha256: found.sha256,
        retrievedAt: null,
        origin: "replayed",
        recording: found.file
      };
      check?.(response);
      return response;
    }
    throw new ReplayMissError(request, key, dir);
  }

  private async live(request: HttpRequest, key: string, check?: BodyCheck): Promise<RawResponse> {
    const { recordDir } = this.config;
    const path = recordDir ? recordingPath(recordDir, key) : null;
    if (!path) return fromRecording(request, await this.fetchWithRetries(request, check), null, "live");
    const cached = this.fresh(request, path, check);
    if (cached) return cached;
    // Framework runs loaders as separate processes, several at once: the first to ask a request
    // fetches it while the others wait for its recording, so a rate-limited source is asked once.
    const unlock = await this.lock(request, path);
    try {
      const recorded = this.fresh(request, path, check);
      if (recorded) return recorded;
      // Checked before it is written: a bad body never becomes a recording that later runs trust.
      const recording = await this.fetchWithRetries(request, check);
      writeAtomically(path, JSON.stringify(recording, null, 1));
      return fromRecording(request, recording, path, "live");
    } finally {
      unlock();
    }
  }

  /** A recording younger than maxAgeMs that passes the check, or null (ask the server again). */
  private fresh(request: HttpRequest, path: string, check?: BodyCheck): RawResponse | null {
    if (!existsSync(path)) return null;
    let recording: Recording;
    try {
      recording = readRecording(path);
    } catch (error) {
      this.config.log(`  ${request.source}: ${(error as Error).message} Asking the server again.`);
      return null;
    }
    if (this.config.now().getTime() - Date.parse(recording.retrievedAt) >= this.config.maxAgeMs) return null;
    const response = fromRecording(request, recording, path, "cached");
    try {
      check?.(response);
    } catch (error) {
      this.config.log(`  ${request.source}: the recording ${path} no longer passes its check (${(error as Error).message}); asking the server again`);
      return null;
    }
    return response;
  }

  /**
   * Take `.locks/<recording>.lock`, which names the process holding it. A lock whose process is
   * gone (a killed build) is taken over at once; one from another machine, or without a pid, is
   * broken once it is older than one full request with retries.
   */
  private async lock(request: HttpRequest, path: string): Promise<() => void> {
    const { timeoutMs, retries, maxRetryMs, sleep, log } = this.config;
    // Beside recorded/, not in it: a failed request leaves no trace among the recordings.
    const lockPath = join(dirname(dirname(path)), ".locks", `${basename(path)}.lock`);
    const staleMs = timeoutMs * (retries + 1) * (MAX_REDIRECTS + 1) + maxRetryMs + 60_000;
    const owner = JSON.stringify({ pid: process.pid, host: hostname() });
    mkdirSync(dirname(lockPath), { recursive: true });
    for (let waited = 0; ; waited++) {
      try {
        const fd = openSync(lockPath, "wx");
        writeFileSync(fd, owner);
        closeSync(fd);
        return () => rmSync(lockPath, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      try {
        const holder = lockHolder(lockPath);
        if (holder === "gone" || Date.now() - statSync(lockPath).mtimeMs > staleMs) {
          log(`  ${request.source}: taking over the lock ${lockPath}: ${holder === "gone" ? "the process that took it has ended" : "it is older than any request can take"}`);
          unlinkSync(lockPath);
          continue;
        }
      } catch {
        continue; // released meanwhile
      }
      if (waited === 0) log(`  ${request.source}: another loader is fetching ${request.url}; waiting for its recording`);
      await sleep(250);
    }
  }

  private async fetchWithRetries(request: HttpRequest, check?: BodyCheck): Promise<Recording> {
    const { retries, backoffMs, maxRetryMs, sleep, log, now } = this.config;
    const method = request.method ?? "GET";
    let waitedMs = 0;
    for (let attempt = 0; ; attempt++) {
      let failure: string;
      let retryAfterMs: number | null = null;
      let retryable = true;
      try {
        const { response, url } = await this.fetchFollowing(request);
        const body = await response.text();
        if (response.ok) {
          const recording: Recording = {
            request: { method, url: request.url, body: request.body ?? null },
            status: response.status,
            contentType: response.headers.get("content-type") ?? "",
            retrievedAt: now().toISOString(),
            body
          };
          if (!check) return recording;
          try {
            check(fromRecording(request, recording, null, "live"));
            return recording;
          } catch (error) {
            // A truncated body or an HTML challenge page is as passing as a 503.
            failure = `HTTP ${response.status} with a body that fails its check (${(error as Error).message})`;
            if (url !== request.url) failure += ` after a redirect to ${url}`;
          }
        } else {
          failure = `HTTP ${response.status} ${response.statusText}`.trim();
          if (!RETRYABLE.has(response.status)) {
            retryable = false;
            throw new HttpError(
              `${request.source}: ${method} ${request.url} answered ${failure}${url !== request.url ? ` (redirected to ${url})` : ""}; not retried, nothing recorded. ` +
                `Check the URL and parameters in ${sourceModule(request.source)}.`,
              request.url,
              response.status
            );
          }
          retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now());
        }
      } catch (error) {
        if (!retryable || error instanceof HttpError || error instanceof ForeignHostError) throw error;
        const e = error as Error;
        failure = e.name === "TimeoutError" ? `no answer within ${this.config.timeoutMs} ms` : `${e.name}: ${e.message}`;
      }
      const bound = `${Math.round(maxRetryMs / 1000)} s of waiting per request (F9_MAX_RETRY_SECONDS)`;
      if (attempt >= retries) {
        throw new HttpError(
          `${request.source}: ${method} ${request.url} failed after ${attempt + 1} attempts in ${Math.round(waitedMs / 1000)} s of waiting (last: ${failure}); nothing was recorded. ` +
            `The retry bound is ${retries} retries and ${bound}. Check the network or the source's status, run again later, or build from recorded responses with F9_SNAPSHOTS=DIR.`,
          request.url,
          null
        );
      }
      const wait = retryAfterMs ?? backoffMs * 2 ** attempt;
      if (waitedMs + wait > maxRetryMs) {
        const asked = retryAfterMs !== null ? `the server asks to wait ${Math.ceil(retryAfterMs / 1000)} s (Retry-After)` : `the next retry would wait ${Math.ceil(wait / 1000)} s`;
        throw new HttpError(
          `${request.source}: ${method} ${request.url} failed (${failure}) and ${asked}, beyond the bound of ${bound}, ${Math.round(waitedMs / 1000)} s of it spent; nothing was recorded. ` +
            `Run again after ${new Date(now().getTime() + wait).toISOString()}, raise F9_MAX_RETRY_SECONDS, or build from recorded responses with F9_SNAPSHOTS=DIR.`,
          request.url,
          null
        );
      }
      log(`  ${request.source}: ${failure} for ${request.url}; retry ${attempt + 1}/${retries} in ${wait} ms`);
      waitedMs += wait;
      await sleep(wait);
    }
  }

  /** One fetch, following redirects by hand so that each one goes only to a host the source may ask. */
  private async fetchFollowing(request: HttpRequest): Promise<{ response: Response; url: string }> {
    const method = request.method ?? "GET";
    let url = request.url;
    for (let hop = 0; ; hop++) {
      const response = await this.config.fetch(this.wire(url), {
        method,
        redirect: "manual",
        headers: {
          accept: "application/json, text/html;q=0.9, */*;q=0.5",
          "user-agent": "falcon9-landing-lab (+https://github.com/) data loader",
          ...(request.body === undefined ? {} : { "content-type": "application/json" })
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.config.timeoutMs)
      });
      const location = response.headers.get("location");
      if (!REDIRECTS.has(response.status) || !location) return { response, url };
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw new HttpError(`${request.source}: ${method} ${request.url} redirects more than ${MAX_REDIRECTS} times (last to ${location}); nothing recorded.`, request.url, response.status);
      url = this.unwire(new URL(location, this.wire(url)).href);
      this.allow({ ...request, url }, `${method} ${request.url} redirects to`);
    }
  }

  /** The URL actually fetched: the stand-in server's, when one is configured. */
  private wire(url: string): string {
    const { standIn } = this.config;
    if (!standIn) return url;
    const u = new URL(url);
    return `${standIn.replace(/\/$/, "")}/${u.host}${u.pathname}${u.search}`;
  }

  /** The real URL a stand-in server's URL stands for. */
  private unwire(url: string): string {
    const { standIn } = this.config;
    if (!standIn) return url;
    const u = new URL(url);
    if (u.origin !== new URL(standIn).origin) return url;
    const [, host, ...rest] = u.pathname.split("/");
    return `https://${host}/${rest.join("/")}${u.search}`;
  }
}

/** Retry-After as seconds or as an HTTP date, in ms from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** "gone" when the lock names a process on this machine that has ended; "alive" otherwise (or unknown). */
function lockHolder(lockPath: string): "gone" | "alive" {
  let owner: { pid?: unknown; host?: unknown };
  try {
    owner = JSON.parse(readFileSync(lockPath, "utf8")) as typeof owner;
  } catch {
    return "alive"; // being written, or an older lock without an owner: left to the age rule
  }
  if (typeof owner.pid !== "number" || owner.host !== hostname()) return "alive";
  return processAlive(owner.pid) ? "alive" : "gone";
}

/** The body as JSON, or an error whose advice fits where the body came from. */
function parseJsonBody(response: RawResponse): unknown {
  try {
    return JSON.parse(response.body);
  } catch (error) {
    const tail = response.body.slice(-60).replace(/\s+/g, " ");
    const advice =
      response.origin === "live"
        ? "Nothing was recorded; the source may be serving an error or challenge page: open the URL in a browser, try again later, or build from recorded responses with F9_SNAPSHOTS=DIR."
        : response.recording && /\/recorded\/[0-9a-f]{32}\.json$/.test(response.recording)
          ? `The recording ${response.recording} is damaged: delete it and record it again with a live run (without F9_SNAPSHOTS).`
          : `The recorded file ${response.recording ?? "(unknown)"} is damaged: restore it from where the snapshot was copied (its directory's manifest.json and PROVENANCE.md say where).`;
    throw new ResponseFormatError(response, `a body that is not valid JSON (${response.body.length} characters, ending "${tail}"): ${(error as Error).message}. ${advice}`);
  }
}

/** Canonical request identity: method, URL with sorted query, canonical JSON body. */
export function requestKey(request: HttpRequest): string {
  const url = new URL(request.url);
  url.searchParams.sort();
  const body = request.body === undefined ? "" : " " + canonicalJson(request.body);
  return `${request.method ?? "GET"} ${url.href}${body}`;
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

export function recordingPath(dir: string, key: string): string {
  return join(dir, "recorded", `${sha256(key).slice(0, 32)}.json`);
}

/** Write to a sibling temp file, then rename: a reader never sees half a file. */
export function writeAtomically(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true }); // a full disk leaves no stray half-file
    throw error;
  }
}

function readRecording(path: string): Recording {
  let recording: Recording;
  try {
    recording = JSON.parse(readFileSync(path, "utf8")) as Recording;
  } catch (error) {
    throw new Error(`Recorded response ${path} is unreadable (${(error as Error).message}); delete it and record again.`);
  }
  if (typeof recording.body !== "string" || typeof recording.retrievedAt !== "string") {
    throw new Error(`Recorded response ${path} lacks body or retrievedAt; delete it and record again.`);
  }
  return recording;
}

function fromRecording(request: HttpRequest, recording: Recording, path: string | null, origin: Origin): RawResponse {
  return {
    ...describe(request),
    status: recording.status,
    contentType: recording.contentType,
    body: recording.body,
    sha256: sha256(recording.body),
    retrievedAt: recording.retrievedAt,
    origin,
    recording: path
  };
}

function describe(request: HttpRequest) {
  return { source: request.source, method: request.method ?? "GET", url: request.url, requestBody: request.body ?? null };
}
