import { describe, expect, it } from "vitest";
import { isCrossSite } from "../../../src/web/http/cross-site.js";

describe("isCrossSite", () => {
  it.each([
    [{ host: "faq.example.com", "sec-fetch-site": "same-origin" }, false],
    [{ host: "faq.example.com", "sec-fetch-site": "none" }, false],
    [{ host: "faq.example.com", origin: "https://faq.example.com" }, false],
    [{ host: "localhost:3000", origin: "http://localhost:3000" }, false],
    [{ host: "faq.example.com" }, false],
    [{ host: "faq.example.com", "sec-fetch-site": "cross-site" }, true],
    [{ host: "faq.example.com", "sec-fetch-site": "same-site" }, true],
    [{ host: "faq.example.com", origin: "https://evil.example" }, true],
    [{ host: "faq.example.com", origin: "null" }, true],
    [{ host: "faq.example.com", origin: "not a url" }, true],
  ])("%j → %s", (headers, crossSite) => {
    expect(isCrossSite(headers)).toBe(crossSite);
  });
});
