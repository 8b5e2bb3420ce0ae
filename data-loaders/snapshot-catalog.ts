// The shared snapshots were copied from other people's repositories, so they are named by what
// they hold, not by the request that produced them. The catalog says which request each file
// answers and how to restore the API's own envelope where the copier changed it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { requestKey, sha256, type HttpRequest } from "./http.ts";
import { parseJson } from "./validate.ts";

/**
 * How a recorded file relates to the live response body:
 * - "as-is": the file is the body.
 * - "docs": the file is the `docs` array of a paginated query response.
 * - "data-docs": the file wraps the `docs` array as `{data: [...]}`.
 * - "all-pages": the file is every page of a paged list, concatenated into the first page's
 *   `results`; replay clears `next` so the pager does not ask for pages the file already holds.
 */
export type Envelope = "as-is" | "docs" | "data-docs" | "all-pages";

export interface CatalogEntry {
  request: HttpRequest;
  /** Path relative to the snapshot directory. */
  file: string;
  envelope?: Envelope;
  contentType?: string;
}

export interface CatalogHit {
  file: string;
  body: string;
  /** SHA-256 of the recorded file's bytes, as listed in the snapshot manifest. */
  sha256: string;
  contentType: string;
}

export class SnapshotCatalog {
  private readonly byKey = new Map<string, CatalogEntry>();

  constructor(entries: CatalogEntry[]) {
    for (const entry of entries) {
      const key = requestKey(entry.request);
      if (this.byKey.has(key)) throw new Error(`Snapshot catalog lists ${key} twice.`);
      this.byKey.set(key, entry);
    }
  }

  get entries(): CatalogEntry[] {
    return [...this.byKey.values()];
  }

  read(dir: string, key: string): CatalogHit | null {
    const entry = this.byKey.get(key);
    if (!entry) return null;
    const file = join(dir, entry.file);
    if (!existsSync(file)) return null;
    const bytes = readFileSync(file);
    const text = bytes.toString("utf8");
    return {
      file,
      body: restoreEnvelope(text, entry.envelope ?? "as-is", file),
      sha256: sha256(bytes),
      contentType: entry.contentType ?? "application/json"
    };
  }
}

function restoreEnvelope(text: string, envelope: Envelope, file: string): string {
  if (envelope === "as-is") return text;
  const parsed = parseJson(text, `Snapshot ${file} (envelope ${envelope}; restore the file from where it was copied, see PROVENANCE.md)`);
  if (envelope === "all-pages") {
    if (!parsed || typeof parsed !== "object" || !Array.isArray((parsed as { results?: unknown }).results)) {
      throw new Error(`Snapshot ${file} should hold a paged list with a results array (all-pages) but does not.`);
    }
    return JSON.stringify({ ...(parsed as object), next: null });
  }
  const docs = envelope === "docs" ? parsed : (parsed as { data?: unknown }).data;
  if (!Array.isArray(docs)) throw new Error(`Snapshot ${file} should hold a docs array (${envelope}) but does not.`);
  return JSON.stringify({ docs, totalDocs: docs.length, limit: docs.length, page: 1, totalPages: 1, hasNextPage: false, nextPage: null });
}
