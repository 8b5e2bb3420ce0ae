// The only module that touches the network. Every source asks for data through `Http`, which
// fetches live (recording each response) or replays recorded responses, so live and replayed
// runs go through the same parsing code.
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { SnapshotCatalog } from "./snapshot-catalog.ts";

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
  /** Live: reuse a recording younger than this instead of asking again (LL2 allows few requests an hour). */
  maxAgeMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  log?: (line: string) => void;
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

interface Recording {
  request: { method: string; url: string; body: unknown };
  status: number;
  contentType: string;
  retrievedAt: string;
  body: string;
}

const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

export class Http {
  readonly responses: RawResponse[] = [];
  readonly mode: "live" | "replay";
  /** Replay: the directory responses come from (named in the manifest's provenance). */
  readonly snapshotDir: string | null;
  private readonly config: Required<Omit<HttpConfig, "snapshotDir" | "recordDir" | "catalog">> & HttpConfig;

  constructor(config: HttpConfig) {
    if (config.mode === "replay" && !config.snapshotDir) throw new Error("Replay mode needs a snapshot directory (F9_SNAPSHOTS).");
    this.mode = config.mode;
    this.snapshotDir = config.snapshotDir ?? null;
    this.config = {
      timeoutMs: 30_000,
      retries: 4,
      backoffMs: 1_000,
      maxAgeMs: 6 * 3600_000,
      fetch: globalThis.fetch,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      now: () => new Date(),
      log: (line) => process.stderr.write(line + "\n"),
      ...config
    };
  }

  async text(request: HttpRequest): Promise<RawResponse> {
    const key = requestKey(request);
    const response = this.mode === "replay" ? this.replay(request, key) : await this.live(request, key);
    this.responses.push(response);
    return response;
  }

  async json<T = unknown>(request: HttpRequest): Promise<{ data: T; response: RawResponse }> {
    const response = await this.text(request);
    try {
      return { data: JSON.parse(response.body) as T, response };
    } catch (error) {
      const tail = response.body.slice(-60).replace(/\s+/g, " ");
      throw new ResponseFormatError(
        response,
        `a body that is not valid JSON (${response.body.length} characters, ending "${tail}"): ${(error as Error).message}. ` +
          `The response may be truncated; try again, or delete the recording ${response.recording ?? ""} and re-record it.`
      );
    }
  }

  private replay(request: HttpRequest, key: string): RawResponse {
    const dir = this.config.snapshotDir!;
    const recorded = recordingPath(dir, key);
    if (existsSync(recorded)) return fromRecording(request, readRecording(recorded), recorded, "replayed");
    const found = this.config.catalog?.read(dir, key);
    if (found) {
      return {
        ...describe(request),
        status: 200,
        contentType: found.contentType,
        body: found.body,
        sha256: found.sha256,
        retrievedAt: null,
        origin: "replayed",
        recording: found.file
      };
    }
    throw new ReplayMissError(request, key, dir);
  }

  private async live(request: HttpRequest, key: string): Promise<RawResponse> {
    const { recordDir } = this.config;
    const path = recordDir ? recordingPath(recordDir, key) : null;
    if (!path) return fromRecording(request, await this.fetchWithRetries(request), null, "live");
    const cached = this.fresh(request, path);
    if (cached) return cached;
    // Framework runs loaders as separate processes, several at once: the first to ask a request
    // fetches it while the others wait for its recording, so a rate-limited source is asked once.
    const unlock = await this.lock(request, path);
    try {
      const recorded = this.fresh(request, path);
      if (recorded) return recorded;
      const recording = await this.fetchWithRetries(request);
      writeAtomically(path, JSON.stringify(recording, null, 1));
      return fromRecording(request, recording, path, "live");
    } finally {
      unlock();
    }
  }

  /** A recording younger than maxAgeMs, or null. */
  private fresh(request: HttpRequest, path: string): RawResponse | null {
    if (!existsSync(path)) return null;
    const recording = readRecording(path);
    return this.config.now().getTime() - Date.parse(recording.retrievedAt) < this.config.maxAgeMs ? fromRecording(request, recording, path, "cached") : null;
  }

  /** Take `.locks/<recording>.lock`; a lock older than one full request with retries is a crashed run's and is broken. */
  private async lock(request: HttpRequest, path: string): Promise<() => void> {
    const { timeoutMs, retries, backoffMs, sleep, log } = this.config;
    // Beside recorded/, not in it: a failed request leaves no trace among the recordings.
    const lockPath = join(dirname(dirname(path)), ".locks", `${basename(path)}.lock`);
    const staleMs = (timeoutMs + Math.min(backoffMs * 2 ** retries, 5 * 60_000)) * (retries + 1) + 60_000;
    mkdirSync(dirname(lockPath), { recursive: true });
    for (let waited = 0; ; waited++) {
      try {
        const fd = openSync(lockPath, "wx");
        closeSync(fd);
        return () => unlinkSync(lockPath);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      try {
        if (Date.now() - statSync(lockPath).mtimeMs > staleMs) {
          log(`  ${request.source}: breaking a stale lock ${lockPath}`);
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

  private async fetchWithRetries(request: HttpRequest): Promise<Recording> {
    const { retries, backoffMs, timeoutMs, sleep, log, now } = this.config;
    const method = request.method ?? "GET";
    for (let attempt = 0; ; attempt++) {
      let failure: string;
      let retryAfterMs: number | null = null;
      try {
        const response = await this.config.fetch(request.url, {
          method,
          headers: {
            accept: "application/json, text/html;q=0.9, */*;q=0.5",
            "user-agent": "falcon9-landing-lab (+https://github.com/) data loader",
            ...(request.body === undefined ? {} : { "content-type": "application/json" })
          },
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          signal: AbortSignal.timeout(timeoutMs)
        });
        const body = await response.text();
        if (response.ok) {
          return {
            request: { method, url: request.url, body: request.body ?? null },
            status: response.status,
            contentType: response.headers.get("content-type") ?? "",
            retrievedAt: now().toISOString(),
            body
          };
        }
        failure = `HTTP ${response.status} ${response.statusText}`.trim();
        if (!RETRYABLE.has(response.status)) {
          throw new HttpError(
            `${request.source}: ${method} ${request.url} answered ${failure}; not retried. ` +
              `Check the URL and parameters in data-loaders/sources/${request.source}.ts.`,
            request.url,
            response.status
          );
        }
        const retryAfter = Number(response.headers.get("retry-after"));
        if (Number.isFinite(retryAfter) && retryAfter > 0) retryAfterMs = retryAfter * 1000;
      } catch (error) {
        if (error instanceof HttpError) throw error;
        const e = error as Error;
        failure = e.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : `${e.name}: ${e.message}`;
      }
      if (attempt >= retries) {
        throw new HttpError(
          `${request.source}: ${method} ${request.url} failed after ${attempt + 1} attempts (last: ${failure}). ` +
            `Check the network, or build from recorded responses with F9_SNAPSHOTS=DIR.`,
          request.url,
          null
        );
      }
      const wait = Math.min(retryAfterMs ?? backoffMs * 2 ** attempt, 5 * 60_000);
      log(`  ${request.source}: ${failure} for ${request.url}; retry ${attempt + 1}/${retries} in ${wait} ms`);
      await sleep(wait);
    }
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
  writeFileSync(temp, data);
  renameSync(temp, path);
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
