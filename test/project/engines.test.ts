import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const lock = JSON.parse(readFileSync(new URL("../../package-lock.json", import.meta.url), "utf8")) as {
  packages: Record<string, { engines?: { node?: string } }>;
};
const own = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  engines: { node: string };
};

/** The lowest version a range admits when it is one simple lower bound (">=22", "^22.12", "22.x || 24.x"). */
function lowestMajor(range: string): number | undefined {
  const majors = range
    .split("||")
    .map((part) => /(?:>=|\^|~)?\s*v?(\d+)/.exec(part.trim())?.[1])
    .filter((m): m is string => m !== undefined);
  return majors.length > 0 ? Math.min(...majors.map(Number)) : undefined;
}

describe("every installed package runs on the oldest Node we support", () => {
  it("package.json says Node 20.19 or later", () => {
    expect(own.engines.node).toBe(">=20.19");
  });

  it("no package in the lock needs a Node newer than 20", () => {
    const tooNew = Object.entries(lock.packages)
      .filter(([, entry]) => entry.engines?.node !== undefined && (lowestMajor(entry.engines.node) ?? 0) > 20)
      .map(([name, entry]) => `${name.replace(/^node_modules\//, "")} needs ${entry.engines?.node}`);
    expect(tooNew, "pick the newest version whose engines allow Node 20").toEqual([]);
  });
});
