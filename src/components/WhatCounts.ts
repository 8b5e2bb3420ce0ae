// The "What counts" panel: every count of the site on one table, each line following from the
// lines above it (src/facts/counts.ts computes and checks them). Figures elsewhere link to a line.
import type { ReconciliationLine } from "../facts/counts.js";
import { html } from "./inputs.js";
import { keepWordsWhole } from "./ResultTable.js";

const anchor = (key: string) => `what-counts-${key}`;

/** A link to a count's line in the panel: on this page, or on the overview or Data page (`page`). */
export function factLink(key: string, text: string | Node, page = ""): HTMLAnchorElement {
  return html`<a href=${`${page}#${anchor(key)}`} title="What counts: how this figure is defined">${text}</a>` as unknown as HTMLAnchorElement;
}

export function WhatCounts(lines: readonly ReconciliationLine[], { id, note }: { id: string; note?: Node | string }): HTMLDetailsElement {
  const [launches, , attempts, , , , forecast] = lines;
  const details = html`<details class="what-counts" id=${id}>
    <summary><strong>What counts</strong>: ${launches?.value} launches, ${attempts?.value} landing attempts${forecast ? `, ${forecast.value} forecast` : ""}: how each follows from the last</summary>
    <div class="scroll-box"><table class="numbers">
      <thead><tr><th>Count</th><th class="number">Number</th><th>How it follows</th><th>Definition</th></tr></thead>
      <tbody>${lines.map((l) => html`<tr id=${anchor(l.key)}><td>${l.label}</td><td class="number" data-fact=${l.key}>${l.value}</td><td>${l.equation}</td><td class="muted">${l.definition}</td></tr>`)}</tbody>
    </table></div>${note ?? ""}
  </details>` as unknown as HTMLDetailsElement;
  keepWordsWhole(details);
  // A link to one of the lines opens the panel at it.
  const open = () => {
    const target = location.hash.slice(1);
    if (target.startsWith("what-counts")) {
      details.open = true;
      details.querySelector(`#${CSS.escape(target)}`)?.scrollIntoView({ block: "center" });
    }
  };
  addEventListener("hashchange", open);
  queueMicrotask(open);
  return details;
}
