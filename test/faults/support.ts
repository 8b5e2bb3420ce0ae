// Shared by the fault-injection suite: copies of the recordings to damage, the CLI as a user runs
// it, trees hashed byte for byte, and a loopback server standing in for the sources.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after } from "node:test";
import { projectRoot } from "../../data-loaders/config.ts";
import { SNAPSHOTS } from "../support/snapshots.ts";

const dirs: string[] = [];
after(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

export function tempDir(prefix = "f9-fault-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A throwaway copy of the shared recordings, to damage one file of. */
export function copyOfSnapshots(): string {
  const dir = join(tempDir("f9-snap-"), "snapshots");
  cpSync(SNAPSHOTS, dir, { recursive: true });
  return dir;
}

export interface Run {
  status: number | null;
  stderr: string;
}

/** `npm run data -- ARGS` as a subprocess, with the given environment on top of this one's. */
export function runCli(args: string[], env: Record<string, string>, wrap?: string): Run {
  const command = [process.execPath, "--import", "tsx", join(projectRoot, "data-loaders/cli.ts"), ...args];
  const result = wrap
    ? spawnSync("bash", ["-c", `${wrap} exec "$@"`, "bash", ...command], { cwd: projectRoot, env: { ...process.env, ...env }, encoding: "utf8" })
    : spawnSync(command[0]!, command.slice(1), { cwd: projectRoot, env: { ...process.env, ...env }, encoding: "utf8" });
  return { status: result.status, stderr: result.stderr };
}

/** Every file under dir (dotfiles included), path → sha256: equal trees are byte-identical. */
export function tree(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

/** Names in dir that look like a temporary file or directory of ours. */
export function strays(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((n) => /\.(partial|previous)-\d+$|\.tmp$/.test(n)) : [];
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** An HTTP server on 127.0.0.1 only, closed after the test file. */
export async function loopback(handler: Handler): Promise<{ origin: string; server: Server; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c));
    req.on("end", () => {
      hits.push(req.url ?? "");
      handler(req, res, body);
    });
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  after(() => new Promise<void>((done) => server.close(() => done())));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, hits };
}
