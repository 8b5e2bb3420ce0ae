// arquero for pages. Its package entry (src/index.js) imports node:fs and node:stream for its file
// loaders, and Framework's bundle of it keeps those imports, which a browser cannot load (every
// page importing "arquero" broke); the package's own browser bundle has the same API without them.
// Pages and components import arquero from here, never "arquero".
import bundle from "arquero/dist/arquero.js";

export const aq = bundle;
export const { op } = bundle;
