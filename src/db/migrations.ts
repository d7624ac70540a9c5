import { type Kysely, type Migration, Migrator, sql } from "kysely";

/**
 * The schema's history, oldest first, for one engine. Never edit a migration that has shipped: add the next
 * one. Kept in code (not read from a folder) so the compiled server and the TypeScript sources run the same
 * list.
 */
export function migrationsFor(engine: Engine): Record<string, Migration> {
  return {
    ...SAME_ON_BOTH,
    "005-search-events-numbered-by-the-database": numberSearchEvents(engine),
    "006-answer-views-and-contacts": VIEWS_AND_CONTACTS,
    "007-notices-audit-log-and-alerts": NOTICES_AND_AUDIT,
    "008-search-rewrites-and-suggestion-decisions": REWRITES_AND_DECISIONS,
  };
}

/** Migrations whose statements Kysely writes alike for SQLite and PostgreSQL. */
const SAME_ON_BOTH: Record<string, Migration> = {
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
      await db.schema
        .createIndex("feedback_votes_question")
        .on("feedback_votes")
        .columns(["question_id", "day"])
        .execute();
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
      await db.schema
        .createIndex("search_events_visitor")
        .on("search_events")
        .columns(["day", "visitor_key", "query"])
        .execute();
    },
  },
  "002-operators-and-report-rollups": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("admin_users")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      // Only a hash of each session id is kept: a copy of the table signs nobody in.
      await db.schema
        .createTable("admin_sessions")
        .addColumn("id_hash", "text", (c) => c.primaryKey())
        .addColumn("user_name", "text", (c) => c.notNull().references("admin_users.name").onDelete("cascade"))
        .addColumn("csrf_token", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("last_seen_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("admin_login_failures")
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("admin_login_failures_key")
        .on("admin_login_failures")
        .columns(["key", "at"])
        .execute();
      await db.schema
        .createTable("admin_lockouts")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("until", "text", (c) => c.notNull())
        .execute();
      // Report rollups, kept up to date by the writer in the same transaction as the events, so a report
      // over 90 days reads days × queries rows, not every search.
      await db.schema
        .createTable("search_daily")
        .addColumn("day", "text", (c) => c.notNull())
        .addColumn("query", "text", (c) => c.notNull())
        .addColumn("searches", "integer", (c) => c.notNull())
        .addColumn("no_results", "integer", (c) => c.notNull())
        .addColumn("clicks", "integer", (c) => c.notNull())
        // Clicks on the second result or lower: the sign of an answer ranked too low.
        .addColumn("deep_clicks", "integer", (c) => c.notNull())
        .addColumn("last_seen", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("search_daily_pk", ["day", "query"])
        .execute();
      await db.schema
        .createTable("search_clicks_daily")
        .addColumn("day", "text", (c) => c.notNull())
        .addColumn("query", "text", (c) => c.notNull())
        .addColumn("question_id", "text", (c) => c.notNull())
        .addColumn("clicks", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("search_clicks_daily_pk", ["query", "day", "question_id"])
        .execute();
      // Per-day totals, so the overview reads one row a day however many distinct queries there are.
      await db.schema
        .createTable("search_days")
        .addColumn("day", "text", (c) => c.primaryKey())
        .addColumn("searches", "integer", (c) => c.notNull())
        .addColumn("no_results", "integer", (c) => c.notNull())
        .addColumn("clicks", "integer", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("search_positions_daily")
        .addColumn("day", "text", (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("clicks", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("search_positions_daily_pk", ["day", "position"])
        .execute();
      await sql`insert into search_daily (day, query, searches, no_results, clicks, deep_clicks, last_seen)
        select day, query, count(*), sum(case when results = 0 then 1 else 0 end), sum(case when clicked_question is null then 0 else 1 end),
          sum(case when clicked_position >= 2 then 1 else 0 end), max(created_at)
        from search_events group by day, query`.execute(db);
      await sql`insert into search_days (day, searches, no_results, clicks)
        select day, sum(searches), sum(no_results), sum(clicks) from search_daily group by day`.execute(db);
      await sql`insert into search_clicks_daily (day, query, question_id, clicks)
        select day, query, clicked_question, count(*) from search_events where clicked_question is not null group by day, query, clicked_question`.execute(
        db,
      );
      await sql`insert into search_positions_daily (day, position, clicks)
        select day, clicked_position, count(*) from search_events where clicked_position is not null group by day, clicked_position`.execute(
        db,
      );
      await db.schema.createIndex("feedback_votes_day").on("feedback_votes").column("day").execute();
      // Covering indexes: the reports read these columns from the index alone, never the rows
      // (measured in npm run bench: the most-opened answers went from ~70 ms to a few at 200,000 searches).
      await db.schema
        .createIndex("search_daily_report")
        .on("search_daily")
        .columns(["day", "query", "searches", "clicks", "deep_clicks", "no_results", "last_seen"])
        .execute();
      await db.schema
        .createIndex("search_clicks_daily_report")
        .on("search_clicks_daily")
        .columns(["query", "day", "question_id", "clicks"])
        .execute();
    },
  },
  "003-shared-rate-limits": {
    async up(db: Kysely<unknown>) {
      // Hits per client per minute, shared by replicas. The key is a hash of the client's address with the
      // minute, and rows are deleted a minute after their window ends.
      await db.schema
        .createTable("rate_limit_hits")
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("window_start", "bigint", (c) => c.notNull())
        .addColumn("hits", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("rate_limit_hits_pk", ["name", "window_start", "key"])
        .execute();
    },
  },
  "004-one-index-on-search-days": {
    async up(db: Kysely<unknown>) {
      // Every query on search_events filters on the day first (the click join, the retention purge), and
      // search_events_visitor leads with the day: a second index on the day alone was one more b-tree to
      // update on every search recorded, read by nothing.
      await db.schema.dropIndex("search_events_day").execute();
    },
  },
};

/**
 * A search event's id becomes a number the database gives it (SQLite's rowid, a PostgreSQL identity) in place
 * of a text id made by the server, so the id no longer crosses from the request path to the writer. On
 * SQLite each row is one b-tree insert fewer (the text key had an index of its own); on PostgreSQL the key
 * is narrower. Both rebuild the table, copying the rows oldest first, so ids follow time for old rows too.
 *
 * A release before this one writes text ids, which the new column refuses: replicas sharing PostgreSQL are
 * replaced together (an older one left running answers feedback with 503 until it is).
 */
function numberSearchEvents(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const rebuild = async (trx: Kysely<unknown>) => {
        // A replica still on the release before keeps writing searches meanwhile: on PostgreSQL its rows
        // committed after the copy's snapshot would go with the old table. Held until this commits, its
        // writes wait, then fail on the dropped table, and its queue writes them again into the new one.
        // (SQLite's one writer at a time does the same by itself.)
        if (engine === "postgres") await sql`lock table search_events in exclusive mode`.execute(trx);
        // The columns are spelled out again rather than shared with 001: a shipped migration must not change
        // when a later one does.
        await trx.schema
          .createTable("search_events_numbered")
          .addColumn("id", engine === "postgres" ? "bigint" : "integer", (c) =>
            engine === "postgres" ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
          )
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
        await sql`insert into search_events_numbered (day, visitor_key, query, results, top_result, code_match, source, clicked_question, clicked_position, created_at)
          select day, visitor_key, query, results, top_result, code_match, source, clicked_question, clicked_position, created_at from search_events order by created_at, id`.execute(
          trx,
        );
        await trx.schema.dropTable("search_events").execute();
        await trx.schema.alterTable("search_events_numbered").renameTo("search_events").execute();
        await trx.schema
          .createIndex("search_events_visitor")
          .on("search_events")
          .columns(["day", "visitor_key", "query"])
          .execute();
      };
      // Kysely runs PostgreSQL's migrations in a transaction, SQLite's not (its adapter claims no
      // transactional DDL): stopped halfway there, the rebuild would leave a second table behind that fails
      // every later start. SQLite does roll DDL back, so the rebuild gets a transaction of its own.
      if (engine === "sqlite") await db.transaction().execute(rebuild);
      else await rebuild(db);
    },
  };
}

/** Answer views as daily sums (never a row per view), and each use of the contact link. */
const VIEWS_AND_CONTACTS: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("answer_views_daily")
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("question_id", "text", (c) => c.notNull())
      .addColumn("views", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("answer_views_daily_pk", ["day", "question_id"])
      .execute();
    await db.schema
      .createTable("contact_events")
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("visitor_key", "text", (c) => c.notNull())
      .addColumn("question_id", "text")
      .addColumn("code", "text")
      .addColumn("query", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("contact_events_day").on("contact_events").column("day").execute();
  },
};

/**
 * Notices made on the dashboard, the operators' actions (sign-ins, notice changes), and what the spike
 * alerts count: /errors/<code> visits per ten minutes, and the alerts sent (one per code and hour).
 */
const NOTICES_AND_AUDIT: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("notices")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("scope", "text", (c) => c.notNull())
      .addColumn("starts_at", "text", (c) => c.notNull())
      .addColumn("ends_at", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_by", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("notices_ends_at").on("notices").column("ends_at").execute();
    await db.schema
      .createTable("audit_log")
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("actor", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("target", "text")
      .addColumn("detail", "text")
      .execute();
    await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();
    await db.schema
      .createTable("code_visits")
      .addColumn("bucket", "text", (c) => c.notNull())
      .addColumn("code", "text", (c) => c.notNull())
      .addColumn("visits", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("code_visits_pk", ["bucket", "code"])
      .execute();
    await db.schema
      .createTable("alerts_sent")
      .addColumn("code", "text", (c) => c.notNull())
      .addColumn("hour", "text", (c) => c.notNull())
      .addColumn("sent_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("alerts_sent_pk", ["code", "hour"])
      .execute();
  },
};

/**
 * What readers' next steps say: a search that failed, then within ten minutes the answer the same reader
 * found (one row per reader, day, failed query and answer), and what the office decided about a suggestion.
 */
const REWRITES_AND_DECISIONS: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("search_rewrites")
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("visitor_key", "text", (c) => c.notNull())
      .addColumn("from_query", "text", (c) => c.notNull())
      .addColumn("to_query", "text")
      .addColumn("question_id", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("search_rewrites_pk", ["day", "visitor_key", "from_query", "question_id"])
      .execute();
    await db.schema.createIndex("search_rewrites_day").on("search_rewrites").column("day").execute();
    await db.schema
      .createTable("suggestion_decisions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("detail", "text", (c) => c.notNull())
      .addColumn("decided_by", "text", (c) => c.notNull())
      .addColumn("decided_at", "text", (c) => c.notNull())
      .execute();
  },
};

export class SchemaTooNewError extends Error {
  override name = "SchemaTooNewError";
}

/**
 * PostgreSQL: the schema on the connection's search path, named to Kysely's migrator because its checks
 * would otherwise see the bookkeeping tables of every schema on the server. SQLite has one namespace.
 */
async function bookkeepingSchema(db: AnyDb, engine: Engine): Promise<string | undefined> {
  if (engine === "sqlite") return undefined;
  const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return current.rows[0]?.schema;
}

export // Migrations work on the schema as it is at that point, not as Database describes it today.
// biome-ignore lint/suspicious/noExplicitAny: Kysely's own advice for migrations
type AnyDb = Kysely<any>;

type Engine = "sqlite" | "postgres";

/**
 * Brings the schema up to date. A database that has migrations this code does not know was migrated by a
 * newer release: refused, since this code would misread it.
 */
export async function migrate(db: AnyDb, engine: Engine): Promise<{ applied: string[] }> {
  const migrations = migrationsFor(engine);
  const known = new Set(Object.keys(migrations));
  const schema = await bookkeepingSchema(db, engine);
  const applied = await appliedMigrations(db, schema);
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new SchemaTooNewError(
      `The database schema is newer than this code: it has migration${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}, which this release does not know. Run the release that made ${unknown.length > 1 ? "them" : "it"}, or point DATABASE_URL at another database.`,
    );
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: schema,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error)
    throw new Error(`Database migration failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  return { applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
}

async function appliedMigrations(db: AnyDb, schema: string | undefined): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((table) => table.name === "kysely_migration" && table.schema === schema)) return [];
  const table = schema ? sql.table(`${schema}.kysely_migration`) : sql.table("kysely_migration");
  const rows = await sql<{ name: string }>`select name from ${table} order by name`.execute(db);
  return rows.rows.map((row) => row.name);
}
