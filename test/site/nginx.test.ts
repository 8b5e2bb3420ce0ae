// deploy/nginx.conf for real: Debian's nginx serves the built dist/ over TLS on 127.0.0.1, and real
// requests check headers, types, caching and compression; then every page loads through it in
// Chromium. Only the install-specific lines (listen, certificate, root) are swapped.
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, before, describe, it } from "node:test";
import { gunzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { projectRoot } from "../../data-loaders/config.ts";
import { freePort } from "../support/ports.ts";
import { contentSecurityPolicy, securityHeaders } from "../../deploy/security.ts";
import { launchBrowser, watchPage } from "../support/browser.ts";
import { DIST, filesUnder } from "../support/site.ts";

const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
const SITE_CONF = join(projectRoot, "deploy", "nginx.conf");
const IMMUTABLE = "public, max-age=31536000, immutable";
const HASHED_DIRS = ["_observablehq", "_file", "_node", "_import", "_npm"];

/** Replace a line of the site config, insisting it is there: if the file changes shape, say so. */
function swap(conf: string, pattern: RegExp, replacement: string): string {
  const matches = conf.match(new RegExp(pattern.source, "gm"))?.length ?? 0;
  assert.equal(matches, 1, `deploy/nginx.conf should have ${pattern} once, has it ${matches} times: update the test's swaps to its new layout`);
  return conf.replace(pattern, replacement);
}

/** The site config as a temporary install: ports on 127.0.0.1, a throwaway certificate, root = dist/. */
function testServerConf(site: string, dir: string, httpPort: number, httpsPort: number): string {
  let conf = site;
  conf = swap(conf, /^\s*listen \[::\]:80;\n/m, "");
  conf = swap(conf, /^\s*listen \[::\]:443 ssl http2;\n/m, "");
  conf = swap(conf, /listen 80;/m, `listen 127.0.0.1:${httpPort};`);
  conf = swap(conf, /listen 443 ssl http2;/m, `listen 127.0.0.1:${httpsPort} ssl http2;`);
  conf = swap(conf, /ssl_certificate\s+\S+;/m, `ssl_certificate ${join(dir, "cert.pem")};`);
  conf = swap(conf, /ssl_certificate_key\s+\S+;/m, `ssl_certificate_key ${join(dir, "key.pem")};`);
  conf = swap(conf, /^\s*root \S+;/m, `    root ${DIST};`);
  return `worker_processes 1;
pid ${join(dir, "nginx.pid")};
error_log ${join(dir, "error.log")} notice;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log ${join(dir, "access.log")};
    client_body_temp_path ${join(dir, "client_body")};
    proxy_temp_path ${join(dir, "proxy")};
    fastcgi_temp_path ${join(dir, "fastcgi")};
    uwsgi_temp_path ${join(dir, "uwsgi")};
    scgi_temp_path ${join(dir, "scgi")};
${conf}
}
`;
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request, bytes as sent (no decompression), certificate not checked (it is self-signed). */
function get(origin: string, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  const send = origin.startsWith("https:") ? request : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(origin + path, { headers, rejectUnauthorized: false, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

function decoded(reply: Reply): Buffer {
  return reply.headers["content-encoding"] === "gzip" ? gunzipSync(reply.body) : reply.body;
}

/** The add_header lines of deploy/nginx.conf, name → value. */
function confHeaders(site: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [, name, value] of site.matchAll(/^\s*add_header\s+(\S+)\s+"([^"]*)"\s+always;/gm)) headers[name!] = value!;
  return headers;
}

describe("nginx serving dist/ with deploy/nginx.conf", () => {
  const dir = mkdtempSync(join(tmpdir(), "f9-nginx-"));
  const site = readFileSync(SITE_CONF, "utf8");
  let nginx: ChildProcess | undefined;
  let origin = "";
  let httpOrigin = "";
  let browser: Browser | undefined;
  const stop = () => {
    if (nginx && nginx.exitCode === null && nginx.signalCode === null) nginx.kill("SIGTERM");
  };
  process.on("exit", stop);

  before(async () => {
    assert.ok(existsSync(NGINX), `${NGINX} not found: install Debian's nginx (apt-get install nginx-light) or set NGINX_PATH.`);
    assert.ok(existsSync(join(DIST, "index.html")), "dist/ is not built: run `F9_SNAPSHOTS=../shared/snapshots npm run build` or `npm test`.");
    const cert = spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
      "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], { encoding: "utf8" });
    assert.equal(cert.status, 0, `openssl could not make a test certificate: ${cert.stderr}`);
    const [httpPort, httpsPort] = [await freePort(), await freePort()];
    const confPath = join(dir, "nginx.conf");
    writeFileSync(confPath, testServerConf(site, dir, httpPort, httpsPort));
    const check = spawnSync(NGINX, ["-t", "-p", dir, "-e", join(dir, "error.log"), "-c", confPath], { encoding: "utf8" });
    assert.equal(check.status, 0, `nginx -t rejects the configuration:\n${check.stderr}`);
    nginx = spawn(NGINX, ["-p", dir, "-e", join(dir, "error.log"), "-c", confPath, "-g", "daemon off;"], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    nginx.stderr!.on("data", (chunk) => (stderr += chunk));
    // Ready when it accepts connections; if it exits first, its error log says why.
    for (;;) {
      if (nginx.exitCode !== null) assert.fail(`nginx exited with ${nginx.exitCode}:\n${stderr}\n${readFileSync(join(dir, "error.log"), "utf8")}`);
      const up = await new Promise<boolean>((done) => {
        const socket = connect(httpsPort, "127.0.0.1", () => (socket.end(), done(true)));
        socket.on("error", () => done(false));
      });
      if (up) break;
      await new Promise((wait) => setTimeout(wait, 50));
    }
    origin = `https://127.0.0.1:${httpsPort}`;
    httpOrigin = `http://127.0.0.1:${httpPort}`;
  });

  after(async () => {
    await browser?.close();
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((done) => nginx!.once("exit", done));
      stop();
      await exited;
    }
    process.off("exit", stop);
    rmSync(dir, { recursive: true, force: true });
  });

  it("sends the security headers of deploy/security.ts, the CSP the pages carry", () => {
    assert.deepEqual(confHeaders(site), securityHeaders, "deploy/nginx.conf's add_header lines are deploy/security.ts's headers");
    for (const file of filesUnder(DIST).filter((f) => f.endsWith(".html"))) {
      const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(readFileSync(file, "utf8"))?.[1];
      assert.equal(meta?.replaceAll("&#39;", "'").replaceAll("&apos;", "'"), contentSecurityPolicy, `${relative(DIST, file)}'s <meta> CSP is deploy/security.ts's policy`);
      assert.doesNotMatch(meta!, /'unsafe-eval'/, `${relative(DIST, file)} allows eval`);
    }
  });

  it("serves pages at clean URLs as uncached, compressed HTML with every security header", async () => {
    const pages = filesUnder(DIST).filter((f) => f.endsWith(".html") && !f.endsWith("404.html"));
    assert.ok(pages.length > 0);
    for (const file of pages) {
      const path = "/" + relative(DIST, file).replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "");
      const reply = await get(origin, path, { "accept-encoding": "gzip" });
      assert.equal(reply.status, 200, path);
      assert.equal(reply.headers["content-type"], "text/html; charset=utf-8", path);
      assert.equal(reply.headers["cache-control"], "no-cache", path);
      assert.equal(reply.headers["content-encoding"], "gzip", path);
      assert.equal(reply.headers["vary"], "Accept-Encoding", path);
      assert.ok(reply.headers["etag"], `${path} has an ETag, so no-cache revalidates cheaply`);
      for (const [name, value] of Object.entries(securityHeaders)) assert.equal(reply.headers[name.toLowerCase()], value, `${name} on ${path}`);
      assert.deepEqual(decoded(reply), readFileSync(file), path);
      assert.equal(reply.headers["server"], "nginx", "no version in the Server header");
    }
  });

  it("caches hashed and versioned assets for a year, and only those", async () => {
    const assets = filesUnder(DIST).filter((f) => HASHED_DIRS.some((d) => relative(DIST, f).startsWith(d + "/")));
    // `immutable` is only true if a changed file gets a new name: a content hash, or a package version.
    for (const file of assets) {
      const path = relative(DIST, file);
      assert.match(path.replace(/\.gz$/, ""), /\.[0-9a-f]{8}\.[a-z]+$|^_node\/(@[^/]+\/)?[^/@]+@\d[^/]*\//, `${path} is cached as immutable but has neither a hash nor a version in its name`);
    }
    for (const prefix of HASHED_DIRS.filter((d) => existsSync(join(DIST, d)))) {
      const file = assets.find((f) => relative(DIST, f).startsWith(prefix + "/"))!;
      const reply = await get(origin, "/" + relative(DIST, file));
      assert.equal(reply.status, 200, file);
      assert.equal(reply.headers["cache-control"], IMMUTABLE, file);
    }
    // Unhashed files change from build to build under one name: always revalidated.
    for (const path of ["/favicon.ico", "/build-log.json", "/build-history.json"]) {
      const reply = await get(origin, path);
      assert.equal(reply.status, 200, path);
      assert.equal(reply.headers["cache-control"], "no-cache", path);
    }
  });

  it("gives WASM, Parquet, JavaScript and JSON their types, compressing all but Parquet", async () => {
    const files = filesUnder(DIST).map((f) => relative(DIST, f));
    const expect = [
      { ext: ".wasm", type: "application/wasm", gzip: true },
      { ext: ".parquet", type: "application/vnd.apache.parquet", gzip: false },
      { ext: ".js", type: "application/javascript", gzip: true },
      { ext: ".json", type: "application/json", gzip: true },
      { ext: ".css", type: "text/css", gzip: true }
    ];
    for (const { ext, type, gzip } of expect) {
      const path = files.filter((f) => f.endsWith(ext)).sort((a, b) => statSync(join(DIST, b)).size - statSync(join(DIST, a)).size)[0];
      assert.ok(path, `dist/ has no ${ext} file`);
      const reply = await get(origin, "/" + path, { "accept-encoding": "gzip" });
      assert.equal(reply.status, 200, path);
      assert.equal(reply.headers["content-type"]?.replace(/; charset=utf-8$/, ""), type, path);
      // Below 1 kB (gzip_min_length) compression does not pay for its header.
      const compress = gzip && statSync(join(DIST, path)).size >= 1024;
      assert.equal(reply.headers["content-encoding"], compress ? "gzip" : undefined, path);
      assert.deepEqual(decoded(reply), readFileSync(join(DIST, path)), path);
      if (compress) assert.ok(reply.body.length < statSync(join(DIST, path)).size, `${path} is smaller compressed`);
    }
    // Readers fetch Parquet footers by byte range.
    const parquet = files.find((f) => f.endsWith(".parquet"))!;
    const range = await get(origin, "/" + parquet, { range: "bytes=-8" });
    assert.equal(range.status, 206);
    assert.equal(range.body.subarray(4).toString(), "PAR1");
  });

  it("answers an unknown path with the site's 404 page, and plain HTTP with a redirect to HTTPS", async () => {
    const missing = await get(origin, "/no/such/page");
    assert.equal(missing.status, 404);
    assert.equal(missing.headers["content-type"], "text/html; charset=utf-8");
    assert.match(missing.body.toString(), /Page not found/);
    assert.equal(missing.headers["cache-control"], "no-cache");
    assert.equal(missing.headers["content-security-policy"], securityHeaders["Content-Security-Policy"]);
    // The redirect goes to the configured server name, whatever Host the client sent.
    const serverName = /^\s*server_name\s+(\S+);/m.exec(site)![1]!;
    for (const host of [undefined, "evil.example"]) {
      const plain = await get(httpOrigin, "/report?x=1", host ? { host } : {});
      assert.equal(plain.status, 301);
      assert.equal(plain.headers["location"], `https://${serverName}/report?x=1`, `redirect with Host ${host ?? "127.0.0.1"}`);
    }
    // The 404 page answers 404 under every name it has.
    for (const path of ["/404", "/404.html"]) {
      const reply = await get(origin, path);
      assert.equal(reply.status, 404, path);
      assert.match(reply.body.toString(), /Page not found/, path);
    }
  });

  it("denies dotfiles with a 404, whatever they hold", async () => {
    const planted = [join(DIST, ".env"), join(DIST, ".git")];
    writeFileSync(planted[0]!, "SECRET=1\n");
    mkdirSync(planted[1]!, { recursive: true });
    writeFileSync(join(planted[1]!, "config"), "[core]\n");
    try {
      for (const path of ["/.env", "/.git/config", "/_file/.env", "/.git/"]) {
        const reply = await get(origin, path);
        assert.equal(reply.status, 404, path);
        assert.doesNotMatch(reply.body.toString(), /SECRET|\[core\]/, path);
        assert.equal(reply.headers["content-security-policy"], securityHeaders["Content-Security-Policy"], `${path} keeps the security headers`);
      }
    } finally {
      for (const p of planted) rmSync(p, { recursive: true, force: true });
    }
  });

  it("serves the precompressed .gz that finish-build wrote, byte for byte, for WASM and large assets", async () => {
    const gz = filesUnder(DIST).filter((f) => f.endsWith(".gz"));
    assert.ok(gz.some((f) => f.endsWith(".wasm.gz")), "dist/ has a precompressed WASM file");
    for (const ext of [".wasm", ".js", ".css"]) {
      const file = gz.filter((f) => f.endsWith(`${ext}.gz`)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
      assert.ok(file, `dist/ has a precompressed ${ext} file`);
      const original = file.slice(0, -".gz".length);
      assert.deepEqual(gunzipSync(readFileSync(file)), readFileSync(original), `${file} is ${original}, compressed`);
      const path = "/" + relative(DIST, original);
      const reply = await get(origin, path, { "accept-encoding": "gzip" });
      assert.equal(reply.status, 200, path);
      assert.equal(reply.headers["content-encoding"], "gzip", path);
      assert.deepEqual(reply.body, readFileSync(file), `${path} is sent as the .gz file on disk (gzip_static), not compressed anew`);
      const plain = await get(origin, path);
      assert.deepEqual(plain.body, readFileSync(original), `${path} without gzip is the file itself`);
    }
  });

  it("loads every page in Chromium through nginx with no error and no outside request", async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 } });
    const pages = filesUnder(DIST).filter((f) => f.endsWith(".html") && !f.endsWith("404.html"));
    for (const file of pages) {
      const path = "/" + relative(DIST, file).replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "");
      const page = await context.newPage();
      const watch = watchPage(page);
      const response = await page.goto(origin + path, { waitUntil: "networkidle" });
      assert.equal(response?.status(), 200, path);
      assert.ok(await page.$("#observablehq-main"), `${path} rendered Framework's main element`);
      assert.deepEqual(watch.problems, [], `${path} through nginx`);
      await page.close();
    }
    // The 404 page keeps its styles and scripts at any depth (Framework gives it <base href="/">).
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(origin + "/deep/missing/page", { waitUntil: "networkidle" });
    assert.match(await page.locator("h1").first().innerText(), /Page not found/);
    assert.deepEqual(watch.problems, [
      `HTTP 404 for ${origin}/deep/missing/page`,
      "console error: Failed to load resource: the server responded with a status of 404 ()"
    ]);
    await context.close();
  });
});
