// @ts-check
// Framework's config during `npm run build`, read from this process's stdin, where scripts/build.ts
// writes it as JSON (see frameworkConfig there): values as they are, each function of nothing as
// one returning its value, and each function of the page as a table of what it gives every page
// by path (Framework calls head, header and footer with { title, data, path }; the project's
// read `path` only).
let text = "";
for await (const chunk of process.stdin) text += chunk;
if (!text) throw new Error("scripts/framework-config.mjs: no config arrived on stdin; run the build with `npm run build`, which writes it.");
/** @type {{ values: Record<string, unknown>, constants: Record<string, unknown>, byPath: Record<string, Record<string, unknown>> }} */
const { values, constants, byPath } = JSON.parse(text);
export default {
  ...values,
  ...Object.fromEntries(Object.entries(constants).map(([key, value]) => [key, () => value])),
  ...Object.fromEntries(Object.entries(byPath).map(([key, table]) => [key, (/** @type {{ path: string }} */ { path }) => table[path] ?? null]))
};
