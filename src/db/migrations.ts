import { type Kysely, type Migration, Migrator, sql } from "kysely";

/**
 * The schema's history, oldest first. Never edit a migration that has shipped: add the next one. Kept in
 * code (not read from a folder) so the compiled server and the TypeScript sources run the same list.
 */
export const MIGRATIONS: Record<string, Migration> = {
  "001-feedback-and-searches": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("daily_salts")
        .addColumn("day", "text", (c) => c.primaryKey())
        .addColumn("salt", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("feedback_votes")
        .addColumn("day", "text", (c) => c.notNull())
        .addColumn("visitor_key", "text", (c) => c.notNull())
        .addColumn("question_id", "text", (c) => c.notNull())
        .addColumn("helpful", "integer", (c) => c.notNull())
        .addColumn("reason", "text")
        .addColumn("comment", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("feedback_votes_pk", ["day", "visitor_key", "question_id"])
        .execute();
      await db.schema.createIndex("feedback_votes_question").on("feedback_votes").columns(["question_id", "day"]).execute();
      await db.schema
        .createTable("search_events")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("day", "text", (c) => c.notNull())
        .addColumn("visitor_key", "text", (c) => c.notNull())
        .addColumn("query", "text", (c) => c.notNull())
        .addColumn("results", "integer", (c) => c.notNull())
        .addColumn("top_result", "text")
        .addColumn("code_match", "integer", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("clicked_question", "text")
        .addColumn("clicked_position", "integer")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("search_events_day").on("search_events").column("day").execute();
      // Finds the search a click belongs to: the same reader's latest search for that query that day.
      await db.schema.createIndex("search_events_visitor").on("search_events").columns(["day", "visitor_key", "query"]).execute();
    },
  },
};

export class SchemaTooNewError extends Error {
  override name = "SchemaTooNewError";
}

/**
 * PostgreSQL: the schema on the connection's search path, named to Kysely's migrator because its checks
 * would otherwise see the bookkeeping tables of every schema on the server. SQLite has one namespace.
 */
async function bookkeepingSchema(db: Kysely<any>, engine: Engine): Promise<string | undefined> {
  if (engine === "sqlite") return undefined;
  const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return current.rows[0]?.schema;
}

export type Engine = "sqlite" | "postgres";

/**
 * Brings the schema up to date. A database that has migrations this code does not know was migrated by a
 * newer release: refused, since this code would misread it.
 */
// Kysely<any>: migrations work on the schema as it is at that point, not as Database describes it today.
export async function migrate(db: Kysely<any>, engine: Engine): Promise<{ applied: string[] }> {
  const known = new Set(Object.keys(MIGRATIONS));
  const schema = await bookkeepingSchema(db, engine);
  const applied = await appliedMigrations(db, schema);
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new SchemaTooNewError(
      `The database schema is newer than this code: it has migration${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}, which this release does not know. Run the release that made ${unknown.length > 1 ? "them" : "it"}, or point DATABASE_URL at another database.`,
    );
  }
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new Error(`Database migration failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  return { applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
}

async function appliedMigrations(db: Kysely<any>, schema: string | undefined): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((table) => table.name === "kysely_migration" && table.schema === schema)) return [];
  const table = schema ? sql.table(`${schema}.kysely_migration`) : sql.table("kysely_migration");
  const rows = await sql<{ name: string }>`select name from ${table} order by name`.execute(db);
  return rows.rows.map((row) => row.name);
}
