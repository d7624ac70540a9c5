import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SEED_PATH = fileURLToPath(new URL("../fixtures/seed-faq.txt", import.meta.url));

/**
 * Plain slips in the seed that the content corrects, each listed in the commit that made it.
 * Applied to the seed before comparing, so everything else must match word for word.
 */
export const SEED_CORRECTIONS: ReadonlyArray<readonly [string, string]> = [
  ["どこサイト", "どのサイト"],
  ["HP アカウの Email", "HP アカウントの Email"],
  ["統合に\n\n \n関するご本人確認]", "統合に関するご本人確認」"],
  ["Internet Explorer11 の  をクリック", "Internet Explorer11 の歯車アイコン（ツール）をクリック"],
  ["いまでご利用", "いままでご利用"],
  ["新に HP", "新たに HP"],
  ["ご連絡」届いている", "ご連絡」が届いている"],
];

export interface SeedQuestion {
  category: string;
  /** Title as the index words it. */
  indexTitle: string;
  /** Title as the body words it. */
  bodyTitle: string;
  /** Answer lines with Markdown syntax removed, in order. */
  answerLines: string[];
}

export interface Seed {
  categories: string[];
  questions: SeedQuestion[];
}

function stripMarkdown(line: string): string {
  return line
    .replace(/^-\s*(・\s*)?/, "")
    .replace(/^\d+\.\s*/, "")
    .replace(/\[([^\]]*)\]\(#\)/g, "$1")
    .replace(/<(https?:[^>]+)>/g, "$1")
    .trim();
}

/** Reads the seed FAQ: its index (categories, question order) and each Q/A block of its body. */
export function readSeed(): Seed {
  let text = readFileSync(SEED_PATH, "utf8").replace(/\r\n?/g, "\n");
  for (const [from, to] of SEED_CORRECTIONS) {
    if (!text.includes(from)) throw new Error(`Seed correction no longer applies: ${JSON.stringify(from)}`);
    text = text.split(from).join(to);
  }
  const lines = text.split("\n").map((line) => line.replace(/\u00a0/g, " ").trim());

  const categories: string[] = [];
  const index: Array<{ category: string; title: string }> = [];
  let cursor = lines.findIndex((line) => line.startsWith("HP Advantageplus のよくあるご質問")) + 1;
  let heading = "";
  for (; cursor < lines.length; cursor++) {
    const line = lines[cursor] ?? "";
    if (line === "") continue;
    const entry = /^- \[(.+)\]\(#\)$/.exec(line);
    if (entry) {
      index.push({ category: heading, title: entry[1] ?? "" });
    } else if (categories.includes(line)) {
      break; // the body repeats the first heading
    } else {
      heading = line;
      categories.push(line);
    }
  }

  const bodies: Array<{ title: string; answer: string[] }> = [];
  let mode: "none" | "q" | "a" = "none";
  for (; cursor < lines.length; cursor++) {
    const line = lines[cursor] ?? "";
    if (line === "") continue;
    if (line === "Q" || line.startsWith("Q ")) {
      bodies.push({ title: line.slice(1).trim(), answer: [] });
      mode = "q";
    } else if (line === "A" || line.startsWith("A ")) {
      mode = "a";
      const rest = line.slice(1).trim();
      if (rest) bodies.at(-1)?.answer.push(rest);
    } else if (categories.includes(line)) {
      mode = "none";
    } else if (mode === "q") {
      const current = bodies.at(-1);
      if (current) current.title = `${current.title}${line}`;
    } else if (mode === "a") {
      bodies.at(-1)?.answer.push(line);
    }
  }
  if (bodies.length !== index.length)
    throw new Error(`Seed has ${index.length} index entries but ${bodies.length} answers`);

  return {
    categories,
    questions: index.map((entry, i) => ({
      category: entry.category,
      indexTitle: entry.title,
      bodyTitle: bodies[i]?.title ?? "",
      answerLines: (bodies[i]?.answer ?? []).map(stripMarkdown).filter((line) => line !== ""),
    })),
  };
}

/** Compare text as a reader sees it: width-folded, whitespace ignored. */
export function comparable(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "");
}
