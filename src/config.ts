import { DEFAULT_DATABASE_URL, parseDatabaseUrl, type DatabaseLocation } from "./db/database-url.js";
import { LOG_LEVELS } from "./ops/log-levels.js";
import { compileTrust, type TrustProxy } from "./ops/trust-proxy.js";
import { defaultContentDir, projectRoot } from "./paths.js";

/** Searches per minute per client, `/search` and `/api/search` together; generous, since one partner office may share an address. */
export const DEFAULT_SEARCH_RATE_LIMIT = 300;
/** Votes per minute per client: far above what a reader does, far below a script. */
export const DEFAULT_FEEDBACK_RATE_LIMIT = 30;
export const DEFAULT_RETENTION_DAYS = 180;
/** Well under the usual open-file limits, well over what one process can serve at once. */
export const DEFAULT_MAX_CONNECTIONS = 4_096;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export interface ServerConfig {
  port: number;
  host: string;
  contentDir: string;
  /** /api/search requests per minute per client; 0 = no limit. */
  searchRateLimit: number;
  /** Where the site is published, without a trailing slash. */
  siteUrl: string;
  /** Reader feedback and search analytics; off records nothing and hides the widget. */
  analytics: boolean;
  database: DatabaseLocation;
  retentionDays: number;
  /** Votes per minute per client; 0 = no limit. */
  feedbackRateLimit: number;
  /** Proxies in front whose X-Forwarded-For, -Proto and X-Request-Id are believed: none, N hops, or addresses. */
  trustProxy: TrustProxy;
  logLevel: string;
  accessLog: boolean;
  /** /metrics needs this bearer token; unset, /metrics is 404 on the site's port. */
  metricsToken: string | undefined;
  /** A second listener on 127.0.0.1 serving /metrics without a token. */
  metricsPort: number | undefined;
  /** Open connections per process; more are closed as they arrive. */
  maxConnections: number;
  /** Error-code spike alerts: where they are POSTed (none: the dashboard shows them only), and the rule. */
  alerts: { webhookUrl: string | undefined; factor: number; minimum: number };
  /** Settings that work but are probably not what the operator meant; the server logs each at start. */
  warnings: string[];
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, meaning: string, min = 0): number {
  const raw = env[name]?.trim() || String(fallback);
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min)
    throw new ConfigError(`${name} must be ${meaning}, not "${raw}".`);
  return value;
}

/**
 * TRUST_PROXY: off (the default), a number of proxy hops in front ("true" means one), or a comma-separated
 * list of proxy addresses and subnets (10.0.0.0/8, loopback).
 */
function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim().toLowerCase() ?? "";
  if (["", "0", "false", "off", "no"].includes(value)) return false;
  if (["true", "on", "yes"].includes(value)) return 1;
  if (/^\d+$/.test(value)) return Number(value);
  const list = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  try {
    compileTrust(list);
  } catch (error) {
    throw new ConfigError(
      `TRUST_PROXY must be off, a number of proxy hops, or a comma-separated list of proxy addresses or subnets (such as 10.0.0.0/8, loopback): ${(error as Error).message} in "${raw}".`,
      { cause: error },
    );
  }
  return list;
}

/** Reads server settings from the environment; a bad value is reported by name, not discovered at listen time. */
export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const rawPort = env.PORT?.trim() || "3000";
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${rawPort}".`);
  }
  const searchRateLimit = wholeNumber(
    env,
    "SEARCH_RATE_LIMIT",
    DEFAULT_SEARCH_RATE_LIMIT,
    "a whole number of requests per minute (0 turns it off)",
  );
  const feedbackRateLimit = wholeNumber(
    env,
    "FEEDBACK_RATE_LIMIT",
    DEFAULT_FEEDBACK_RATE_LIMIT,
    "a whole number of votes per minute (0 turns it off)",
  );
  const maxConnections = wholeNumber(
    env,
    "MAX_CONNECTIONS",
    DEFAULT_MAX_CONNECTIONS,
    "a whole number of connections, at least 1",
    1,
  );
  const retentionDays = wholeNumber(
    env,
    "ANALYTICS_RETENTION_DAYS",
    DEFAULT_RETENTION_DAYS,
    "a whole number of days, at least 1",
    1,
  );
  const rawAnalytics = env.ANALYTICS?.trim().toLowerCase() || "on";
  if (rawAnalytics !== "on" && rawAnalytics !== "off")
    throw new ConfigError(`ANALYTICS must be on or off, not "${env.ANALYTICS}".`);
  const logLevel = env.LOG_LEVEL?.trim().toLowerCase() || "info";
  if (!LOG_LEVELS.includes(logLevel as (typeof LOG_LEVELS)[number]))
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not "${env.LOG_LEVEL}".`);
  const rawAccess = env.ACCESS_LOG?.trim().toLowerCase() || "on";
  if (rawAccess !== "on" && rawAccess !== "off")
    throw new ConfigError(`ACCESS_LOG must be on or off, not "${env.ACCESS_LOG}".`);
  const metricsToken = env.METRICS_TOKEN?.trim() || undefined;
  if (metricsToken !== undefined && metricsToken.length < 16)
    throw new ConfigError("METRICS_TOKEN must be at least 16 characters: anyone who guesses it reads the metrics.");
  const metricsPort = env.METRICS_PORT?.trim()
    ? wholeNumber(env, "METRICS_PORT", 0, "a port number from 1 to 65535", 1)
    : undefined;
  if (metricsPort !== undefined && metricsPort > 65535)
    throw new ConfigError(`METRICS_PORT must be a port number from 1 to 65535, not "${env.METRICS_PORT}".`);
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  const alerts = readAlerts(env);
  let database: DatabaseLocation;
  try {
    database = parseDatabaseUrl(env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL, projectRoot);
  } catch (error) {
    throw new ConfigError((error as Error).message, { cause: error });
  }
  const warnings: string[] = [];
  if (!env.SITE_URL?.trim()) {
    const consequence = `canonical links, the sitemap, robots.txt and OpenSearch would point to http://localhost:${port}`;
    if (env.NODE_ENV === "production")
      throw new ConfigError(
        `SITE_URL must be set when NODE_ENV=production: ${consequence}. Set it to the public address, e.g. SITE_URL=https://faq.example.com.`,
      );
    warnings.push(`SITE_URL is not set: ${consequence}. Set it to the public address before publishing.`);
  }
  const rawSiteUrl = env.SITE_URL?.trim() || `http://localhost:${port}`;
  let siteUrl: URL;
  try {
    siteUrl = new URL(rawSiteUrl);
  } catch {
    throw new ConfigError(`SITE_URL must be an absolute URL such as https://faq.example.com, not "${rawSiteUrl}".`);
  }
  if (siteUrl.protocol !== "http:" && siteUrl.protocol !== "https:")
    throw new ConfigError(`SITE_URL must start with http:// or https://, not "${rawSiteUrl}".`);
  // An https site is almost always behind a proxy that ends TLS: untrusted, it is one client for every limit.
  if (siteUrl.protocol === "https:" && trustProxy === false)
    warnings.push(
      "SITE_URL is https but TRUST_PROXY is not set: behind a proxy that ends TLS, every reader counts as the proxy's address (one rate limit and one vote key for all) and X-Forwarded-Proto is not believed. Set TRUST_PROXY to the proxy's hop count or addresses.",
    );
  return {
    siteUrl: siteUrl.href.replace(/\/+$/, ""),
    port,
    host: env.HOST?.trim() || "0.0.0.0",
    contentDir: env.CONTENT_DIR?.trim() || defaultContentDir,
    searchRateLimit,
    analytics: rawAnalytics === "on",
    database,
    retentionDays,
    feedbackRateLimit,
    trustProxy,
    logLevel,
    accessLog: rawAccess === "on",
    metricsToken,
    metricsPort,
    maxConnections,
    alerts,
    warnings,
  };
}

/** ALERT_WEBHOOK_URL (http or https, from the environment only), ALERT_SPIKE_FACTOR and ALERT_SPIKE_MINIMUM. */
function readAlerts(env: NodeJS.ProcessEnv): ServerConfig["alerts"] {
  const raw = env.ALERT_WEBHOOK_URL?.trim() || undefined;
  if (raw !== undefined && !(URL.canParse(raw) && /^https?:$/.test(new URL(raw).protocol)))
    throw new ConfigError(
      "ALERT_WEBHOOK_URL must be the full address of an incoming webhook, such as https://hooks.slack.com/services/…",
    );
  return {
    webhookUrl: raw,
    factor: wholeNumber(env, "ALERT_SPIKE_FACTOR", 3, "a whole number of times the usual hour, at least 2", 2),
    minimum: wholeNumber(env, "ALERT_SPIKE_MINIMUM", 20, "a whole number of searches and visits, at least 1", 1),
  };
}
