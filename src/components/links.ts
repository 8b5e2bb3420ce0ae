// Where the project lives. No repository URL is recorded anywhere in the project (package.json,
// README, workflow, git remote), so this is the one place to set it; the footer and every page's
// "docs/…" link use it.
export const REPOSITORY_URL = "https://github.com/falcon9-landing-lab/falcon9-landing-lab";

/** A file of the repository (docs/model.md…), as GitHub shows it. */
export function repositoryFile(path: string): string {
  return `${REPOSITORY_URL}/blob/main/${path}`;
}
