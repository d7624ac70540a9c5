import matter from "gray-matter";

/**
 * Accepted suggestions written into the Markdown as an editor would write them: one more item in a
 * front-matter list, every other byte of the file left as it was, so the diff an operator reviews is the
 * line that changes. Each edit is checked by parsing the result; a file laid out in a way these edits do not
 * know is refused with the reason, never rewritten wholesale.
 */

export class EditRefused extends Error {
  override name = "EditRefused";
}

/**
 * A value as YAML reads it back unchanged: Japanese text as it is; anything with ASCII (which could be a
 * number, a boolean, a comment or flow punctuation to YAML) double-quoted, JSON's quoting being valid YAML.
 */
export function yamlScalar(value: string): string {
  const plain =
    value !== "" &&
    value.trim() === value &&
    !value.includes("  ") &&
    !/\p{Cc}/u.test(value) &&
    [...value].every((char) => char === " " || char.codePointAt(0)! > 0x7f);
  return plain ? value : JSON.stringify(value);
}

interface FrontMatter {
  lines: string[];
  /** Index of the closing `---` line. */
  end: number;
}

function frontMatterOf(source: string, file: string): FrontMatter {
  const lines = source.split("\n");
  const end = lines[0]?.trimEnd() === "---" ? lines.findIndex((line, i) => i > 0 && line.trimEnd() === "---") : -1;
  if (end < 0) throw new EditRefused(`${file}: no front-matter between --- lines to add to.`);
  return { lines, end };
}

/**
 * `source` with `item` added to the top-level list `field` (flow `[a, b]` or block `- a` style, or a new
 * flow list before the closing ---); unchanged when `has` says the item is there already.
 */
function withListItem(source: string, file: string, field: string, item: string): string {
  const { lines, end } = frontMatterOf(source, file);
  const at = lines.findIndex((line, i) => i < end && line.startsWith(`${field}:`));
  const scalar = yamlScalar(item);
  if (at < 0) {
    lines.splice(end, 0, `${field}: [${scalar}]`);
    return lines.join("\n");
  }
  const flow = /^([^:]+:\s*\[)(.*)(\]\s*)$/.exec(lines[at]!);
  if (flow) {
    lines[at] = `${flow[1]}${flow[2]!.trim() === "" ? scalar : `${flow[2]!.trimEnd()}, ${scalar}`}${flow[3]}`;
    return lines.join("\n");
  }
  let last = at;
  while (last + 1 < end && /^\s+-\s/.test(lines[last + 1]!)) last++;
  if (last === at || lines[at]!.slice(field.length + 1).trim() !== "")
    throw new EditRefused(
      `${file}: "${field}" is neither a [a, b] list nor a list of "- " lines; add ${item} by hand.`,
    );
  const indent = /^(\s+-\s)/.exec(lines[last]!)![1];
  lines.splice(last + 1, 0, `${indent}${scalar}`);
  return lines.join("\n");
}

function parsed(source: string, file: string): Record<string, unknown> {
  try {
    // A copy, so gray-matter's cache of earlier parses never answers for this text.
    return matter(`${source}`, {}).data as Record<string, unknown>;
  } catch (error) {
    throw new EditRefused(`${file}: the front-matter does not parse (${(error as Error).message}).`, { cause: error });
  }
}

/** A question's source with `keyword` in its `keywords`; the same source when it is there already. */
export function withKeyword(source: string, file: string, keyword: string): string {
  const has = (text: string) => {
    const keywords = parsed(text, file).keywords;
    return Array.isArray(keywords) && keywords.includes(keyword);
  };
  if (has(source)) return source;
  const edited = withListItem(source, file, "keywords", keyword);
  if (!has(edited)) throw new EditRefused(`${file}: adding keyword ${JSON.stringify(keyword)} did not parse back.`);
  return edited;
}

/** The synonyms file when there is none yet: the list, and the line an editor reads. */
export const NEW_SYNONYMS_FILE = "---\nsynonyms:\n---\nGroups of words readers use interchangeably.\n";

/**
 * synonyms.md's source with `a` and `b` in one group: the missing word joins the group of the other, or the
 * two make a new group at the end of the list; the same source when they are grouped already.
 */
export function withSynonyms(source: string, file: string, [a, b]: [string, string]): string {
  const groupsOf = (text: string) => {
    const groups = parsed(text, file).synonyms;
    return Array.isArray(groups) ? groups.filter(Array.isArray).map((g) => g.map(String)) : [];
  };
  const groups = groupsOf(source);
  if (groups.some((g) => g.includes(a) && g.includes(b))) return source;
  const { lines, end } = frontMatterOf(source, file);
  const home = groups.findIndex((g) => g.includes(a) || g.includes(b));
  const entries = lines.flatMap((line, i) => (i < end && /^\s+-\s*\[.*\]\s*$/.test(line) ? [i] : []));
  if (home >= 0) {
    const at = entries[home];
    if (at === undefined) throw new EditRefused(`${file}: write each group as "- [a, b]" on one line to add to it.`);
    const missing = groups[home]!.includes(a) ? b : a;
    lines[at] = lines[at]!.replace(/\]\s*$/, `, ${yamlScalar(missing)}]`);
  } else {
    const header = lines.findIndex((line, i) => i < end && line.startsWith("synonyms:"));
    if (header < 0) throw new EditRefused(`${file}: no "synonyms:" list to add to.`);
    lines[header] = "synonyms:";
    const after = entries.length > 0 ? entries[entries.length - 1]! : header;
    lines.splice(after + 1, 0, `  - [${yamlScalar(a)}, ${yamlScalar(b)}]`);
  }
  const edited = lines.join("\n");
  if (!groupsOf(edited).some((g) => g.includes(a) && g.includes(b)))
    throw new EditRefused(`${file}: grouping ${a} with ${b} did not parse back.`);
  return edited;
}
