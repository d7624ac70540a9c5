import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { DatabaseLocation } from "../../src/db/database-url.js";
import { migrate } from "../../src/db/migrations.js";
import { openDatabase, type Db } from "../../src/db/open-database.js";

export interface TestDatabase {
  name: string;
  /** A fresh, empty database each call: its own SQLite file, or its own PostgreSQL schema. */
  fresh(): Promise<DatabaseLocation>;
  /** A fresh database, opened and migrated to the current schema; the caller destroys `db`. */
  migrated(): Promise<{ db: Db; location: DatabaseLocation }>;
  /** Removes everything fresh() made. */
  cleanup(): Promise<void>;
}

async function migratedOn(fresh: () => Promise<DatabaseLocation>): Promise<{ db: Db; location: DatabaseLocation }> {
  const location = await fresh();
  const db = openDatabase(location);
  await migrate(db, location.kind);
  return { db, location };
}

function sqlite(): TestDatabase {
  const dirs: string[] = [];
  const engine: TestDatabase = {
    name: "SQLite",
    async fresh() {
      const dir = await mkdtemp(path.join(tmpdir(), "faq-db-"));
      dirs.push(dir);
      return { kind: "sqlite", file: path.join(dir, "helpcenter.db") };
    },
    migrated: () => migratedOn(() => engine.fresh()),
    async cleanup() {
      for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
    },
  };
  return engine;
}

/** Each fresh() is a new schema on TEST_DATABASE_URL, so test files can run side by side on one server. */
function postgres(url: string): TestDatabase {
  const schemas: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const engine: TestDatabase = {
    name: "PostgreSQL",
    async fresh() {
      const schema = `t_${randomBytes(6).toString("hex")}`;
      await admin((client) => client.query(`create schema ${schema}`));
      schemas.push(schema);
      const located = new URL(url);
      located.searchParams.set("options", `-c search_path=${schema}`);
      return { kind: "postgres", url: located.href };
    },
    async cleanup() {
      const made = schemas.splice(0);
      if (made.length > 0)
        await admin(async (client) => void (await client.query(`drop schema ${made.join(", ")} cascade`)));
    },
    migrated: () => migratedOn(() => engine.fresh()),
  };
  return engine;
}

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL names one (CI sets it). */
export function testDatabases(): TestDatabase[] {
  const url = process.env.TEST_DATABASE_URL;
  return url ? [sqlite(), postgres(url)] : [sqlite()];
}
