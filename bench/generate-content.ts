// Writes N synthetic FAQ entries, made by recombining the bundled answers' sentences, as a content folder.
import { cp, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadContent } from "../src/content/load-content.js";
import { defaultContentDir } from "../src/web/paths.js";

/** A small deterministic PRNG, so every run benchmarks the same corpus. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export async function generateContent(count: number, dir: string): Promise<void> {
  const seed = await loadContent(defaultContentDir);
  const sentences = seed.questions.flatMap((q) => q.text.split(/(?<=。)|\n/).map((s) => s.trim()).filter((s) => s.length > 4));
  const titles = seed.questions.map((q) => q.title);
  const next = random(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

  await mkdir(path.join(dir, "questions"), { recursive: true });
  await cp(path.join(defaultContentDir, "categories"), path.join(dir, "categories"), { recursive: true });
  const orders = new Map<string, number>();
  const writes: Promise<void>[] = [];
  for (let i = 1; i <= count; i++) {
    const id = `gen-${String(i).padStart(5, "0")}`;
    const category = pick(seed.categories).id;
    const order = (orders.get(category) ?? 0) + 1;
    orders.set(category, order);
    const body = Array.from({ length: 2 + Math.floor(next() * 4) }, () => pick(sentences)).join("\n\n");
    const title = `${pick(titles).replace(/[？?]$/, "")}（${i}）`;
    writes.push(writeFile(path.join(dir, "questions", `${id}.md`), `---\nid: ${id}\ntitle: ${JSON.stringify(title)}\ncategory: ${category}\norder: ${order}\nkeywords: [${JSON.stringify(pick(sentences).slice(0, 8))}]\nupdated: 2026-11-24\n---\n${body}\n`));
    if (writes.length >= 500) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [count = "1000", dir = "tmp/generated"] = process.argv.slice(2);
  await generateContent(Number(count), dir);
  console.log(`Wrote ${count} questions to ${dir}`);
}
