// deploy/nginx.conf in Debian's nginx over a tiny site written here (no site build needed):
// dotfiles, the redirect's host, the 404 page's own URLs, and precompressed files.
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { projectRoot } from "../../data-loaders/config.ts";
import { freePort } from "../support/ports.ts";
import { finishBuild } from "../../scripts/finish-build.ts";
import { tempDir } from "./support.ts";

const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("kind 10: the server config", () => {
  const dir = tempDir("f9-nginx-fault-");
  const root = join(dir, "site");
  let nginx: ChildProcess | undefined;
  let httpPort = 0;
  let sitePort = 0;
  const site = readFileSync(join(projectRoot, "deploy", "nginx.conf"), "utf8");
  const serverName = /^\s*server_name\s+(\S+);/m.exec(site)![1]!;

  before(async () => {
    assert.ok(existsSync(NGINX), `${NGINX} not found: apt-get install nginx-light, or set NGINX_PATH`);
    mkdirSync(join(root, "_npm"), { recursive: true });
    writeFileSync(join(root, "index.html"), "<!doctype html><title>Home</title>");
    writeFileSync(join(root, "404.html"), "<!doctype html><h1>Page not found</h1>");
    writeFileSync(join(root, ".env"), "SECRET=1\n");
    writeFileSync(join(root, "_npm", "app.0123abcd.js"), "export const x = 1;\n".repeat(2000));
    finishBuild(root);
    chmodSync(dir, 0o755); // nginx's workers run as another user

    [httpPort, sitePort] = [await freePort(), await freePort()];
    // The TLS server is served here over plain HTTP: what is checked does not depend on TLS.
    const conf = site
      .replace(/^\s*listen \[::\]:(80|443 ssl http2);\n/gm, "")
      .replace("listen 80;", `listen 127.0.0.1:${httpPort};`)
      .replace("listen 443 ssl http2;", `listen 127.0.0.1:${sitePort};`)
      .replace(/^\s*ssl_\w+\s+[^;]+;\n/gm, "")
      .replace(/^\s*root \S+;/m, `    root ${root};`)
      .replace(/^\s*add_header Strict-Transport-Security[^\n]*\n/m, "");
    const path = join(dir, "nginx.conf");
    writeFileSync(path, `worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 16; }
http { include /etc/nginx/mime.types; default_type application/octet-stream; access_log off;
  client_body_temp_path ${dir}/cb; proxy_temp_path ${dir}/p; fastcgi_temp_path ${dir}/f; uwsgi_temp_path ${dir}/u; scgi_temp_path ${dir}/s;
${conf}
}`);
    const check = spawnSync(NGINX, ["-t", "-p", dir, "-e", join(dir, "error.log"), "-c", path], { encoding: "utf8" });
    assert.equal(check.status, 0, check.stderr);
    nginx = spawn(NGINX, ["-p", dir, "-e", join(dir, "error.log"), "-c", path, "-g", "daemon off;"], { stdio: "ignore" });
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((done) => {
        const s = connect(sitePort, "127.0.0.1", () => (s.end(), done(true)));
        s.on("error", () => done(false));
      });
      if (up) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  after(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((done) => nginx!.once("exit", done));
      nginx.kill("SIGTERM");
      await exited;
    }
  });

  it("denies a planted dotfile with a 404 that shows nothing of it", async () => {
    const reply = await get(sitePort, "/.env");
    assert.equal(reply.status, 404);
    assert.doesNotMatch(reply.body.toString(), /SECRET/);
    assert.match(reply.body.toString(), /Page not found/);
  });

  it("redirects to the configured server name, never the Host the client sent", async () => {
    const reply = await get(httpPort, "/x?y=1", { host: "evil.example" });
    assert.equal(reply.status, 301);
    assert.equal(reply.headers["location"], `https://${serverName}/x?y=1`);
  });

  it("answers /404 and /404.html with 404", async () => {
    for (const path of ["/404", "/404.html"]) assert.equal((await get(sitePort, path)).status, 404, path);
  });

  it("sends the precompressed .gz as it is on disk", async () => {
    const reply = await get(sitePort, "/_npm/app.0123abcd.js", { "accept-encoding": "gzip" });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers["content-encoding"], "gzip");
    assert.deepEqual(reply.body, readFileSync(join(root, "_npm", "app.0123abcd.js.gz")));
  });
});
