import { readFileSync } from "node:fs";
import path from "node:path";
import { type CompressionEffort, IMMUTABLE_CACHE, PreparedResponse } from "./prepared-response.js";

const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
};

export interface FingerprintedAssets {
  /** Logical name (e.g. "css/site.css") → URL with the content hash in it. */
  urls: ReadonlyMap<string, string>;
  /** URL → the prepared response, cacheable for a year because the URL changes when the bytes do. */
  responses: ReadonlyMap<string, PreparedResponse>;
}

/** Reads the named files of public/ and gives each a URL that changes whenever its bytes do. */
export function fingerprintAssets(
  publicDir: string,
  names: readonly string[],
  effort: CompressionEffort = "fast",
): FingerprintedAssets {
  const urls = new Map<string, string>();
  const responses = new Map<string, PreparedResponse>();
  for (const name of names) {
    const ext = path.extname(name);
    const type = TYPES[ext];
    if (!type) throw new Error(`No content type known for asset ${name}`);
    const response = new PreparedResponse(readAsset(publicDir, name), type, IMMUTABLE_CACHE, 200, effort);
    // Every page needs these: compress them now rather than on the first visitor's request.
    response.encodedAs("br");
    response.encodedAs("gzip");
    const hash = response.etag.slice(1, 11).replace(/[^A-Za-z0-9]/g, "0");
    const url = `/assets/${name.slice(0, -ext.length)}.${hash}${ext}`;
    urls.set(name, url);
    responses.set(url, response);
  }
  return { urls, responses };
}

function readAsset(dir: string, name: string): Buffer {
  const file = path.join(dir, name);
  try {
    return readFileSync(file);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    const fix = file.includes(`${path.sep}dist${path.sep}`) ? " Run `npm run build` (or `npm run build:browser`)." : "";
    throw new Error(`${missing ? "Missing asset" : "Cannot read asset"} ${file}.${fix}`, { cause: error });
  }
}
