/**
 * js-yaml reports an unclosed `[`, `{` or quote where it gave up: on a later line, often the closing `---`.
 * The editor must fix the line that opened it. This finds that line by scanning the front-matter the way
 * YAML reads those indicators: a bracket or quote counts only where a value (or a flow entry) starts.
 *
 * `lines` are the front-matter lines (file line n is lines[n - 2]); `reported` is js-yaml's file line.
 * Returns the file line of the construct still open at `reported`, or `reported` when none is.
 */
export function lineToFix(lines: readonly string[], reported: number): number {
  let depth = 0;
  let quote: '"' | "'" | undefined;
  let openedAt: number | undefined;
  const last = Math.min(lines.length, reported - 1);
  for (let index = 0; index < last; index++) {
    const line = lines[index] ?? "";
    const fileLine = index + 2;
    let i = 0;
    if (depth === 0 && quote === undefined) {
      // Block context: only the start of the value can open a flow collection or a quoted scalar.
      const value = /^(?:\s*-\s+|[^#:]*?:\s+|\s*-$)/.exec(line);
      if (!value) continue;
      i = value[0].length;
      if (!/^["'[{]/.test(line.slice(i))) continue;
    }
    let tokenStart = true;
    for (; i < line.length; i++) {
      const c = line[i];
      if (quote === '"') {
        if (c === "\\") i++;
        else if (c === '"') quote = undefined;
        continue;
      }
      if (quote === "'") {
        if (c === "'" && line[i + 1] === "'") i++;
        else if (c === "'") quote = undefined;
        continue;
      }
      if (c === "#" && (i === 0 || /\s/.test(line[i - 1] ?? ""))) break;
      if (tokenStart && (c === '"' || c === "'")) {
        if (depth === 0) openedAt = fileLine;
        quote = c;
      } else if (c === "[" || c === "{") {
        if (depth === 0) openedAt = fileLine;
        depth++;
      } else if ((c === "]" || c === "}") && depth > 0) depth--;
      tokenStart = c === "[" || c === "{" || c === "," || c === " ";
    }
  }
  return (depth > 0 || quote !== undefined) && openedAt !== undefined ? openedAt : reported;
}
