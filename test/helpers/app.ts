import { loadContent } from "../../src/content/load-content.js";
import type { Content } from "../../src/content/types.js";
import { createApp, type RequestListener } from "../../src/web/app/create-app.js";
import { CONTENT_DIR } from "./content-dir.js";

let cached: Promise<{ content: Content; app: RequestListener }> | undefined;

/** The real site over the bundled content, built once per test file; `app` is its request listener. */
export function bundledSite(): Promise<{ content: Content; app: RequestListener }> {
  cached ??= loadContent(CONTENT_DIR).then((content) => ({ content, app: createApp(content).handle }));
  return cached;
}
