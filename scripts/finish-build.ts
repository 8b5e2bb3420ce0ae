// Framework copies only files that pages reference; a static host also needs /favicon.ico,
// which every browser asks for whatever the page's <link rel=icon> says.
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../data-loaders/config.ts";

const dist = join(projectRoot, "dist");
if (!existsSync(join(dist, "index.html"))) throw new Error("dist/index.html is missing: run observable build first.");
copyFileSync(join(projectRoot, "src", "favicon.ico"), join(dist, "favicon.ico"));
