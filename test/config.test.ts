import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../src/config.js";
import { defaultContentDir } from "../src/paths.js";

describe("readConfig", () => {
  it("defaults to port 3000 on all interfaces with the bundled content", () => {
    expect(readConfig({})).toEqual({ port: 3000, host: "0.0.0.0", contentDir: defaultContentDir, searchRateLimit: 300, siteUrl: "http://localhost:3000" });
  });

  it("reads PORT, HOST and CONTENT_DIR", () => {
    expect(readConfig({ PORT: "8080", HOST: "127.0.0.1", CONTENT_DIR: "/srv/faq", SEARCH_RATE_LIMIT: "0", SITE_URL: "https://faq.example.com/" })).toEqual({
      siteUrl: "https://faq.example.com",
      port: 8080,
      host: "127.0.0.1",
      contentDir: "/srv/faq",
      searchRateLimit: 0,
    });
  });

  it.each(["abc", "70000", "-1", "80.5"])("refuses PORT=%s by name", (port) => {
    expect(() => readConfig({ PORT: port })).toThrow(ConfigError);
    expect(() => readConfig({ PORT: port })).toThrow(`PORT must be a whole number from 0 to 65535, not "${port}".`);
  });
});

describe("SEARCH_RATE_LIMIT", () => {
  it.each(["-1", "ten", "1.5"])("refuses %s by name", (value) => {
    expect(() => readConfig({ SEARCH_RATE_LIMIT: value })).toThrow(`SEARCH_RATE_LIMIT must be a whole number of requests per minute (0 turns it off), not "${value}".`);
  });
});

describe("SITE_URL", () => {
  it.each(["faq.example.com", "ftp://faq.example.com", "not a url"])("refuses %s by name", (value) => {
    expect(() => readConfig({ SITE_URL: value })).toThrow(/^SITE_URL must/);
  });
});
