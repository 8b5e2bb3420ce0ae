import { measurePages } from "./pages.ts";
const figures = await measurePages("/work/wt/reading/dist", ["/lab", "/sql"], Number(process.argv[2] ?? 3));
for (const f of figures) console.log(JSON.stringify({ path: f.path, bytes: f.bytes, firstAnswerMs: Math.round(f.firstAnswerMs ?? -1), firstChartMs: Math.round(f.firstChartMs ?? -1), completeMs: Math.round(f.completeMs) }));
