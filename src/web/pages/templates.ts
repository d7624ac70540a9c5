import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ejs from "ejs";
import { viewsDir } from "../../paths.js";
import { PAGE_TEMPLATES } from "./view-contract.js";

/** The page templates, plus the layout that wraps each of them. */
const REQUIRED = [...PAGE_TEMPLATES, "layout"] as const;
export type RequiredTemplate = (typeof REQUIRED)[number];

export type RenderTemplate = (name: RequiredTemplate, data: object) => string;

/**
 * Compiles every view once, so rendering is a plain function call, and a broken or missing template
 * fails at start rather than on the first request that needs it.
 */
export function compileTemplates(dir: string = viewsDir): RenderTemplate {
  const compiled = new Map<string, ejs.TemplateFunction>();
  // With cache on, EJS compiles each partial once, on first include, and keeps it by file name; without, it
  // read and compiled every include on every render (at 10,000 entries, a tenth of the server's time).
  // Cleared here, so templates compiled again (npm run dev's reload) see edited partials.
  ejs.clearCache();
  for (const entry of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    if (!entry.endsWith(".ejs")) continue;
    const filename = path.join(dir, entry);
    const name = entry.slice(0, -".ejs".length).split(path.sep).join("/");
    try {
      compiled.set(
        name,
        ejs.compile(readFileSync(filename, "utf8"), {
          filename,
          // Includes name their file from the views folder (`/partials/…`): EJS then resolves them without
          // asking the file system whether each exists, which it did on every include of every render.
          root: dir,
          cache: true,
          strict: true,
          localsName: "it",
        }),
      );
    } catch (error) {
      throw new Error(`Cannot compile template ${filename}: ${(error as Error).message}`, { cause: error });
    }
  }
  const missing = REQUIRED.filter((name) => !compiled.has(name));
  if (missing.length > 0) {
    throw new Error(
      `Missing template${missing.length > 1 ? "s" : ""} in ${dir}: ${missing.map((name) => `${name}.ejs`).join(", ")}. Every page template the site renders must exist.`,
    );
  }
  return (name, data) => {
    const template = compiled.get(name);
    // Unreachable after the check above; kept so a wrong name can never render an empty page.
    if (!template) throw new Error(`No template named "${name}" in ${dir}`);
    return template(data);
  };
}
