// Sources change shape without notice. Reading a field through these checks turns a changed type
// into an error naming the source, the record and the field, instead of a silently wrong table.
import { readFileSync } from "node:fs";

export class SourceShapeError extends Error {
  constructor(
    readonly source: string,
    readonly record: string,
    readonly field: string,
    detail: string
  ) {
    super(`${source}: record ${record}, field "${field}": ${detail}`);
    this.name = "SourceShapeError";
  }
}

type Kind = "string" | "number" | "boolean" | "object" | "array";
type KindType<K extends Kind> = K extends "string"
  ? string
  : K extends "number"
    ? number
    : K extends "boolean"
      ? boolean
      : K extends "array"
        ? unknown[]
        : Record<string, unknown>;

/** Reads fields of one record of one source, naming both in every error. */
export class RecordReader {
  constructor(
    readonly source: string,
    readonly record: string,
    private readonly value: unknown
  ) {
    if (!isObject(value)) throw new SourceShapeError(source, record, "(record)", `expected an object, got ${describe(value)}`);
  }

  required<K extends Kind>(field: string, kind: K): KindType<K> {
    const v = this.raw(field);
    if (!hasKind(v, kind)) throw new SourceShapeError(this.source, this.record, field, `expected ${kind}, got ${describe(v)}`);
    return v as KindType<K>;
  }

  optional<K extends Kind>(field: string, kind: K): KindType<K> | null {
    const v = this.raw(field);
    if (v === null || v === undefined) return null;
    if (!hasKind(v, kind)) throw new SourceShapeError(this.source, this.record, field, `expected ${kind} or null, got ${describe(v)}`);
    return v as KindType<K>;
  }

  /** A nested object, read with the same source and record name. */
  child(field: string): RecordReader {
    return new RecordReader(this.source, `${this.record}.${field}`, this.required(field, "object"));
  }

  optionalChild(field: string): RecordReader | null {
    const v = this.optional(field, "object");
    return v ? new RecordReader(this.source, `${this.record}.${field}`, v) : null;
  }

  /** Each element of an array field as a record reader. */
  children(field: string): RecordReader[] {
    return this.required(field, "array").map((item, i) => new RecordReader(this.source, `${this.record}.${field}[${i}]`, item));
  }

  private raw(field: string): unknown {
    return (this.value as Record<string, unknown>)[field];
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasKind(value: unknown, kind: Kind): boolean {
  if (kind === "array") return Array.isArray(value);
  if (kind === "object") return isObject(value);
  if (kind === "number") return typeof value === "number" && Number.isFinite(value);
  return typeof value === kind;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  const text = JSON.stringify(value);
  return `${typeof value} ${text && text.length > 40 ? text.slice(0, 40) + "…" : text}`;
}

/** The array a source promised, or an error naming the source and what came instead. */
export function expectArray(source: string, what: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new SourceShapeError(source, what, "(body)", `expected an array, got ${describe(value)}`);
  return value;
}

/** Text parsed as JSON, or an error naming what it is and where it came from. */
export function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const tail = text.slice(-40).replace(/\s+/g, " ");
    throw new Error(`${where} is not valid JSON (${text.length} characters, ending "${tail}"): ${(error as Error).message}`);
  }
}

/** A JSON file, or an error naming the file and what it should have been. */
export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`${path} (${what}) cannot be read: ${(error as Error).message}`);
  }
  return parseJson(text, `${path} (${what})`);
}

/** A value outside what can be true, named by table, record and field. */
export class ValueRangeError extends Error {
  constructor(readonly violations: string[]) {
    super(
      `${violations.length} impossible value${violations.length === 1 ? "" : "s"} in the merged history; nothing was published:\n` +
        violations.slice(0, 20).map((v) => `  ${v}`).join("\n") +
        (violations.length > 20 ? `\n  … and ${violations.length - 20} more` : "") +
        `\nThe source named beside each value gave it: check its recording, or its parser in data-loaders/sources/.`
    );
    this.name = "ValueRangeError";
  }
}

/** The heaviest payload a Falcon could lift is Falcon Heavy's 63.8 t to LEO; anything above is a unit or parse error. */
export const MAX_PAYLOAD_KG = 70_000;
export const FIRST_DATE = "2010-01-01T00:00:00Z";

/**
 * Range checks on merged records, by field name so that new fields are checked too: dates
 * (`…date…` holding a timestamp) from 2010 to a year after `now`, latitudes and longitudes,
 * masses (`…mass…kg`) from 0 to MAX_PAYLOAD_KG. Returns one line per violation.
 */
export function rangeViolations(table: string, records: readonly object[], id: (r: Record<string, unknown>) => string, now: Date): string[] {
  const out: string[] = [];
  const latest = now.getTime() + 366 * 86400_000;
  const first = Date.parse(FIRST_DATE);
  for (const record of records as Record<string, unknown>[]) {
    const where = () => `${table}: record ${id(record)}`;
    for (const [field, value] of Object.entries(record)) {
      if (value === null || value === undefined) continue;
      if (/date/i.test(field) && !/precision|source/i.test(field) && typeof value === "string") {
        const t = Date.parse(value);
        if (Number.isNaN(t)) out.push(`${where()}, field "${field}": "${value}" is not a date`);
        else if (t < first || t > latest) out.push(`${where()}, field "${field}": ${value} lies outside ${FIRST_DATE.slice(0, 10)} … ${new Date(latest).toISOString().slice(0, 10)}`);
      } else if (/latitude$/i.test(field)) {
        if (typeof value !== "number" || !(Math.abs(value) <= 90)) out.push(`${where()}, field "${field}": ${String(value)} is not a latitude (-90 … 90)`);
      } else if (/longitude$/i.test(field)) {
        if (typeof value !== "number" || !(Math.abs(value) <= 180)) out.push(`${where()}, field "${field}": ${String(value)} is not a longitude (-180 … 180)`);
      } else if (/mass.*kg$/i.test(field)) {
        if (typeof value !== "number" || !(value >= 0 && value <= MAX_PAYLOAD_KG)) out.push(`${where()}, field "${field}": ${String(value)} kg is not a plausible mass (0 … ${MAX_PAYLOAD_KG} kg)`);
      }
    }
  }
  return out;
}
