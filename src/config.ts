import { defaultContentDir } from "./web/paths.js";

export class ConfigError extends Error {
  override name = "ConfigError";
}

export interface ServerConfig {
  port: number;
  host: string;
  contentDir: string;
}

/** Reads server settings from the environment; a bad value is reported by name, not discovered at listen time. */
export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const rawPort = env.PORT?.trim() || "3000";
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${rawPort}".`);
  }
  return {
    port,
    host: env.HOST?.trim() || "0.0.0.0",
    contentDir: env.CONTENT_DIR?.trim() || defaultContentDir,
  };
}
