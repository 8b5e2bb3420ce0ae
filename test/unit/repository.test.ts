import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { repositoryUrl, webUrl } from "../../data-loaders/repository.ts";
import { repositoryFile } from "../../src/components/links.ts";

describe("the repository's address", () => {
  it("turns clone addresses into web addresses, and refuses what is not one", () => {
    assert.equal(webUrl("git@github.com:owner/lab.git"), "https://github.com/owner/lab");
    assert.equal(webUrl("ssh://git@github.com/owner/lab.git"), "https://github.com/owner/lab");
    assert.equal(webUrl("https://token@github.com/owner/lab.git"), "https://github.com/owner/lab");
    assert.equal(webUrl("https://gitlab.example.org/group/sub/lab/"), "https://gitlab.example.org/group/sub/lab");
    assert.equal(webUrl("/srv/git/lab.git"), null);
    assert.equal(webUrl("file:///srv/git/lab"), null);
  });

  it("takes F9_REPOSITORY_URL, then GitHub Actions' variables, then the origin remote, else none", () => {
    const dir = mkdtempSync(join(tmpdir(), "f9-repo-"));
    try {
      spawnSync("git", ["init", "-q", dir]);
      assert.equal(repositoryUrl({}, dir), null, "no remote: no address, never a guess");
      spawnSync("git", ["-C", dir, "remote", "add", "origin", "git@github.com:owner/lab.git"]);
      assert.equal(repositoryUrl({}, dir), "https://github.com/owner/lab");
      assert.equal(repositoryUrl({ GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "ci/lab" }, dir), "https://github.com/ci/lab");
      assert.equal(repositoryUrl({ F9_REPOSITORY_URL: "https://example.org/me/lab", GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "ci/lab" }, dir), "https://example.org/me/lab");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("links a docs file only where there is an address", () => {
    assert.equal(repositoryFile("https://github.com/owner/lab", "docs/model.md"), "https://github.com/owner/lab/blob/HEAD/docs/model.md");
    assert.equal(repositoryFile(null, "docs/model.md"), null);
  });
});
