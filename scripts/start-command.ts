import { readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * What follows `node` in `npm start` (its flags, then dist/server.js), so the benchmarks and the load test
 * measure the server as it is started, flags included.
 */
export function startArguments(): string[] {
  const start = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } })
    .scripts.start;
  const [command, ...args] = start.trim().split(/\s+/);
  if (command !== "node" || args.at(-1) !== "dist/server.js")
    throw new Error(`package.json's start script must be "node [flags] dist/server.js", not "${start}"`);
  return args;
}
