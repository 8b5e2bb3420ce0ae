// A static server for dist/ on 127.0.0.1, as a static host would serve it: clean URLs map to
// .html files, and unknown paths answer 404. Every response carries deploy/security.ts's
// Content-Security-Policy header, as nginx sends it: a page's <meta> does not reach its workers,
// so this is what holds the training and DuckDB workers to the policy in the browser tests.
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { securityHeaders } from "../../deploy/security.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".parquet": "application/vnd.apache.parquet",
  ".csv": "text/csv",
  ".txt": "text/plain"
};

export interface StaticSite {
  origin: string;
  close(): Promise<void>;
}

/** Called once per file served, with its URL path and size: the server's own request log. */
export type ServeListener = (path: string, bytes: number) => void;

// What deploy/nginx.conf compresses (gzip_types; HTML always), and its threshold.
const COMPRESSED = new Set([".html", ".css", ".js", ".json", ".wasm", ".svg", ".csv", ".txt"]);
const GZIP_MIN_LENGTH = 1024;

/**
 * `gzip`: answer as deploy/nginx.conf does, the .gz beside a file when there is one (gzip_static),
 * else compressed on the fly, to a request that accepts gzip. Off by default: the tests and the
 * bench's byte counts read files as they are.
 */
export async function serveStatic(root: string, onServe?: ServeListener, { gzip = false } = {}): Promise<StaticSite> {
  const base = resolve(root);
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    let file = normalize(join(base, path));
    if (!file.startsWith(base)) return void response.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    else if (!existsSync(file) && existsSync(file + ".html")) file += ".html";
    if (!existsSync(file)) return void response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-security-policy": securityHeaders["Content-Security-Policy"]! };
    onServe?.(path, statSync(file).size);
    if (gzip && COMPRESSED.has(extname(file)) && /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? "")) && (extname(file) === ".html" || statSync(file).size >= GZIP_MIN_LENGTH)) {
      const body = existsSync(file + ".gz") ? readFileSync(file + ".gz") : gzipSync(readFileSync(file), { level: 6 });
      return void response.writeHead(200, { ...headers, "content-encoding": "gzip", vary: "Accept-Encoding" }).end(body);
    }
    response.writeHead(200, headers);
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done()))
  };
}
