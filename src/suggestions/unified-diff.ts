/** Lines of context around a change, as `diff -u` and git write them. */
const CONTEXT = 3;

function linesOf(text: string): { lines: string[]; newline: boolean } {
  if (text === "") return { lines: [], newline: true };
  const newline = text.endsWith("\n");
  return { lines: (newline ? text.slice(0, -1) : text).split("\n"), newline };
}

const range = (start: number, length: number) => (length === 0 ? `${start},0` : `${start + 1},${length}`);

/**
 * A unified diff of one file that `git apply` takes: one hunk around the changed stretch (the edits made here
 * touch one place per file). `before` undefined is a new file. Empty when nothing changed.
 */
export function unifiedDiff(path: string, before: string | undefined, after: string): string {
  if (before === after) return "";
  const old = linesOf(before ?? "");
  const now = linesOf(after);
  let head = 0;
  while (head < old.lines.length && head < now.lines.length && old.lines[head] === now.lines[head]) head++;
  let tail = 0;
  while (
    tail < old.lines.length - head &&
    tail < now.lines.length - head &&
    old.lines[old.lines.length - 1 - tail] === now.lines[now.lines.length - 1 - tail]
  )
    tail++;
  // A change of the final newline alone changes the last line.
  if (tail === 0 && head === old.lines.length && head === now.lines.length) head--;
  else if (old.newline !== now.newline && tail > 0) tail = 0;
  const start = Math.max(0, head - CONTEXT);
  const oldEnd = Math.min(old.lines.length, old.lines.length - tail + CONTEXT);
  const nowEnd = now.lines.length - (old.lines.length - oldEnd);
  const out = [
    `diff --git a/${path} b/${path}`,
    ...(before === undefined ? ["new file mode 100644", "--- /dev/null"] : [`--- a/${path}`]),
    `+++ b/${path}`,
    `@@ -${range(start, oldEnd - start)} +${range(start, nowEnd - start)} @@`,
  ];
  const line = (mark: string, text: string, last: boolean, newline: boolean) => {
    out.push(`${mark}${text}`);
    if (last && !newline) out.push("\\ No newline at end of file");
  };
  for (let i = start; i < head; i++) line(" ", old.lines[i]!, false, true);
  for (let i = head; i < old.lines.length - tail; i++)
    line("-", old.lines[i]!, i === old.lines.length - 1, old.newline);
  for (let i = head; i < now.lines.length - tail; i++)
    line("+", now.lines[i]!, i === now.lines.length - 1, now.newline);
  for (let i = old.lines.length - tail; i < oldEnd; i++)
    line(" ", old.lines[i]!, i === old.lines.length - 1, old.newline);
  return `${out.join("\n")}\n`;
}
