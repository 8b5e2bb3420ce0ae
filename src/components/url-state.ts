// Page state in the query string, so that a link brings a page back as it was shared. A page reads
// its controls' initial values with `fromUrl(defaults)`, builds its Inputs with them, and binds each
// Input with `bindUrl(input, defaults)`: every change is written back with history.replaceState (no
// history entry per keystroke), and a value equal to its default leaves the URL, so links stay short.
//
// Each parameter is parsed like its default: a number default takes numbers, a boolean "1"/"0", a
// string array a comma list, a string anything. A value that does not parse falls back to the
// default, so an edited or stale link never breaks a page.

export type StateValue = string | number | boolean | null | string[];
export type State = Record<string, StateValue>;

/** The state a query string holds, each key parsed like its default; unknown keys are ignored. */
export function decodeState<T extends State>(defaults: T, search: string): T {
  const params = new URLSearchParams(search);
  const state: State = { ...defaults };
  for (const [key, fallback] of Object.entries(defaults)) {
    const text = params.get(key);
    if (text === null) continue;
    const value = parseLike(fallback, text);
    if (value !== undefined) state[key] = value;
  }
  return state as T;
}

/** The query string for `value`: keys of `defaults` equal to their default are removed, other parameters kept. */
export function encodeState(defaults: State, value: Partial<State>, search: string): string {
  const params = new URLSearchParams(search);
  for (const [key, fallback] of Object.entries(defaults)) {
    const v = key in value ? value[key]! : fallback;
    const text = formatValue(v);
    if (text === formatValue(fallback)) params.delete(key);
    else params.set(key, text);
  }
  const out = params.toString();
  return out ? `?${out}` : "";
}

function parseLike(fallback: StateValue, text: string): StateValue | undefined {
  if (Array.isArray(fallback)) return text === "" ? [] : text.split(",").map(decodeURIComponent);
  switch (typeof fallback) {
    case "number": {
      const n = Number(text);
      return text.trim() !== "" && Number.isFinite(n) ? n : undefined;
    }
    case "boolean":
      return text === "1" || text === "true" ? true : text === "0" || text === "false" ? false : undefined;
    default:
      return text;
  }
}

function formatValue(v: StateValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map((s) => encodeURIComponent(String(s))).join(",");
  if (typeof v === "boolean") return v ? "1" : "0";
  return String(v);
}

/** The page's state from its own URL (defaults where the URL says nothing or says nonsense). */
export function fromUrl<T extends State>(defaults: T): T {
  return decodeState(defaults, globalThis.location?.search ?? "");
}

/**
 * Keeps the URL in step with an Input: a form (whose value is an object) writes each key of
 * `defaults`; any other Input writes its value under the single key of `defaults`.
 */
export function bindUrl<I extends EventTarget & { value: unknown }>(input: I, defaults: State): I {
  const keys = Object.keys(defaults);
  const write = () => {
    const v = input.value;
    const value: Partial<State> = isPlainObject(v) ? (v as Partial<State>) : { [keys[0]!]: v as StateValue };
    const search = encodeState(defaults, value, location.search);
    if (search !== location.search) history.replaceState(history.state, "", `${location.pathname}${search}${location.hash}`);
  };
  input.addEventListener("input", write);
  return input;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}
