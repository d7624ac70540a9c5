import { fileURLToPath } from "node:url";

// src/ and dist/ are both one level below the project root, so one relative URL serves both.
const root = new URL("../", import.meta.url);

export const projectRoot = fileURLToPath(root);
export const viewsDir = fileURLToPath(new URL("views/", root));
export const publicDir = fileURLToPath(new URL("public/", root));
/** Where `npm run build:browser` writes the page script bundled from src/browser/. */
export const browserBundleDir = fileURLToPath(new URL("dist/browser/", root));
export const defaultContentDir = fileURLToPath(new URL("content/", root));
