// Where the project's source lives, for the links to it and its docs in the footer and the pages.
// Nothing in the project records it (no package.json field, and a fresh clone's remote is wherever
// it was cloned from), so it is read where a build knows it rather than guessed: F9_REPOSITORY_URL,
// else GitHub Actions' own variables (the deploy workflow), else the checkout's `origin` remote.
// With none of them, pages name the file without a link.
import { spawnSync } from "node:child_process";

/** The repository's web address (https://host/owner/name), or null when the build cannot tell. */
export function repositoryUrl(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | null {
  const configured = env.F9_REPOSITORY_URL?.trim();
  if (configured) return webUrl(configured);
  if (env.GITHUB_REPOSITORY && env.GITHUB_SERVER_URL) return webUrl(`${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}`);
  const remote = spawnSync("git", ["remote", "get-url", "origin"], { cwd, encoding: "utf8" });
  return remote.status === 0 ? webUrl(remote.stdout.trim()) : null;
}

/** A clone address as a browser opens it: git@host:owner/name.git and https://host/owner/name.git → https://host/owner/name. */
export function webUrl(address: string): string | null {
  const ssh = /^(?:ssh:\/\/)?git@([^:/]+)[:/](.+?)(?:\.git)?\/?$/.exec(address);
  if (ssh) return `https://${ssh[1]}/${ssh[2]}`;
  const https = /^https:\/\/(?:[^@/]+@)?([^/]+)\/(.+?)(?:\.git)?\/?$/.exec(address);
  return https ? `https://${https[1]}/${https[2]}` : null;
}
