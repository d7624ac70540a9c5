import { sql } from "kysely";
import { AuditLog } from "../admin/audit-log.js";
import { MAX_REPORT_ROWS } from "../admin/reports.js";
import type { Period } from "../admin/report-math.js";
import { chunks } from "../db/chunks.js";
import type { Db } from "../db/open-database.js";
import { MIN_SUGGESTION_READERS, type RewriteEvidence, type Suggestion, type UnansweredQuery } from "./mine.js";
import { MIN_CHECK_READERS, type QueryClicks } from "./search-checks.js";

export type DecisionStatus = "accepted" | "dismissed";

export interface Decision {
  id: string;
  status: DecisionStatus;
  /** The suggestion as it was when decided: still applicable once its evidence has aged out. */
  suggestion: Suggestion;
  decidedBy: string;
  decidedAt: string;
}

/** What the mining reads from the store for one period. */
export interface Evidence {
  rewrites: RewriteEvidence[];
  unanswered: UnansweredQuery[];
  /** Readers of each query the rewrites name (a reader counts once a day). */
  readers: ReadonlyMap<string, number>;
}

/** Queries per `in (…)` list: well below either engine's parameter limit. */
const QUERIES_PER_LOOKUP = 500;
const num = (value: unknown) => Number(value ?? 0);

/** The evidence suggestions are mined from, and the office's decisions about them. */
export class SuggestionStore {
  constructor(private readonly db: Db) {}

  /** Every bounded: the largest groups first, at most MAX_REPORT_ROWS of each. */
  async evidence(period: Period): Promise<Evidence> {
    const [rewriteRows, unansweredRows] = await Promise.all([
      this.db
        .selectFrom("search_rewrites")
        .select((eb) => ["from_query", "to_query", "question_id", eb.fn.countAll<number>().as("readers")])
        .where("day", ">=", period.from)
        .where("day", "<=", period.to)
        .groupBy(["from_query", "to_query", "question_id"])
        .orderBy(sql`count(*)`, "desc")
        .limit(MAX_REPORT_ROWS)
        .execute(),
      this.db
        .selectFrom("search_daily")
        .select((eb) => ["query", eb.fn.sum<number>("searches").as("readers")])
        .where("day", ">=", period.from)
        .where("day", "<=", period.to)
        // The days a query found nothing (a reader counts once a day, so each such row found nothing at all).
        .where("no_results", ">", 0)
        .groupBy("query")
        .having(sql`sum(no_results)`, "=", sql`sum(searches)`)
        .having(sql`sum(searches)`, ">=", MIN_SUGGESTION_READERS)
        .orderBy(sql`sum(searches)`, "desc")
        .limit(MAX_REPORT_ROWS)
        .execute(),
    ]);
    const rewrites = rewriteRows.map((row) => ({
      from: row.from_query,
      to: row.to_query,
      question: row.question_id,
      readers: num(row.readers),
    }));
    const named = new Set(rewrites.flatMap((r) => (r.to === null ? [r.from] : [r.from, r.to])));
    return {
      rewrites,
      unanswered: unansweredRows.map((row) => ({ query: row.query, readers: num(row.readers) })),
      readers: await this.readersOf([...named], period),
    };
  }

  private async readersOf(queries: string[], period: Period): Promise<Map<string, number>> {
    const readers = new Map<string, number>();
    for (const some of chunks(queries, QUERIES_PER_LOOKUP)) {
      const rows = await this.db
        .selectFrom("search_daily")
        .select((eb) => ["query", eb.fn.sum<number>("searches").as("readers")])
        .where("query", "in", some)
        .where("day", ">=", period.from)
        .where("day", "<=", period.to)
        .groupBy("query")
        .execute();
      for (const row of rows) readers.set(row.query, num(row.readers));
    }
    return readers;
  }

  /** The popular queries (MIN_CHECK_READERS readers or more) and the answers opened from each. */
  async queryClicks(period: Period): Promise<QueryClicks[]> {
    const popular = await this.db
      .selectFrom("search_daily")
      .select((eb) => ["query", eb.fn.sum<number>("searches").as("readers")])
      .where("day", ">=", period.from)
      .where("day", "<=", period.to)
      .groupBy("query")
      .having(sql`sum(searches)`, ">=", MIN_CHECK_READERS)
      .orderBy(sql`sum(searches)`, "desc")
      .limit(MAX_REPORT_ROWS)
      .execute();
    const rows = new Map(
      popular.map((row) => [
        row.query,
        { query: row.query, readers: num(row.readers), clicks: new Map<string, number>() },
      ]),
    );
    for (const some of chunks([...rows.keys()], QUERIES_PER_LOOKUP)) {
      const clicks = await this.db
        .selectFrom("search_clicks_daily")
        .select((eb) => ["query", "question_id", eb.fn.sum<number>("clicks").as("clicks")])
        .where("query", "in", some)
        .where("day", ">=", period.from)
        .where("day", "<=", period.to)
        .groupBy(["query", "question_id"])
        .execute();
      for (const click of clicks) rows.get(click.query)?.clicks.set(click.question_id, num(click.clicks));
    }
    return [...rows.values()];
  }

  async decisions(): Promise<Decision[]> {
    const rows = await this.db.selectFrom("suggestion_decisions").selectAll().orderBy("decided_at", "desc").execute();
    return rows.map((row) => ({
      id: row.id,
      status: row.status as DecisionStatus,
      suggestion: JSON.parse(row.detail) as Suggestion,
      decidedBy: row.decided_by,
      decidedAt: row.decided_at,
    }));
  }

  /** Accepts or dismisses a suggestion (a later decision replaces an earlier one), with its audit entry. */
  async decide(suggestion: Suggestion, status: DecisionStatus, user: string, now: number): Promise<void> {
    const decidedAt = new Date(now).toISOString();
    const row = {
      id: suggestion.id,
      kind: suggestion.kind,
      status,
      detail: JSON.stringify(suggestion),
      decided_by: user,
      decided_at: decidedAt,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("suggestion_decisions")
        .values(row)
        .onConflict((oc) =>
          oc.column("id").doUpdateSet({ status, detail: row.detail, decided_by: user, decided_at: decidedAt }),
        )
        .execute();
      const action = status === "accepted" ? "suggestion.accept" : "suggestion.dismiss";
      await AuditLog.record(trx, { actor: user, action, target: suggestion.id, detail: describe(suggestion) }, now);
    });
  }

  /** Takes a decision back: the suggestion is open again. False when there was none. */
  async reopen(id: string, user: string, now: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const deleted = await trx.deleteFrom("suggestion_decisions").where("id", "=", id).executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) return false;
      await AuditLog.record(trx, { actor: user, action: "suggestion.reopen", target: id }, now);
      return true;
    });
  }
}

/** One line for the audit log: what the suggestion would change. */
export function describe(suggestion: Suggestion): string {
  switch (suggestion.kind) {
    case "keyword":
      return `keyword ${JSON.stringify(suggestion.keyword)} → ${suggestion.question}`;
    case "synonym":
      return `synonyms ${suggestion.words.map((w) => JSON.stringify(w)).join(" = ")}`;
    case "gap":
      return `no answer yet: ${JSON.stringify(suggestion.query)}`;
  }
}
