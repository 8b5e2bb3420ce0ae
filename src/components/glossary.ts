// The one place each piece of jargon the pages use is explained (issue 19). A page marks a word's
// first use with glossed(); the lab page renders the whole list as a collapsible panel, so a reader
// with no hover (a touch screen) can follow the link and read the same sentence.
import { html } from "./inputs.js";

export interface GlossaryEntry {
  term: string;
  gloss: string;
}

export const GLOSSARY = {
  prequential: { term: "Prequential (month by month)", gloss: "Each month's landings are predicted by a model trained only on the landings before that month, so no forecast ever saw its own answer." },
  laplace: { term: "Laplace-smoothed", gloss: "One imagined landing and one imagined failure are added to the counts, so a rate is never exactly certain and one surprise never costs an infinite penalty." },
  pairedBootstrap: { term: "Paired bootstrap", gloss: "Launches are redrawn at random, with repeats, many times; both forecasts are rescored on the same draw each time, and the spread of their difference gives its interval." },
  logLoss: { term: "Log loss", gloss: "The average of −log(probability the forecast gave to what actually happened): lower is better, and a confident miss costs the most." },
  brier: { term: "Brier score", gloss: "The average squared gap between the forecast probability of landing and the outcome (1 landed, 0 failed): lower is better." },
  rocAuc: { term: "ROC-AUC", gloss: "The chance that a random landing got a higher forecast than a random failure: 0.5 is guessing, 1 a perfect ranking; it ignores whether the probabilities are right." },
  prAuc: { term: "PR-AUC", gloss: "The area under the precision–recall curve: how well the forecast picks out the rarer outcome (here, failures) without false alarms; like ROC-AUC it needs both outcomes among the cases scored." },
  calibration: { term: "Calibration", gloss: "Whether the stated chances come true as often as they say: of the landings forecast at 99%, about 99 in 100 should land." },
  posterior: { term: "Posterior", gloss: "What the data leave believable about an unknown rate or weight, as a distribution: the prior belief updated by the landings seen; its 2.5% and 97.5% points give the 95% interval." },
  jeffreysPrior: { term: "Jeffreys prior", gloss: "The starting belief about a rate before any landing is seen, Beta(½, ½): as close to saying nothing as a prior can, so a few landings decide the answer." },
  interval95: { term: "95% interval", gloss: "A range that the stated method expects to hold the true value 95 times in 100; the wider it is, the less the data can tell." },
  eraModel: { term: "Era model", gloss: "A reference forecast: a logistic regression whose only input is experience, how many landing attempts came before." },
  baseRate: { term: "Base rate", gloss: "A reference forecast: the share of all earlier landing attempts that landed, given to every next one." },
  recentRate: { term: "Recent rate", gloss: "A reference forecast: the share of the most recent landing attempts (the window is named beside it) that landed." },
  naturalFrequency: { term: "Natural frequency", gloss: "A chance written as a count, such as “about 1 in 40”, rather than as a percentage, because counts are easier to picture." }
} as const satisfies Record<string, GlossaryEntry>;

export type GlossaryKey = keyof typeof GLOSSARY;

const anchor = (key: GlossaryKey) => `glossary-${key}`;

/**
 * A word on a page with its gloss: the sentence on hover (title) and a link to its line in the lab
 * page's glossary for a screen that cannot hover. `page` is "./lab" from other pages, "" on the lab.
 */
export function glossed(key: GlossaryKey, text: string | Node = GLOSSARY[key].term, page = "./lab"): HTMLElement {
  return html`<a class="glossed" data-term=${key} href=${`${page}#${anchor(key)}`} title=${GLOSSARY[key].gloss}><dfn>${text}</dfn></a>` as unknown as HTMLElement;
}

/** The whole glossary, collapsed; a link to one of its lines opens it at that line. */
export function Glossary({ id = "glossary" }: { id?: string } = {}): HTMLDetailsElement {
  const entries = Object.entries(GLOSSARY) as [GlossaryKey, GlossaryEntry][];
  const details = html`<details class="glossary" id=${id}>
    <summary><strong>Glossary</strong>: ${entries.map(([, e]) => e.term.toLowerCase()).join(", ")}</summary>
    <dl>${entries.map(([key, e]) => html`<dt id=${anchor(key)} data-term=${key}>${e.term}</dt><dd>${e.gloss}</dd>`)}</dl>
  </details>` as unknown as HTMLDetailsElement;
  const open = () => {
    const target = location.hash.slice(1);
    if (target.startsWith("glossary-")) {
      details.open = true;
      details.querySelector(`#${CSS.escape(target)}`)?.scrollIntoView({ block: "center" });
    }
  };
  addEventListener("hashchange", open);
  // The panel is drawn after the browser looked for the hash's element on load.
  requestAnimationFrame(open);
  return details;
}
