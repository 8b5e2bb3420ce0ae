// @ts-check
// `npm run build`: starts Framework's build process first, then loads scripts/build.ts (through
// tsx, registered here) which hands it its config and watches it. Plain JavaScript, so Framework
// starts before the TypeScript loader is loaded (see scripts/framework-process.mjs).
import { register } from "tsx/esm/api";
import { startFramework } from "./framework-process.mjs";

startFramework();
register();
await import("./build.ts");
