import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../src/config.js";
import path from "node:path";
import { defaultContentDir, projectRoot } from "../src/paths.js";

describe("readConfig", () => {
  it("defaults to port 3000 on all interfaces with the bundled content", () => {
    expect(readConfig({})).toEqual({
      port: 3000,
      host: "0.0.0.0",
      contentDir: defaultContentDir,
      searchRateLimit: 300,
      siteUrl: "http://localhost:3000",
      analytics: true,
      database: { kind: "sqlite", file: path.join(projectRoot, "data/helpcenter.db") },
      retentionDays: 180,
      feedbackRateLimit: 30,
      trustProxy: false,
      logLevel: "info",
      accessLog: true,
      metricsToken: undefined,
      metricsPort: undefined,
      maxConnections: 4096,
      alerts: { webhookUrl: undefined, factor: 3, minimum: 20 },
      warnings: [expect.stringMatching(/^SITE_URL is not set/)],
    });
  });

  it("reads PORT, HOST and CONTENT_DIR", () => {
    expect(
      readConfig({
        PORT: "8080",
        HOST: "127.0.0.1",
        CONTENT_DIR: "/srv/faq",
        SEARCH_RATE_LIMIT: "0",
        SITE_URL: "https://faq.example.com/",
        ANALYTICS: "off",
        DATABASE_URL: "postgres://faq:secret@db.internal:5432/faq",
        ANALYTICS_RETENTION_DAYS: "30",
        FEEDBACK_RATE_LIMIT: "5",
        TRUST_PROXY: "1",
        LOG_LEVEL: "warn",
        ACCESS_LOG: "off",
        METRICS_TOKEN: "a-long-enough-secret",
        METRICS_PORT: "9464",
        MAX_CONNECTIONS: "500",
      }),
    ).toEqual({
      siteUrl: "https://faq.example.com",
      port: 8080,
      host: "127.0.0.1",
      contentDir: "/srv/faq",
      searchRateLimit: 0,
      analytics: false,
      database: { kind: "postgres", url: "postgres://faq:secret@db.internal:5432/faq" },
      retentionDays: 30,
      feedbackRateLimit: 5,
      trustProxy: 1,
      logLevel: "warn",
      accessLog: false,
      metricsToken: "a-long-enough-secret",
      metricsPort: 9464,
      maxConnections: 500,
      alerts: { webhookUrl: undefined, factor: 3, minimum: 20 },
      warnings: [],
    });
  });

  it.each(["abc", "70000", "-1", "80.5"])("refuses PORT=%s by name", (port) => {
    expect(() => readConfig({ PORT: port })).toThrow(ConfigError);
    expect(() => readConfig({ PORT: port })).toThrow(`PORT must be a whole number from 0 to 65535, not "${port}".`);
  });
});

describe("SEARCH_RATE_LIMIT", () => {
  it.each(["-1", "ten", "1.5"])("refuses %s by name", (value) => {
    expect(() => readConfig({ SEARCH_RATE_LIMIT: value })).toThrow(
      `SEARCH_RATE_LIMIT must be a whole number of requests per minute (0 turns it off), not "${value}".`,
    );
  });
});

describe("SITE_URL", () => {
  it.each(["faq.example.com", "ftp://faq.example.com", "not a url"])("refuses %s by name", (value) => {
    expect(() => readConfig({ SITE_URL: value })).toThrow(/^SITE_URL must/);
  });

  it("warns when SITE_URL is https and TRUST_PROXY is unset, and not once TRUST_PROXY says whom to trust", () => {
    expect(readConfig({ SITE_URL: "https://faq.example.com", TRUST_PROXY: "" }).warnings).toEqual([
      expect.stringMatching(/^SITE_URL is https but TRUST_PROXY is not set/),
    ]);
    expect(readConfig({ SITE_URL: "https://faq.example.com", TRUST_PROXY: "1" }).warnings).toEqual([]);
  });

  it("unset, it warns that public links would point to localhost; set, nothing to say", () => {
    expect(readConfig({ PORT: "8080" }).warnings).toEqual([
      "SITE_URL is not set: canonical links, the sitemap, robots.txt and OpenSearch would point to http://localhost:8080. Set it to the public address before publishing.",
    ]);
    expect(readConfig({ SITE_URL: "https://faq.example.com", TRUST_PROXY: "1" }).warnings).toEqual([]);
  });

  it("unset with NODE_ENV=production, the server refuses to start and says what to set", () => {
    expect(() => readConfig({ NODE_ENV: "production" })).toThrow(ConfigError);
    expect(() => readConfig({ NODE_ENV: "production" })).toThrow(
      /^SITE_URL must be set when NODE_ENV=production: .*SITE_URL=https:\/\/faq\.example\.com\.$/,
    );
    expect(readConfig({ NODE_ENV: "production", SITE_URL: "https://faq.example.com" }).siteUrl).toBe(
      "https://faq.example.com",
    );
  });
});

describe("TRUST_PROXY", () => {
  it.each([
    [undefined, false],
    ["off", false],
    ["0", false],
    ["true", 1],
    ["2", 2],
    ["10.0.0.0/8, loopback", ["10.0.0.0/8", "loopback"]],
    ["192.0.2.10", ["192.0.2.10"]],
  ])("%s means %o", (value, trust) => {
    expect(readConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual(trust);
  });

  it("refuses an entry that is not an address, a subnet or a name, naming it", () => {
    expect(() => readConfig({ TRUST_PROXY: "10.0.0.0/8,proxy.internal" })).toThrow(ConfigError);
    expect(() => readConfig({ TRUST_PROXY: "10.0.0.0/8,proxy.internal" })).toThrow(
      /^TRUST_PROXY must be off, a number of proxy hops, or a comma-separated list .*proxy\.internal/,
    );
  });
});

describe("analytics settings", () => {
  it.each([
    [{ ANALYTICS: "maybe" }, 'ANALYTICS must be on or off, not "maybe".'],
    [
      { ANALYTICS_RETENTION_DAYS: "0" },
      'ANALYTICS_RETENTION_DAYS must be a whole number of days, at least 1, not "0".',
    ],
    [
      { FEEDBACK_RATE_LIMIT: "lots" },
      'FEEDBACK_RATE_LIMIT must be a whole number of votes per minute (0 turns it off), not "lots".',
    ],
    [{ LOG_LEVEL: "loud" }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "loud".'],
    [{ ACCESS_LOG: "maybe" }, 'ACCESS_LOG must be on or off, not "maybe".'],
    [{ METRICS_TOKEN: "short" }, "METRICS_TOKEN must be at least 16 characters"],
    [{ MAX_CONNECTIONS: "0" }, 'MAX_CONNECTIONS must be a whole number of connections, at least 1, not "0".'],
    [{ METRICS_PORT: "70000" }, 'METRICS_PORT must be a port number from 1 to 65535, not "70000".'],
    [
      { DATABASE_URL: "mysql://x" },
      'DATABASE_URL must be sqlite:<file> (for example sqlite:data/helpcenter.db) or postgres://user:password@host/database, not "mysql://x".',
    ],
  ])("refuses %o by name", (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });
});

describe("spike alerts", () => {
  it("default to 3× the usual hour and at least 20, with no webhook", () => {
    expect(readConfig({}).alerts).toEqual({ webhookUrl: undefined, factor: 3, minimum: 20 });
  });

  it("read the webhook and the rule from the environment", () => {
    const config = readConfig({
      ALERT_WEBHOOK_URL: "https://hooks.slack.com/services/T0/B0/x",
      ALERT_SPIKE_FACTOR: "4",
      ALERT_SPIKE_MINIMUM: "50",
    });
    expect(config.alerts).toEqual({ webhookUrl: "https://hooks.slack.com/services/T0/B0/x", factor: 4, minimum: 50 });
  });

  it.each([
    [{ ALERT_WEBHOOK_URL: "hooks.slack.com/x" }, /ALERT_WEBHOOK_URL must be the full address/],
    [{ ALERT_WEBHOOK_URL: "javascript:alert(1)" }, /ALERT_WEBHOOK_URL/],
    [{ ALERT_SPIKE_FACTOR: "1" }, /ALERT_SPIKE_FACTOR must be/],
    [{ ALERT_SPIKE_MINIMUM: "0" }, /ALERT_SPIKE_MINIMUM must be/],
  ])("refuse %o", (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });
});
