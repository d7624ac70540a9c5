import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fingerprintAssets } from "../../../src/web/http/fingerprinted-assets.js";

async function publicWith(css: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "faq-public-"));
  await writeFile(path.join(dir, "site.css"), css);
  return dir;
}

describe("fingerprintAssets", () => {
  it("gives each file a URL that changes exactly when its bytes do, cached for a year", async () => {
    const a = fingerprintAssets(await publicWith("body{color:red}".repeat(100)), ["site.css"]);
    const same = fingerprintAssets(await publicWith("body{color:red}".repeat(100)), ["site.css"]);
    const other = fingerprintAssets(await publicWith("body{color:blue}".repeat(100)), ["site.css"]);
    const url = a.urls.get("site.css") ?? "";
    expect(url).toMatch(/^\/assets\/site\.[A-Za-z0-9]{10}\.css$/);
    expect(same.urls.get("site.css")).toBe(url);
    expect(other.urls.get("site.css")).not.toBe(url);
    const response = a.responses.get(url);
    expect(response?.cacheControl).toBe("public, max-age=31536000, immutable");
    expect(response?.contentType).toBe("text/css; charset=utf-8");
  });

  it("refuses a file type it has no content type for", async () => {
    const dir = await publicWith("x");
    await writeFile(path.join(dir, "logo.bmp"), "x");
    expect(() => fingerprintAssets(dir, ["logo.bmp"])).toThrow("No content type known for asset logo.bmp");
  });
});
