import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../src/config.js";
import { defaultContentDir } from "../src/web/paths.js";

describe("readConfig", () => {
  it("defaults to port 3000 on all interfaces with the bundled content", () => {
    expect(readConfig({})).toEqual({ port: 3000, host: "0.0.0.0", contentDir: defaultContentDir });
  });

  it("reads PORT, HOST and CONTENT_DIR", () => {
    expect(readConfig({ PORT: "8080", HOST: "127.0.0.1", CONTENT_DIR: "/srv/faq" })).toEqual({ port: 8080, host: "127.0.0.1", contentDir: "/srv/faq" });
  });

  it.each(["abc", "70000", "-1", "80.5"])("refuses PORT=%s by name", (port) => {
    expect(() => readConfig({ PORT: port })).toThrow(ConfigError);
    expect(() => readConfig({ PORT: port })).toThrow(`PORT must be a whole number from 0 to 65535, not "${port}".`);
  });
});
