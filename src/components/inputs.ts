// Inputs needs htl 0.3.1; both come from node_modules rather than Framework's implicit npm: imports.
import * as Inputs from "@observablehq/inputs";
import { html } from "htl";
export { Inputs };
export { html, svg } from "htl";

/**
 * Inputs.range, with its number box held to the range: a typed value outside it (1990 for years
 * from 2010) is refused by the input, and a message beside the field says so and what the filter
 * keeps; leaving the box puts the kept value back, so the box never shows a value nobody applies.
 */
export function boundedRange(extent: [number, number], options: Record<string, unknown> & { unit?: string }): HTMLFormElement & { value: number } {
  const { unit = "", ...rangeOptions } = options;
  const input = Inputs.range(extent, rangeOptions);
  const box = input.querySelector("input[type=number]") as HTMLInputElement;
  const message = html`<p class="range-message" role="alert" hidden></p>` as HTMLElement;
  input.append(message);
  // A quantity with its unit gets thousands separators; a bare number (a year) does not.
  const show = (v: number) => (unit ? `${v.toLocaleString("en-US")} ${unit}` : String(v));
  const check = () => {
    const typed = box.valueAsNumber;
    const valid = box.checkValidity();
    message.hidden = valid;
    if (!valid) {
      const why = Number.isNaN(typed) ? "is not a number" : typed < extent[0] || typed > extent[1] ? `is outside ${show(extent[0])}–${show(extent[1])}` : `is not a multiple of ${show(Number(rangeOptions.step ?? 1))}`;
      message.textContent = `${box.value || "That"} ${why}; the filter keeps ${show(input.value)}.`;
    }
  };
  box.addEventListener("input", check);
  box.addEventListener("change", () => {
    if (!box.checkValidity()) input.value = input.value;
    check();
  });
  input.addEventListener("input", check);
  return input;
}
