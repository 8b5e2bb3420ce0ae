// The reader's SQL editor, in two parts that follow Framework's idiom: SqlEditor is an input (its
// value, {sql, rows, seconds}, changes on each Run, so a page binds it with view() and the URL),
// and SqlRun shows one run of that value: every statement's result, a Stop button, a time limit,
// a cap on the rows moved into JavaScript, and a reset of the database.
import { Inputs } from "./inputs.js";
import { QueryStopped, StatementError, type LandingDatabase, type StatementResult } from "./db.js";
import { QueryError } from "./QueryPanel.js";
import { ResultTable } from "./ResultTable.js";

export interface SqlQuery {
  sql: string;
  /** Rows fetched into the page per statement; 0 means every row. */
  rows: number;
  /** Seconds a run may take before it is stopped; 0 means no limit. */
  seconds: number;
}

export const rowChoices = [100, 1000, 10_000, 100_000, 0];
export const secondChoices = [10, 30, 60, 300, 0];

export interface SqlEditorOptions {
  value: SqlQuery;
  /** Example queries offered in a picker above the editor. */
  examples?: Record<string, string>;
  lines?: number;
}

export type SqlEditorElement = HTMLDivElement & {
  value: SqlQuery;
  /** Run again with some settings changed (the "fetch every row" button under a capped result). */
  runWith(change: Partial<SqlQuery>): void;
};

export function SqlEditor({ value, examples = {}, lines = 8 }: SqlEditorOptions): SqlEditorElement {
  // A div, not a form: the Inputs inside are forms of their own.
  const form = document.createElement("div") as SqlEditorElement;
  form.className = "sql-editor";
  let current: SqlQuery = { ...value };
  const names = Object.keys(examples);
  if (names.length) {
    const picker = Inputs.select([null, ...names], { label: "Start from", format: (name: string | null) => name ?? "an example…" });
    picker.addEventListener("input", (event: Event) => {
      event.stopPropagation();
      if (picker.value) textarea.value = examples[picker.value]!;
    });
    form.append(picker);
  }
  const textarea = form.appendChild(document.createElement("textarea"));
  textarea.name = "sql";
  textarea.rows = lines;
  textarea.spellcheck = false;
  textarea.value = current.sql;
  textarea.setAttribute("aria-label", "SQL query");
  const settings = form.appendChild(document.createElement("div"));
  settings.className = "sql-editor-settings";
  const rowsInput = Inputs.select(rowChoices, { label: "Rows to fetch", value: current.rows, format: (n: number) => (n ? n.toLocaleString("en-US") : "all") });
  const secondsInput = Inputs.select(secondChoices, { label: "Time limit", value: current.seconds, format: (s: number) => (s === 0 ? "none" : s < 60 ? `${s} s` : `${s / 60} min`) });
  // The settings apply at the next Run, like the SQL: a half-edited query never runs by itself.
  for (const input of [rowsInput, secondsInput]) input.addEventListener("input", (event: Event) => event.stopPropagation());
  settings.append(rowsInput, secondsInput);
  const bar = form.appendChild(document.createElement("div"));
  bar.className = "sql-editor-bar";
  const run = bar.appendChild(document.createElement("button"));
  run.type = "button";
  run.className = "sql-run-button";
  run.textContent = "Run query";
  const hint = bar.appendChild(document.createElement("span"));
  hint.className = "muted";
  hint.textContent = "Ctrl+Enter runs the query too.";

  function submit(change: Partial<SqlQuery> = {}) {
    if (change.rows !== undefined) rowsInput.value = change.rows;
    if (change.seconds !== undefined) secondsInput.value = change.seconds;
    current = { sql: textarea.value, rows: rowsInput.value, seconds: secondsInput.value };
    form.dispatchEvent(new Event("input", { bubbles: true }));
  }
  run.addEventListener("click", () => submit());
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  });
  textarea.addEventListener("input", (event) => event.stopPropagation());
  Object.defineProperty(form, "value", {
    get: () => current,
    set(v: SqlQuery) {
      current = { ...v };
      textarea.value = v.sql;
      rowsInput.value = v.rows;
      secondsInput.value = v.seconds;
    }
  });
  form.runWith = submit;
  return form;
}

export interface SqlRunOptions {
  /** Resolves when the run is superseded (Framework's `invalidation`): the run is stopped. */
  invalidation?: Promise<unknown>;
  /** Called to run the same SQL with every row fetched. */
  fetchAll?: () => void;
}

/** One run of a query: a live status with Stop while it runs, then each statement's result. */
export function SqlRun(database: Promise<LandingDatabase>, query: SqlQuery, { invalidation, fetchAll }: SqlRunOptions = {}): HTMLElement {
  const box = document.createElement("div");
  box.className = "sql-run";
  const bar = box.appendChild(document.createElement("div"));
  bar.className = "sql-editor-bar";
  const stop = bar.appendChild(document.createElement("button"));
  stop.type = "button";
  stop.className = "sql-stop";
  stop.textContent = "Stop";
  const reset = bar.appendChild(document.createElement("button"));
  reset.type = "button";
  reset.className = "sql-reset";
  reset.textContent = "Reset database";
  reset.title = "Reload every table as built, in a fresh DuckDB";
  const status = bar.appendChild(document.createElement("span"));
  status.className = "sql-status muted";
  status.setAttribute("aria-live", "polite");
  const result = box.appendChild(document.createElement("div"));
  result.className = "query-result";

  const controller = new AbortController();
  const began = performance.now();
  const elapsed = () => `${((performance.now() - began) / 1000).toFixed(1)} s`;
  const ticker = setInterval(() => {
    if (!controller.signal.aborted) status.textContent = `Running in DuckDB-WASM… ${elapsed()}`;
  }, 250);
  status.textContent = "Running in DuckDB-WASM…";
  stop.addEventListener("click", () => controller.abort("Stopped: you pressed Stop."));
  const timer = query.seconds > 0 ? setTimeout(() => controller.abort(`Stopped: the query ran past the time limit of ${query.seconds} s (choose a longer one above).`), query.seconds * 1000) : undefined;
  void invalidation?.then(() => controller.abort("Stopped: a newer run replaced this one."));

  reset.addEventListener("click", async () => {
    controller.abort("Stopped: the database was reset.");
    reset.disabled = true;
    status.textContent = "Reloading the tables into a fresh DuckDB…";
    await (await database).reset();
    status.textContent = "The database is as built again. Run the query to see its result.";
    reset.disabled = false;
  });

  void (async () => {
    try {
      const db = await database;
      const results = await db.run(query.sql, { limit: query.rows || Infinity, signal: controller.signal });
      result.replaceChildren(...results.flatMap((r, i) => StatementResultView(r, i, results.length, query.rows, fetchAll)));
      status.textContent = `${results.length} statement${results.length === 1 ? "" : "s"} in ${elapsed()}.`;
    } catch (error) {
      if (error instanceof QueryStopped) {
        status.textContent = "";
        result.replaceChildren(notice(error.message, "query-stopped"));
      } else if (error instanceof StatementError) {
        const count = error.done.length;
        result.replaceChildren(
          ...error.done.flatMap((r, i) => StatementResultView(r, i, null, query.rows, fetchAll)),
          ...(count || error.index > 0 ? [heading(`Statement ${error.index + 1}`, error.sql)] : []),
          QueryError(error.message)
        );
        status.textContent = `Failed at statement ${error.index + 1}; nothing it or the earlier ones changed was kept.`;
      } else {
        result.replaceChildren(QueryError(error instanceof Error ? error.message : String(error)));
        status.textContent = "";
      }
    } finally {
      clearInterval(ticker);
      clearTimeout(timer);
      stop.disabled = true;
    }
  })();
  return box;
}

function StatementResultView(r: StatementResult, index: number, total: number | null, rowsAsked: number, fetchAll?: () => void): Node[] {
  const nodes: Node[] = [];
  if (total !== 1) nodes.push(heading(`Statement ${index + 1}${total ? ` of ${total}` : ""}`, r.sql));
  const capped = r.truncated ? `DuckDB has more rows: the first ${rowsAsked.toLocaleString("en-US")} were fetched.` : undefined;
  const table = ResultTable(r.rows, { columns: r.columns, limit: 500, note: capped, download: `query-${index + 1}` });
  if (r.truncated && fetchAll) {
    const more = document.createElement("button");
    more.type = "button";
    more.className = "fetch-all";
    more.textContent = "Fetch every row";
    more.addEventListener("click", fetchAll);
    table.querySelector(".result-note")!.append(" ", more);
  }
  nodes.push(table);
  return nodes;
}

function heading(title: string, sql: string): HTMLElement {
  const h = document.createElement("h3");
  h.className = "statement-heading";
  const strong = h.appendChild(document.createElement("span"));
  strong.textContent = title;
  const code = h.appendChild(document.createElement("code"));
  code.textContent = sql.length > 80 ? `${sql.slice(0, 77)}…` : sql;
  return h;
}

function notice(text: string, className: string): HTMLElement {
  const p = document.createElement("p");
  p.className = className;
  p.setAttribute("role", "status");
  p.textContent = text;
  return p;
}
