// The recorded third-party extracts of PROVENANCE §9 and §10 (no live endpoint; read only when recorded).
import type { CatalogEntry } from "../snapshot-catalog.ts";
import { catalogTracker } from "./booster-tracker.ts";
import { catalogLl2OpenMeteo } from "./ll2-open-meteo.ts";
import { catalog3df9 } from "./wikipedia-3df9.ts";
import { catalogMassimo } from "./wikipedia-massimo.ts";
import { catalogReadHtml } from "./wikipedia-read-html.ts";

export const recordedExtractCatalog: CatalogEntry[] = [...catalogReadHtml, ...catalog3df9, ...catalogMassimo, ...catalogTracker, ...catalogLl2OpenMeteo];
