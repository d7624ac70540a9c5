// `npm run build:browser`: the page script, src/browser/site.ts, bundled by esbuild into
// dist/browser/js/site.js, where the server fingerprints it as /assets/js/site.<hash>.js. `npm run build`,
// `npm run dev`, the static export and the test suites' setup all run it.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { browserBundleDir, projectRoot } from "../src/paths.js";

/** The browsers the site supports: what esbuild may leave as it is. */
export const BROWSER_TARGET = "es2020";

export async function bundleBrowserScript(): Promise<string> {
  const outfile = path.join(browserBundleDir, "js/site.js");
  await build({
    entryPoints: [path.join(projectRoot, "src/browser/site.ts")],
    bundle: true,
    format: "iife",
    minify: true,
    target: BROWSER_TARGET,
    outfile,
    logLevel: "warning",
  });
  return outfile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await bundleBrowserScript();
