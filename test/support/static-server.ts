// A static server for dist/ on 127.0.0.1, as a static host would serve it: clean URLs map to
// .html files, and unknown paths answer 404. Every response carries deploy/security.ts's
// Content-Security-Policy header, as nginx sends it: a page's <meta> does not reach its workers,
// so this is what holds the training and DuckDB workers to the policy in the browser tests.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";
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

export async function serveStatic(root: string, onServe?: ServeListener): Promise<StaticSite> {
  const base = resolve(root);
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    let file = normalize(join(base, path));
    if (!file.startsWith(base)) return void response.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    else if (!existsSync(file) && existsSync(file + ".html")) file += ".html";
    if (!existsSync(file)) return void response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-security-policy": securityHeaders["Content-Security-Policy"]! });
    onServe?.(path, statSync(file).size);
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done()))
  };
}
