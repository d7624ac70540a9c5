import { sql, type Insertable, type SqliteDatabase, type SqliteStatement, type Transaction } from "kysely";
import { chunks } from "../db/chunks.js";
import { sqliteHandle, type Db } from "../db/open-database.js";
import type { Database } from "../db/schema.js";
import { dayOf, daysBefore } from "./day.js";
import type { ReaderEvent } from "./events.js";
import { RollupGate } from "./rollup-gate.js";
import { resolvedBy, type Step, type Success, windowStart } from "../suggestions/rewrites.js";
import { tenMinutesOf } from "./view-tally.js";
import { newSalt, readerKey, voteKey } from "./visitor-key.js";

/** Rows per multi-row statement: 10 columns × 400 stays far below SQLite's and PostgreSQL's parameter limits. */
const ROWS_PER_STATEMENT = 400;
/**
 * Rows per run of SQLite's prepared multi-row insert. Prepared once, 64 rows a run cost about 1.5 µs a row
 * against 2.5 µs for one row a run (better-sqlite3, the search table with its index): the statement's
 * per-run overhead is paid once for 64 rows. Past 64 the gain was nil.
 */
const SQLITE_ROWS_PER_RUN = 64;

type SearchRow = Insertable<Database["search_events"]>;
type VoteRow = Insertable<Database["feedback_votes"]>;

// A row's values in the order its SQLite statement binds them. The statements are compiled from these same
// functions (applied to the column names), so the order cannot drift from the SQL.
function searchValues(row: SearchRow, into: unknown[], at: number): void {
  into[at] = row.day;
  into[at + 1] = row.visitor_key;
  into[at + 2] = row.query;
  into[at + 3] = row.results;
  into[at + 4] = row.top_result ?? null;
  into[at + 5] = row.code_match;
  into[at + 6] = row.source;
  into[at + 7] = row.clicked_question ?? null;
  into[at + 8] = row.clicked_position ?? null;
  into[at + 9] = row.created_at;
}

function voteValues(row: VoteRow, into: unknown[], at: number): void {
  into[at] = row.day;
  into[at + 1] = row.visitor_key;
  into[at + 2] = row.question_id;
  into[at + 3] = row.helpful;
  into[at + 4] = row.reason ?? null;
  into[at + 5] = row.comment ?? null;
  into[at + 6] = row.created_at;
}

/** The columns `values` places, in binding order: applied to a row whose every value is its column's name. */
function columnsPlacedBy<Row>(values: (row: Row, into: unknown[], at: number) => void): string[] {
  const names: unknown[] = [];
  values(new Proxy({}, { get: (_, column) => column }) as Row, names, 0);
  return names as string[];
}
const SEARCH_COLUMNS = columnsPlacedBy(searchValues);
const VOTE_COLUMNS = columnsPlacedBy(voteValues);

/** `rows` rows of placeholders, keyed by these columns in this order. */
function placeholderRows<Row>(columns: readonly string[], rows: number): Row[] {
  const row = Object.fromEntries(columns.map((column) => [column, null])) as Row;
  return Array.from({ length: rows }, () => row);
}

function insertSearches(db: Db | Transaction<Database>, rows: SearchRow[]) {
  return db.insertInto("search_events").values(rows);
}

/** One vote per reader, question and day: a later vote replaces the earlier one. */
function upsertVotes(db: Db | Transaction<Database>, rows: VoteRow[]) {
  return db
    .insertInto("feedback_votes")
    .values(rows)
    .onConflict((oc) =>
      oc.columns(["day", "visitor_key", "question_id"]).doUpdateSet((eb) => ({
        helpful: eb.ref("excluded.helpful"),
        reason: eb.ref("excluded.reason"),
        comment: eb.ref("excluded.comment"),
        created_at: eb.ref("excluded.created_at"),
      })),
    );
}

/** A batch's additions to the report rollups, summed in memory, then added to the stored sums. */
class Rollup {
  private readonly daily = new Map<string, Map<string, Insertable<Database["search_daily"]>>>();
  private readonly clicks = new Map<string, Insertable<Database["search_clicks_daily"]>>();
  private readonly positions = new Map<string, Insertable<Database["search_positions_daily"]>>();
  private readonly views = new Map<string, Insertable<Database["answer_views_daily"]>>();
  private readonly codeVisits = new Map<string, Insertable<Database["code_visits"]>>();

  private row(day: string, query: string, seen: string) {
    // By day, then query: the strings' hashes are cached, where a joined key is built and hashed per event.
    let queries = this.daily.get(day);
    if (!queries) this.daily.set(day, (queries = new Map()));
    let row = queries.get(query);
    if (!row)
      queries.set(
        query,
        (row = { day, query, searches: 0, no_results: 0, clicks: 0, deep_clicks: 0, last_seen: seen }),
      );
    return row;
  }

  search(day: string, query: string, results: number, at: string): void {
    const row = this.row(day, query, at);
    row.searches = Number(row.searches) + 1;
    if (results === 0) row.no_results = Number(row.no_results) + 1;
    if (at > row.last_seen) row.last_seen = at;
  }

  click(day: string, query: string, question: string, position: number): void {
    const row = this.row(day, query, "");
    row.clicks = Number(row.clicks) + 1;
    if (position >= 2) row.deep_clicks = Number(row.deep_clicks) + 1;
    const key = `${day}\u0000${query}\u0000${question}`;
    const clicked = this.clicks.get(key);
    if (clicked) clicked.clicks = Number(clicked.clicks) + 1;
    else this.clicks.set(key, { day, query, question_id: question, clicks: 1 });
    const at = `${day}\u0000${position}`;
    const byPosition = this.positions.get(at);
    if (byPosition) byPosition.clicks = Number(byPosition.clicks) + 1;
    else this.positions.set(at, { day, position, clicks: 1 });
  }

  view(day: string, question: string, count: number): void {
    const key = `${day}\u0000${question}`;
    const row = this.views.get(key);
    if (row) row.views = Number(row.views) + count;
    else this.views.set(key, { day, question_id: question, views: count });
  }

  codeVisit(time: number, code: string, count: number): void {
    const bucket = tenMinutesOf(time);
    const key = `${bucket}\u0000${code}`;
    const row = this.codeVisits.get(key);
    if (row) row.visits = Number(row.visits) + count;
    else this.codeVisits.set(key, { bucket, code, visits: count });
  }

  async write(trx: Transaction<Database>): Promise<void> {
    for (const chunk of chunks([...this.codeVisits.values()], ROWS_PER_STATEMENT)) {
      await trx
        .insertInto("code_visits")
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(["bucket", "code"]).doUpdateSet({ visits: sql`code_visits.visits + excluded.visits` }),
        )
        .execute();
    }
    for (const chunk of chunks([...this.views.values()], ROWS_PER_STATEMENT)) {
      await trx
        .insertInto("answer_views_daily")
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(["day", "question_id"]).doUpdateSet({ views: sql`answer_views_daily.views + excluded.views` }),
        )
        .execute();
    }
    // The rows are kept by day already: each day's totals are its rows' sums.
    const days = [...this.daily].map(([day, queries]) => {
      const total = { day, searches: 0, no_results: 0, clicks: 0 };
      for (const row of queries.values()) {
        total.searches += Number(row.searches);
        total.no_results += Number(row.no_results);
        total.clicks += Number(row.clicks);
      }
      return total;
    });
    const daily = [...this.daily.values()].flatMap((queries) => [...queries.values()]);
    if (days.length > 0) {
      await trx
        .insertInto("search_days")
        .values(days)
        .onConflict((oc) =>
          oc.column("day").doUpdateSet({
            searches: sql`search_days.searches + excluded.searches`,
            no_results: sql`search_days.no_results + excluded.no_results`,
            clicks: sql`search_days.clicks + excluded.clicks`,
          }),
        )
        .execute();
    }
    for (const chunk of chunks(daily, ROWS_PER_STATEMENT)) {
      await trx
        .insertInto("search_daily")
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(["day", "query"]).doUpdateSet({
            searches: sql`search_daily.searches + excluded.searches`,
            no_results: sql`search_daily.no_results + excluded.no_results`,
            clicks: sql`search_daily.clicks + excluded.clicks`,
            deep_clicks: sql`search_daily.deep_clicks + excluded.deep_clicks`,
            last_seen: sql`case when excluded.last_seen > search_daily.last_seen then excluded.last_seen else search_daily.last_seen end`,
          }),
        )
        .execute();
    }
    for (const chunk of chunks([...this.clicks.values()], ROWS_PER_STATEMENT)) {
      await trx
        .insertInto("search_clicks_daily")
        .values(chunk)
        .onConflict((oc) =>
          oc
            .columns(["query", "day", "question_id"])
            .doUpdateSet({ clicks: sql`search_clicks_daily.clicks + excluded.clicks` }),
        )
        .execute();
    }
    for (const chunk of chunks([...this.positions.values()], ROWS_PER_STATEMENT)) {
      await trx
        .insertInto("search_positions_daily")
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(["day", "position"]).doUpdateSet({ clicks: sql`search_positions_daily.clicks + excluded.clicks` }),
        )
        .execute();
    }
  }
}

type Located = Success & { day: string; key: string };
/** Readers per `in (…)` list: far below either engine's parameter limit. */
const READERS_PER_LOOKUP = 500;

/**
 * The failed searches a batch's successes resolve, kept once per reader, day, query and answer: the readers'
 * searches in the successes' windows read in one statement per day (and 500 readers), not one per success.
 */
async function recordRewrites(trx: Transaction<Database>, successes: readonly Located[]) {
  const byDay = new Map<string, Located[]>();
  for (const success of successes) {
    const located = byDay.get(success.day);
    if (located) located.push(success);
    else byDay.set(success.day, [success]);
  }
  // Keyed as the table's primary key: two successes in one batch that resolve the same search write one row.
  const rows = new Map<string, Insertable<Database["search_rewrites"]>>();
  for (const [day, located] of byDay) {
    const keys = [...new Set(located.map((s) => s.key))];
    // ISO times sort as text: the earliest window's start and the latest success bound the one lookup.
    const from = located.map(windowStart).sort()[0]!;
    const to = located.map((s) => s.at).sort()[located.length - 1]!;
    const stepsOf = new Map<string, Step[]>();
    for (const readers of chunks(keys, READERS_PER_LOOKUP)) {
      const found = await trx
        .selectFrom("search_events")
        .select(["visitor_key", "query", "results", "clicked_question as clicked", "created_at as at"])
        .where("day", "=", day)
        .where("visitor_key", "in", readers)
        .where("created_at", ">=", from)
        .where("created_at", "<=", to)
        .execute();
      for (const { visitor_key, ...step } of found) {
        const steps = stepsOf.get(visitor_key);
        if (steps) steps.push(step);
        else stepsOf.set(visitor_key, [step]);
      }
    }
    for (const success of located)
      for (const rewrite of resolvedBy(success, stepsOf.get(success.key) ?? []))
        rows.set(`${success.key}\u0000${rewrite.from}\u0000${rewrite.question}`, {
          day,
          visitor_key: success.key,
          from_query: rewrite.from,
          to_query: rewrite.to,
          question_id: rewrite.question,
          created_at: success.at,
        });
  }
  for (const chunk of chunks([...rows.values()], ROWS_PER_STATEMENT))
    await trx
      .insertInto("search_rewrites")
      .values(chunk)
      .onConflict((oc) => oc.columns(["day", "visitor_key", "from_query", "question_id"]).doNothing())
      .execute();
}

/** The write side of reader feedback and search analytics: batches in, rows out. */
export class AnalyticsStore {
  /** Today's salt, once read: the database is asked again only when the day changes. */
  private salt: { day: string; salt: string } | undefined;

  private readonly sqlite: SqliteDatabase | undefined;
  /** What each reader may add to the rollups a day (one search per query, a bounded number of queries). */
  private readonly gate = new RollupGate();

  constructor(readonly db: Db) {
    this.sqlite = sqliteHandle(db);
  }

  /**
   * Writes a batch in one transaction: all of it or, on failure, none of it. Rows go in as multi-row
   * statements, so a second's worth of searches costs a few statements, not one per search.
   */
  async write(events: readonly ReaderEvent[]): Promise<void> {
    if (events.length === 0) return;
    // Admissions to the rollups are taken back if the batch is not written, so its retry counts them.
    const admitted: Array<() => void> = [];
    const counts = (undo: (() => void) | undefined) => (undo ? admitted.push(undo) > 0 : false);
    try {
      await this.writeBatch(events, counts);
    } catch (error) {
      for (const undo of admitted) undo();
      throw error;
    }
  }

  private async writeBatch(events: readonly ReaderEvent[], counts: (undo: (() => void) | undefined) => boolean) {
    await this.db.transaction().execute(async (trx) => {
      const votes = new Map<string, VoteRow>();
      const searches: SearchRow[] = [];
      const clicks: Array<{ day: string; key: string; query: string; question: string; position: number; at: string }> =
        [];
      const rollup = new Rollup();
      const contacts: Array<Insertable<Database["contact_events"]>> = [];
      // Answers readers reached (opened from a search, or voted はい on): each may resolve their failed searches.
      const successes: Located[] = [];
      // Each day's salt, and each client's keys that day, hashed once a batch: kept by address (the reader's
      // key), then by user agent (its vote key), rather than under a key joined per event.
      type ClientKeys = { reader: string; votes: Map<string, string> };
      const days = new Map<string, { salt: string; keys: Map<string, ClientKeys> }>();
      let lastTime = Number.NaN;
      let lastCreatedAt = "";
      for (const event of events) {
        const day = dayOf(event.time);
        // A sum of views carries no reader: nothing to key.
        if (event.type === "views") {
          rollup.view(day, event.question, event.count);
          continue;
        }
        if (event.type === "codeVisits") {
          rollup.codeVisit(event.time, event.code, event.count);
          continue;
        }
        let readers = days.get(day);
        if (readers === undefined) days.set(day, (readers = { salt: await this.saltFor(trx, day), keys: new Map() }));
        let client = readers.keys.get(event.address);
        if (!client)
          readers.keys.set(
            event.address,
            (client = { reader: readerKey(readers.salt, event.address), votes: new Map() }),
          );
        const key = client.reader;
        // Events come in bursts within one millisecond: its timestamp is formatted once.
        if (event.time !== lastTime) lastCreatedAt = new Date((lastTime = event.time)).toISOString();
        const createdAt = lastCreatedAt;
        if (event.type === "vote") {
          let vote = client.votes.get(event.userAgent);
          if (vote === undefined)
            client.votes.set(event.userAgent, (vote = voteKey(readers.salt, event.address, event.userAgent)));
          // One vote per key, question and day: a later vote replaces the earlier one, in this batch too.
          votes.set(`${day}\u0000${vote}\u0000${event.question}`, {
            day,
            visitor_key: vote,
            question_id: event.question,
            helpful: event.helpful ? 1 : 0,
            reason: event.reason,
            comment: event.comment,
            created_at: createdAt,
          });
          if (event.helpful) successes.push({ day, key, question: event.question, query: null, at: createdAt });
        } else if (event.type === "search") {
          searches.push({
            day,
            visitor_key: key,
            query: event.query,
            results: event.results,
            top_result: event.topResult,
            code_match: event.codeMatch ? 1 : 0,
            source: event.source,
            clicked_question: event.click?.question ?? null,
            clicked_position: event.click?.position ?? null,
            created_at: createdAt,
          });
          if (event.click)
            successes.push({ day, key, question: event.click.question, query: event.query, at: createdAt });
          if (counts(this.gate.admit(day, key, event.query))) {
            rollup.search(day, event.query, event.results, createdAt);
            if (event.click && counts(this.gate.admitClick(day, key, event.query, event.click.question)))
              rollup.click(day, event.query, event.click.question, event.click.position);
          }
        } else if (event.type === "contact") {
          contacts.push({
            day,
            visitor_key: key,
            question_id: event.question,
            code: event.code,
            query: event.query,
            created_at: createdAt,
          });
        } else {
          clicks.push({
            day,
            key,
            query: event.query,
            question: event.question,
            position: event.position,
            at: createdAt,
          });
        }
      }
      const rows = this.rowStatements();
      if (rows) {
        // SQLite: statements prepared once, run inside this transaction; the searches 64 rows a run.
        const many = new Array<unknown>(SEARCH_COLUMNS.length * SQLITE_ROWS_PER_RUN);
        const whole = searches.length - (searches.length % SQLITE_ROWS_PER_RUN);
        for (let start = 0; start < whole; start += SQLITE_ROWS_PER_RUN) {
          for (let i = 0; i < SQLITE_ROWS_PER_RUN; i++)
            searchValues(searches[start + i]!, many, i * SEARCH_COLUMNS.length);
          rows.searches.run(many);
        }
        const one = new Array<unknown>(SEARCH_COLUMNS.length);
        for (let i = whole; i < searches.length; i++) {
          searchValues(searches[i]!, one, 0);
          rows.search.run(one);
        }
        const vote = new Array<unknown>(VOTE_COLUMNS.length);
        for (const row of votes.values()) {
          voteValues(row, vote, 0);
          rows.vote.run(vote);
        }
      } else {
        for (const chunk of chunks(searches, ROWS_PER_STATEMENT)) await insertSearches(trx, chunk).execute();
        for (const chunk of chunks([...votes.values()], ROWS_PER_STATEMENT)) await upsertVotes(trx, chunk).execute();
      }
      for (const click of clicks) {
        // The click belongs to the same reader's latest unclicked search for this query, made before it.
        const latest = trx
          .selectFrom("search_events")
          .select("id")
          .where("day", "=", click.day)
          .where("visitor_key", "=", click.key)
          .where("query", "=", click.query)
          .where("clicked_question", "is", null)
          .where("created_at", "<=", click.at)
          .orderBy("created_at", "desc")
          .orderBy("id", "desc")
          .limit(1);
        const updated = await trx
          .updateTable("search_events")
          .set({ clicked_question: click.question, clicked_position: click.position })
          .where("id", "=", latest)
          .executeTakeFirst();
        // A click with no search of its own to join (another day, say) counts nowhere.
        if (Number(updated.numUpdatedRows) === 0) continue;
        successes.push({ day: click.day, key: click.key, question: click.question, query: click.query, at: click.at });
        if (counts(this.gate.admitClick(click.day, click.key, click.query, click.question)))
          rollup.click(click.day, click.query, click.question, click.position);
      }
      if (successes.length > 0) await recordRewrites(trx, successes);
      for (const chunk of chunks(contacts, ROWS_PER_STATEMENT))
        await trx.insertInto("contact_events").values(chunk).execute();
      await rollup.write(trx);
    });
  }

  private rows: { searches: SqliteStatement; search: SqliteStatement; vote: SqliteStatement } | undefined;

  /**
   * On SQLite, the row statements prepared once. A multi-row statement built per batch is compiled by Kysely
   * and prepared by SQLite anew each time, which for a second's searches costs more than the inserts. The SQL
   * is still Kysely's, compiled once from the same builders the PostgreSQL path runs.
   */
  private rowStatements(): { searches: SqliteStatement; search: SqliteStatement; vote: SqliteStatement } | undefined {
    if (this.rows || !this.sqlite) return this.rows;
    const prepare = (query: { compile(): { sql: string } }) => this.sqlite!.prepare(query.compile().sql);
    return (this.rows = {
      searches: prepare(insertSearches(this.db, placeholderRows(SEARCH_COLUMNS, SQLITE_ROWS_PER_RUN))),
      search: prepare(insertSearches(this.db, placeholderRows(SEARCH_COLUMNS, 1))),
      vote: prepare(upsertVotes(this.db, placeholderRows(VOTE_COLUMNS, 1))),
    });
  }

  private async saltFor(trx: Transaction<Database>, day: string): Promise<string> {
    if (this.salt?.day === day) return this.salt.salt;
    // Replicas sharing one database must agree on the day's salt: the first one to ask creates it.
    await trx
      .insertInto("daily_salts")
      .values({ day, salt: newSalt() })
      .onConflict((oc) => oc.column("day").doNothing())
      .execute();
    const row = await trx.selectFrom("daily_salts").select("salt").where("day", "=", day).executeTakeFirstOrThrow();
    if (day >= dayOf(Date.now())) this.salt = { day, salt: row.salt };
    return row.salt;
  }

  /**
   * The daily clean-up: events older than the retention period go, and so does every salt of a day that
   * has ended, after which nothing can link a reader's keys across days.
   */
  async purge(retentionDays: number, now = Date.now()): Promise<{ votes: number; searches: number }> {
    const today = dayOf(now);
    const cutoff = daysBefore(today, retentionDays);
    return this.db.transaction().execute(async (trx) => {
      const votes = await trx.deleteFrom("feedback_votes").where("day", "<", cutoff).executeTakeFirst();
      const searches = await trx.deleteFrom("search_events").where("day", "<", cutoff).executeTakeFirst();
      await trx.deleteFrom("search_daily").where("day", "<", cutoff).execute();
      await trx.deleteFrom("search_clicks_daily").where("day", "<", cutoff).execute();
      await trx.deleteFrom("search_positions_daily").where("day", "<", cutoff).execute();
      await trx.deleteFrom("search_days").where("day", "<", cutoff).execute();
      await trx.deleteFrom("answer_views_daily").where("day", "<", cutoff).execute();
      await trx.deleteFrom("contact_events").where("day", "<", cutoff).execute();
      await trx.deleteFrom("search_rewrites").where("day", "<", cutoff).execute();
      // Spike alerts look back a week: older visits and alerts have done their work.
      const weekAgo = new Date(now - 8 * 86_400_000).toISOString();
      await trx.deleteFrom("code_visits").where("bucket", "<", weekAgo).execute();
      await trx.deleteFrom("alerts_sent").where("hour", "<", weekAgo).execute();
      await trx.deleteFrom("daily_salts").where("day", "<", today).execute();
      return { votes: Number(votes.numDeletedRows), searches: Number(searches.numDeletedRows) };
    });
  }

  /** Answers when the database answers a query. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }
}
