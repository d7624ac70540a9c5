import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { startArguments } from "../../scripts/start-command.js";

describe("npm start's command", () => {
  it("runs dist/server.js with Node flags this Node accepts, which the benchmarks then use too", () => {
    const args = startArguments();
    expect(args.at(-1)).toBe("dist/server.js");
    const flags = args.slice(0, -1);
    expect(flags).toContain("--max-semi-space-size=4");
    expect(flags).toContain("--heap-growing-percent=50");
    // A misspelt flag would stop the server before it says anything: Node must take these as they are.
    const run = spawnSync(process.execPath, [...flags, "-e", "0"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
