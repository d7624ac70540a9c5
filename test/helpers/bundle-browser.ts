// Vitest's global setup: the page script is bundled from src/browser/ once before any suite builds a site,
// as `npm run build` does before `npm start`.
import { bundleBrowserScript } from "../../scripts/browser-bundle.js";

export default async function setup(): Promise<void> {
  await bundleBrowserScript();
}
