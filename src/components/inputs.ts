// Inputs needs htl 0.3.1; both come from node_modules rather than Framework's implicit npm: imports.
export * as Inputs from "@observablehq/inputs";
export { html, svg } from "htl";
