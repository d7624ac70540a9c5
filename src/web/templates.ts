import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ejs from "ejs";
import { viewsDir } from "./paths.js";

export type RenderTemplate = (name: string, data: Record<string, unknown>) => string;

/**
 * Compiles every view once, so rendering is a plain function call and a broken template
 * fails at start-up rather than on the first request that needs it.
 */
export function compileTemplates(dir: string = viewsDir): RenderTemplate {
  const compiled = new Map<string, ejs.TemplateFunction>();
  for (const entry of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    if (!entry.endsWith(".ejs")) continue;
    const filename = path.join(dir, entry);
    const name = entry.slice(0, -".ejs".length).split(path.sep).join("/");
    try {
      compiled.set(name, ejs.compile(readFileSync(filename, "utf8"), { filename, views: [dir], cache: false, strict: true, localsName: "it" }));
    } catch (error) {
      throw new Error(`Cannot compile template ${filename}: ${(error as Error).message}`, { cause: error });
    }
  }
  return (name, data) => {
    const template = compiled.get(name);
    if (!template) throw new Error(`No template named "${name}" in ${dir}`);
    return template(data);
  };
}
