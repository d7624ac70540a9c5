import type { Express } from "express";
import { loadContent } from "../../src/content/load-content.js";
import type { Content } from "../../src/content/types.js";
import { createApp } from "../../src/web/create-app.js";
import { CONTENT_DIR } from "./content-dir.js";

let cached: Promise<{ content: Content; app: Express }> | undefined;

/** The real site over the bundled content, built once per test file. */
export function bundledSite(): Promise<{ content: Content; app: Express }> {
  cached ??= loadContent(CONTENT_DIR).then((content) => ({ content, app: createApp(content) }));
  return cached;
}
