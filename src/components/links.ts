// Links to the project's repository and its docs. The address comes from the build
// (data-loaders/repository.ts: data/repository.json for pages, the config's footer); where the build
// knew none, a docs file is named without a link rather than pointed at a guessed address.

/** A file of the repository (docs/model.md…) as GitHub shows it; null with no repository. */
export function repositoryFile(repository: string | null, path: string): string | null {
  return repository ? `${repository}/blob/HEAD/${path}` : null;
}

/** A docs file as a link to the repository where the build knew it, else its path in code. */
export function docLink(repository: string | null, path: string): HTMLElement {
  const code = document.createElement("code");
  code.textContent = path;
  const href = repositoryFile(repository, path);
  if (!href) return code;
  const a = document.createElement("a");
  a.href = href;
  a.append(code);
  return a;
}
