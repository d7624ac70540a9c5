import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS, migrate, SchemaTooNewError } from "../../src/db/migrations.js";
import { openDatabase } from "../../src/db/open-database.js";
import { testDatabases } from "../helpers/databases.js";

describe.each(testDatabases())("migrations on $name", (engine) => {
  afterAll(() => engine.cleanup());

  it("apply every migration once, and again is a no-op", async () => {
    const location = await engine.fresh();
    const db = openDatabase(location);
    try {
      expect(await migrate(db, location.kind)).toEqual({ applied: Object.keys(MIGRATIONS) });
      expect(await migrate(db, location.kind)).toEqual({ applied: [] });
      const tables = (await db.introspection.getTables()).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(["daily_salts", "feedback_votes", "search_events"]));
    } finally {
      await db.destroy();
    }
  });

  it("refuse a database migrated by a newer release, saying so", async () => {
    const location = await engine.fresh();
    const db = openDatabase(location);
    try {
      await migrate(db, location.kind);
      await sql`insert into kysely_migration (name, timestamp) values ('999-from-the-future', '2027-01-01T00:00:00.000Z')`.execute(db);
      await expect(migrate(db, location.kind)).rejects.toThrow(SchemaTooNewError);
      await expect(migrate(db, location.kind)).rejects.toThrow("The database schema is newer than this code: it has migration 999-from-the-future");
    } finally {
      await db.destroy();
    }
  });
});
