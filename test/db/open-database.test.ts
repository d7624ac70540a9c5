import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { builtInSqlite } from "../../src/db/node-sqlite.js";

const run = promisify(execFile);
const fixture = fileURLToPath(new URL("./fixtures/drivers-loaded.ts", import.meta.url));
const driversLoaded = async (kind: "sqlite" | "postgres") =>
  JSON.parse((await run(process.execPath, ["--import", "tsx", fixture, kind])).stdout) as string[];

describe("openDatabase", () => {
  // Each driver is memory in every thread that opens a database (the server's and the analytics writer's).
  // Two processes starting under tsx: seconds on a busy machine.
  it("loads only the driver the database needs", { timeout: 30_000 }, async () => {
    const [sqlite, postgres] = await Promise.all([driversLoaded("sqlite"), driversLoaded("postgres")]);
    expect(sqlite).toEqual(builtInSqlite() ? [] : ["better-sqlite3"]);
    expect(postgres).toEqual(["pg"]);
  });
});
