// arquero's package entry imports node:fs for its file loaders, which a browser cannot load, and
// Framework's bundler ignores the package's "browser" field: the prebuilt browser bundle works.
import * as bundle from "arquero/dist/arquero.min.js";

export const aq = ((bundle as { default?: unknown }).default ?? bundle) as typeof import("arquero");
