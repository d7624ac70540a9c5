// `npm run export [dir]`: the whole site as static files (default dist/site/), for any static host or CDN.
// Pages come from the real app over loopback, so the export is byte for byte what the server sends.
import { createServer } from "node:http";
import { createHash } from "node:crypto";
import { copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "esbuild";
import { BROWSER_TARGET, bundleBrowserScript } from "./browser-bundle.js";
import type { ExportedIndex } from "../src/browser/static-search.js";
import { loadContent } from "../src/content/load-content.js";
import { serialiseIndex } from "../src/search/index.js";
import { searchIndexOf } from "../src/web/search/documents-from-content.js";
import { createApp, DEFAULT_SITE_URL } from "../src/web/app/create-app.js";
import { defaultContentDir, projectRoot, publicDir } from "../src/paths.js";
import { listingOf } from "../src/web/pages/listing.js";
import { urls } from "../src/web/pages/urls.js";

export async function exportSite(outDir: string, contentDir: string = defaultContentDir): Promise<{ files: number }> {
  const content = await loadContent(contentDir);
  const siteUrl = (process.env.SITE_URL ?? DEFAULT_SITE_URL).replace(/\/+$/, "");
  await bundleBrowserScript();
  const app = createApp(content, { siteUrl });
  const server = createServer(app.handle).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let files = 0;
  const write = async (file: string, body: string | Uint8Array) => {
    const target = path.join(outDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, body);
    files++;
  };
  const get = async (urlPath: string) => {
    const response = await fetch(origin + urlPath, { headers: { "Accept-Encoding": "identity" }, redirect: "manual" });
    return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
  };

  try {
    await rm(outDir, { recursive: true, force: true });

    // The engine, bundled for the browser: the same code the server searches with.
    const bundle = await build({
      entryPoints: [path.join(projectRoot, "src/browser/static-search.ts")],
      bundle: true,
      format: "iife",
      minify: true,
      target: BROWSER_TARGET,
      write: false,
    });
    const code = bundle.outputFiles[0]?.contents ?? new Uint8Array();
    const searchScript = `/assets/static-search.${createHash("sha256").update(code).digest("hex").slice(0, 10)}.js`;
    await write(searchScript, code);
    const addSearchScript = (html: string) =>
      html.replace(
        `<script src="${app.assets.js}"`,
        `<script src="${searchScript}" defer></script>\n<script src="${app.assets.js}"`,
      );

    // Every page under its path as index.html, so /questions/ae01 is served by any static host.
    // The contact page too, when the content names the office: with nothing recording here, its button is the
    // office's own mailto: or form, and nothing is counted.
    for (const urlPath of [...app.pagePaths(), urls.search(), ...(content.contact ? [urls.contact()] : [])]) {
      const { status, body } = await get(urlPath);
      if (status !== 200) throw new Error(`${urlPath} answered ${status} during export`);
      // Assets and files like /sitemap.xml keep their names; pages become <path>/index.html.
      if (urlPath.startsWith("/assets/") || path.extname(urlPath) !== "") await write(urlPath, body);
      else await write(path.join(urlPath, "index.html"), addSearchScript(body.toString()));
    }
    await write("404.html", addSearchScript((await get("/404-for-export")).body.toString()));
    await copyFile(path.join(publicDir, "favicon.ico"), path.join(outDir, "favicon.ico"));

    // Error-code shortcuts become tiny redirect pages, under the lower-case path only: on a case-insensitive
    // file system or host, errors/AE01 and errors/ae01 would be one folder. The 404 page's script sends other
    // spellings there.
    for (const question of content.questions) {
      for (const code of question.codes) {
        const target = urls.question(question.id);
        const page = `<!doctype html>\n<html lang="ja"><head><meta charset="utf-8"><title>${code}</title><meta http-equiv="refresh" content="0; url=${target}"><link rel="canonical" href="${target}"></head>\n<body><p><a href="${target}">${question.title}</a></p></body></html>\n`;
        await write(`errors/${code.toLowerCase()}/index.html`, page);
      }
    }

    const index = searchIndexOf(content);
    const exported: ExportedIndex = {
      index: serialiseIndex(index),
      docs: index.ids.map((id) => {
        const question = content.questionById.get(id);
        const category = question && content.categoryById.get(question.category);
        if (!question || !category) throw new Error(`search index names unknown question ${id}`);
        return {
          title: question.title,
          url: urls.question(id),
          anchorUrl: listingOf(content).anchorUrl(question),
          category: { id: category.id, title: category.title },
          text: question.text,
        };
      }),
    };
    await write("search-index.json", JSON.stringify(exported));
  } finally {
    server.close();
  }
  return { files };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = path.resolve(process.argv[2] ?? path.join(projectRoot, "dist/site"));
  const { files } = await exportSite(outDir, process.env.CONTENT_DIR ?? defaultContentDir);
  console.log(`Exported ${files} files to ${outDir}`);
}
