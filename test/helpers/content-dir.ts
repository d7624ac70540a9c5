import { cp, mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const CONTENT_DIR = fileURLToPath(new URL("../../content/", import.meta.url));

const made: string[] = [];

/** A throw-away content folder holding exactly these files (paths relative to it). */
export async function makeContentDir(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "faq-content-"));
  made.push(dir);
  for (const [name, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), body);
  }
  return dir;
}

/** A copy of the real content with some files replaced or added, to break one thing at a time. */
export async function copyContentWith(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await makeContentDir({});
  await cp(CONTENT_DIR, dir, { recursive: true });
  for (const [name, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), body);
  }
  return dir;
}

export async function removeContentDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export const category = (id: string, order = 1) =>
  `---\nid: ${id}\ntitle: カテゴリー ${id}\norder: ${order}\ndescription: 説明です。\n---\n`;

export const question = (fields: Record<string, string>, body = "回答です。") =>
  `---\n${Object.entries({ id: "q-one", title: "質問ですか？", category: "cat", order: "1", ...fields })
    .filter(([, value]) => value !== "")
    .map(([key, value]) => `${key}: ${value}`)
    .join("\n")}\n---\n${body}\n`;
