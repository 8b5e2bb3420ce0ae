// A small SQL editor over the page's DuckDB-WASM database: type, press Run (or Ctrl/⌘+Enter),
// read the result table or the error message. The database opens on the first run.
import type { LandingDatabase } from "./db.js";
import { runQuery, showOutcome } from "./QueryPanel.js";

export interface SqlEditorOptions {
  value?: string;
  /** Example queries offered in a picker above the editor. */
  examples?: Record<string, string>;
  rows?: number;
}

export function SqlEditor(database: () => Promise<LandingDatabase>, { value = "", examples = {}, rows = 8 }: SqlEditorOptions = {}): HTMLElement {
  const form = document.createElement("form");
  form.className = "sql-editor";
  const names = Object.keys(examples);
  if (names.length) {
    const picker = form.appendChild(document.createElement("select"));
    picker.setAttribute("aria-label", "Example query");
    picker.append(new Option("Start from an example…", ""), ...names.map((name) => new Option(name, name)));
    picker.addEventListener("change", () => {
      if (picker.value) textarea.value = examples[picker.value]!;
    });
  }
  const textarea = form.appendChild(document.createElement("textarea"));
  textarea.name = "sql";
  textarea.rows = rows;
  textarea.spellcheck = false;
  textarea.value = value;
  textarea.setAttribute("aria-label", "SQL query");
  const bar = form.appendChild(document.createElement("div"));
  bar.className = "sql-editor-bar";
  const run = bar.appendChild(document.createElement("button"));
  run.type = "submit";
  run.textContent = "Run query";
  const status = bar.appendChild(document.createElement("span"));
  status.className = "muted";
  status.textContent = "Ctrl+Enter runs the query too.";
  const result = form.appendChild(document.createElement("div"));
  result.className = "query-result";
  result.setAttribute("aria-live", "polite");

  async function submit() {
    run.disabled = true;
    status.textContent = "Running in DuckDB-WASM…";
    const outcome = await runQuery(textarea.value, database());
    result.replaceChildren(...showOutcome(outcome, { limit: 500 }));
    status.textContent = "rows" in outcome ? `${outcome.rows.length} rows in ${Math.round(outcome.ms)} ms.` : "";
    run.disabled = false;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void submit();
  });
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  });
  return form;
}
