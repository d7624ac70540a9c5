import { defaultContentDir } from "./paths.js";

/** Searches per minute per client, `/search` and `/api/search` together; generous, since one partner office may share an address. */
export const DEFAULT_SEARCH_RATE_LIMIT = 300;

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
}

/** Reads server settings from the environment; a bad value is reported by name, not discovered at listen time. */
export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const rawPort = env.PORT?.trim() || "3000";
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${rawPort}".`);
  }
  const rawLimit = env.SEARCH_RATE_LIMIT?.trim() || String(DEFAULT_SEARCH_RATE_LIMIT);
  const searchRateLimit = Number(rawLimit);
  if (!/^\d+$/.test(rawLimit) || !Number.isSafeInteger(searchRateLimit)) {
    throw new ConfigError(`SEARCH_RATE_LIMIT must be a whole number of requests per minute (0 turns it off), not "${rawLimit}".`);
  }
  const rawSiteUrl = env.SITE_URL?.trim() || `http://localhost:${port}`;
  let siteUrl: URL;
  try {
    siteUrl = new URL(rawSiteUrl);
  } catch {
    throw new ConfigError(`SITE_URL must be an absolute URL such as https://faq.example.com, not "${rawSiteUrl}".`);
  }
  if (siteUrl.protocol !== "http:" && siteUrl.protocol !== "https:") throw new ConfigError(`SITE_URL must start with http:// or https://, not "${rawSiteUrl}".`);
  return {
    siteUrl: siteUrl.href.replace(/\/+$/, ""),
    port,
    host: env.HOST?.trim() || "0.0.0.0",
    contentDir: env.CONTENT_DIR?.trim() || defaultContentDir,
    searchRateLimit,
  };
}
