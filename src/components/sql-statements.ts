// A reader's SQL as separate statements, so each one's result can be shown (DuckDB answers a
// multi-statement query with the last result only). Semicolons inside quotes, identifiers,
// dollar-quoted strings and comments do not split.

export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const sql = text.slice(start, end);
    if (stripComments(sql).trim()) statements.push(sql.trim());
    start = end + 1;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'" || c === '"') i = skipQuoted(text, i, c);
    else if (c === "-" && text[i + 1] === "-") i = lineEnd(text, i);
    else if (c === "/" && text[i + 1] === "*") i = blockEnd(text, i);
    else if (c === "$") i = skipDollar(text, i);
    else {
      if (c === ";") push(i);
      i++;
    }
  }
  push(text.length);
  return statements;
}

/** Past a quoted string or identifier; a doubled quote is an escaped one. */
function skipQuoted(text: string, i: number, quote: string): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === quote) {
      if (text[j + 1] === quote) j++;
      else return j + 1;
    }
  }
  return text.length;
}

function lineEnd(text: string, i: number): number {
  const end = text.indexOf("\n", i);
  return end < 0 ? text.length : end + 1;
}

function blockEnd(text: string, i: number): number {
  const end = text.indexOf("*/", i + 2);
  return end < 0 ? text.length : end + 2;
}

/** Past $tag$…$tag$ (tag possibly empty); a lone $ (a parameter, $1) is just a character. */
function skipDollar(text: string, i: number): number {
  const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i))?.[0];
  if (!tag) return i + 1;
  const end = text.indexOf(tag, i + tag.length);
  return end < 0 ? text.length : end + tag.length;
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, "").replace(/\/\*[\s\S]*?\*\//g, "");
}
