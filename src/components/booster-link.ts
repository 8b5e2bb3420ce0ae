// Every chart, table and sentence that names a booster links to its history (src/booster.md) through
// these two functions, so the address is spelled in one place. The path is relative, as every link
// between the site's pages is: the site may be served under a base path (docs/deploying.md).
import { html } from "./inputs.js";

/** The booster page for one serial: ./booster?booster=B1062. */
export function boosterHref(serial: string): string {
  return `./booster?booster=${encodeURIComponent(serial)}`;
}

/** A booster's serial as a link to its history; a missing serial stays plain text (`missing`). */
export function boosterLink(serial: string | null | undefined, missing = "—"): HTMLElement | string {
  if (serial === null || serial === undefined || serial === "") return missing;
  return html`<a class="booster-link" href=${boosterHref(serial)} title=${`${serial}: every flight of this booster`}>${serial}</a>` as unknown as HTMLElement;
}
