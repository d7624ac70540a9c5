import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface LockEntry {
  version?: string;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
}
const lock = JSON.parse(readFileSync(new URL("../../package-lock.json", import.meta.url), "utf8")) as {
  packages: Record<string, LockEntry>;
};

/**
 * `npm ci` installs only what the lock names. A lock written without a platform's build (as a pruning
 * script once did) installs no native binary on that platform, and vitest cannot start there.
 */
describe("package-lock.json keeps every platform's native builds", () => {
  it.each(["rollup", "esbuild", "typescript", "@biomejs/biome"])(
    "every optional platform package of %s has its own entry",
    (name) => {
      const entry = lock.packages[`node_modules/${name}`];
      expect(entry, `${name} is in the lock`).toBeDefined();
      const optional = Object.keys(entry?.optionalDependencies ?? {});
      expect(optional.length).toBeGreaterThanOrEqual(10);
      const missing = optional.filter((dep) => !lock.packages[`node_modules/${dep}`]);
      expect(missing, `regenerate the lock with a plain npm install; never prune optional packages`).toEqual([]);
    },
  );

  it.each([
    ["@rollup/rollup-darwin-arm64", "darwin", "arm64"],
    ["@rollup/rollup-win32-x64-msvc", "win32", "x64"],
    ["@rollup/rollup-linux-x64-musl", "linux", "x64"],
    ["@rollup/rollup-linux-x64-gnu", "linux", "x64"],
    ["@esbuild/darwin-arm64", "darwin", "arm64"],
    ["@esbuild/win32-x64", "win32", "x64"],
    ["@esbuild/linux-x64", "linux", "x64"],
    ["@typescript/typescript-darwin-arm64", "darwin", "arm64"],
    ["@typescript/typescript-win32-x64", "win32", "x64"],
    ["@typescript/typescript-linux-x64", "linux", "x64"],
    ["@biomejs/cli-darwin-arm64", "darwin", "arm64"],
    ["@biomejs/cli-win32-x64", "win32", "x64"],
    ["@biomejs/cli-linux-x64", "linux", "x64"],
    ["@biomejs/cli-linux-x64-musl", "linux", "x64"],
  ])("%s is locked for %s/%s", (name, os, cpu) => {
    const entry = lock.packages[`node_modules/${name}`];
    expect(entry?.os).toContain(os);
    expect(entry?.cpu).toContain(cpu);
  });
});
