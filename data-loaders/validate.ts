// Sources change shape without notice. Reading a field through these checks turns a changed type
// into an error naming the source, the record and the field, instead of a silently wrong table.

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
