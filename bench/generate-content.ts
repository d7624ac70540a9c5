// Writes N synthetic FAQ entries, made by recombining the bundled answers' sentences, as a content folder.
import { firstSentence } from "../src/content/first-sentence.js";
import { cp, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadContent } from "../src/content/load-content.js";
import type { Content } from "../src/content/types.js";
import type { SearchDocument } from "../src/search/index.js";
import { defaultContentDir } from "../src/paths.js";

/** A small deterministic PRNG, so every run benchmarks the same corpus. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface GeneratedEntry {
  id: string;
  title: string;
  category: string;
  keyword: string;
  body: string;
}

/** N FAQ-like entries: the bundled answers' sentences recombined, titles varied, spread over the categories. */
function* generateEntries(seed: Content, count: number): Generator<GeneratedEntry> {
  const sentences = seed.questions.flatMap((q) =>
    q.text
      .split(/(?<=。)|\n/)
      .map((s) => s.trim())
      .filter((s) => s.length > 4),
  );
  const titles = seed.questions.map((q) => q.title);
  const next = random(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  for (let i = 1; i <= count; i++) {
    yield {
      id: `gen-${String(i).padStart(5, "0")}`,
      category: pick(seed.categories).id,
      body: Array.from({ length: 2 + Math.floor(next() * 4) }, () => pick(sentences)).join("\n\n"),
      title: `${pick(titles).replace(/[？?]$/, "")}（${i}）`,
      keyword: pick(sentences).slice(0, 8),
    };
  }
}

/** The same entries as search documents, in memory: for measuring the engine without the content loader. */
export function generateDocuments(seed: Content, count: number): SearchDocument[] {
  return [...generateEntries(seed, count)].map((e) => ({
    id: e.id,
    title: e.title,
    keywords: [e.keyword],
    codes: [],
    category: seed.categoryById.get(e.category)?.title ?? "",
    lead: firstSentence(e.body),
    body: e.body.replace(/\n\n/g, "\n"),
  }));
}

export async function generateContent(count: number, dir: string): Promise<void> {
  const seed = await loadContent(defaultContentDir);

  await mkdir(path.join(dir, "questions"), { recursive: true });
  await cp(path.join(defaultContentDir, "categories"), path.join(dir, "categories"), { recursive: true });
  const orders = new Map<string, number>();
  const writes: Promise<void>[] = [];
  for (const entry of generateEntries(seed, count)) {
    const order = (orders.get(entry.category) ?? 0) + 1;
    orders.set(entry.category, order);
    writes.push(
      writeFile(
        path.join(dir, "questions", `${entry.id}.md`),
        `---\nid: ${entry.id}\ntitle: ${JSON.stringify(entry.title)}\ncategory: ${entry.category}\norder: ${order}\nkeywords: [${JSON.stringify(entry.keyword)}]\nupdated: 2026-11-24\n---\n${entry.body}\n`,
      ),
    );
    if (writes.length >= 500) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [count = "1000", dir = "tmp/generated"] = process.argv.slice(2);
  await generateContent(Number(count), dir);
  console.log(`Wrote ${count} questions to ${dir}`);
}
