import { sql } from "kysely";
import type { Content } from "../content/types.js";
import type { Db } from "../db/open-database.js";
import { reasonLabel } from "../feedback/reasons.js";
import {
  change,
  contactFigures,
  percent,
  periodEnding,
  rankingSuspect,
  rate,
  score,
  searchFigures,
  type ContactTotals,
  type Period,
} from "./report-math.js";

const num = (value: unknown) => Number(value ?? 0);

export interface Overview {
  period: Period;
  figures: Array<{ label: string; value: string; change: ReturnType<typeof change> }>;
  searchesByDay: Array<{ day: string; searches: number; noResults: number }>;
  votesByDay: Array<{ day: string; helpful: number; notHelpful: number }>;
}

/** One answer's views and the contacts made from it. */
export interface ContactRow {
  id: string;
  title: string;
  views: number;
  contacts: number;
  contactRate: number | undefined;
}

export interface ContactsReport {
  period: Period;
  totals: ReturnType<typeof contactFigures>;
  /** Every answer, most contacts first, then the highest contact rate. */
  answers: ContactRow[];
  /** Contacts by the error code the reader came with, most first. */
  codes: Array<{ code: string; contacts: number }>;
  /** Contacts from no answer (the footer, a results page). */
  withoutAnswer: number;
  byDay: Array<{ day: string; views: number; contacts: number }>;
}

export interface NoResultRow {
  query: string;
  searches: number;
  lastSeen: string;
}

/** One query's figures over a period. */
export interface QueryTotals {
  query: string;
  searches: number;
  clicks: number;
  clickThroughRate: number | undefined;
  noResults: number;
}

export interface SearchRow extends QueryTotals {
  topAnswer: string | undefined;
  /** Clicks go mostly to the second result or lower. */
  rankingSuspect: boolean;
}

export interface QuestionRow {
  id: string;
  title: string;
  file: string;
  helpful: number;
  notHelpful: number;
  helpfulRate: number | undefined;
  reasons: Array<{ label: string; count: number }>;
  comments: Array<{ day: string; text: string }>;
}

/**
 * A query is listed once at least this many readers searched it (a reader counts once a query a day): one
 * person's query stays out of sight, whether junk, a forgery, or personal data the redaction missed.
 */
export const MIN_READERS = 2;
/** The most rows any report or CSV reads, however large the tables grow. */
export const MAX_REPORT_ROWS = 10_000;

/** The dashboard's figures, read from the rollups and the votes; every number is computed here, not in views. */
export class Reports {
  constructor(private readonly db: Db) {}

  private async searchTotals(from: string, to: string) {
    const row = await this.db
      .selectFrom("search_days")
      .select((eb) => [
        eb.fn.sum<number>("searches").as("searches"),
        eb.fn.sum<number>("no_results").as("no_results"),
        eb.fn.sum<number>("clicks").as("clicks"),
      ])
      .where("day", ">=", from)
      .where("day", "<=", to)
      .executeTakeFirst();
    return { searches: num(row?.searches), noResults: num(row?.no_results), clicks: num(row?.clicks) };
  }

  private async voteTotals(from: string, to: string) {
    const row = await this.db
      .selectFrom("feedback_votes")
      .select((eb) => [eb.fn.countAll<number>().as("votes"), eb.fn.sum<number>("helpful").as("helpful")])
      .where("day", ">=", from)
      .where("day", "<=", to)
      .executeTakeFirst();
    return { votes: num(row?.votes), helpful: num(row?.helpful) };
  }

  private async contactTotals(from: string, to: string): Promise<ContactTotals> {
    const [views, contacts] = await Promise.all([
      this.db
        .selectFrom("answer_views_daily")
        .select((eb) => eb.fn.sum<number>("views").as("views"))
        .where("day", ">=", from)
        .where("day", "<=", to)
        .executeTakeFirst(),
      this.db
        .selectFrom("contact_events")
        .select((eb) => eb.fn.countAll<number>().as("contacts"))
        .where("day", ">=", from)
        .where("day", "<=", to)
        .executeTakeFirst(),
    ]);
    return { views: num(views?.views), contacts: num(contacts?.contacts) };
  }

  async overview(days: number, now = Date.now()): Promise<Overview> {
    const period = periodEnding(days, now);
    const [searches, previousSearches, votes, previousVotes, reach, previousReach] = await Promise.all([
      this.searchTotals(period.from, period.to),
      this.searchTotals(period.previousFrom, period.previousTo),
      this.voteTotals(period.from, period.to),
      this.voteTotals(period.previousFrom, period.previousTo),
      this.contactTotals(period.from, period.to),
      this.contactTotals(period.previousFrom, period.previousTo),
    ]);
    const contactsNow = contactFigures(reach);
    const contactsBefore = contactFigures(previousReach);
    const hadViews = previousReach.views > 0;
    const now_ = searchFigures(searches);
    const before = searchFigures(previousSearches);
    const hadSearches = previousSearches.searches > 0;
    const hadVotes = previousVotes.votes > 0;
    const helpfulRate = rate(votes.helpful, votes.votes);
    const previousHelpfulRate = rate(previousVotes.helpful, previousVotes.votes);
    const figures = [
      {
        label: "検索数",
        value: now_.searches.toLocaleString("ja-JP"),
        change: change(now_.searches, hadSearches ? before.searches : undefined, "count"),
      },
      {
        label: "0 件の検索の割合",
        value: percent(now_.noResultRate),
        change: change(now_.noResultRate, hadSearches ? before.noResultRate : undefined, "rate"),
      },
      {
        label: "クリック率",
        value: percent(now_.clickThroughRate),
        change: change(now_.clickThroughRate, hadSearches ? before.clickThroughRate : undefined, "rate"),
      },
      {
        label: "直帰した検索の割合",
        value: percent(now_.bouncedRate),
        change: change(now_.bouncedRate, hadSearches ? before.bouncedRate : undefined, "rate"),
      },
      {
        label: "評価数",
        value: votes.votes.toLocaleString("ja-JP"),
        change: change(votes.votes, hadVotes ? previousVotes.votes : undefined, "count"),
      },
      {
        label: "「解決した」の割合",
        value: percent(helpfulRate),
        change: change(helpfulRate, hadVotes ? previousHelpfulRate : undefined, "rate"),
      },
      {
        label: "回答の閲覧数",
        value: contactsNow.views.toLocaleString("ja-JP"),
        change: change(contactsNow.views, hadViews ? contactsBefore.views : undefined, "count"),
      },
      {
        label: "問い合わせ数",
        value: contactsNow.contacts.toLocaleString("ja-JP"),
        change: change(contactsNow.contacts, hadViews ? contactsBefore.contacts : undefined, "count"),
      },
      {
        label: "問い合わせ率",
        value: percent(contactsNow.contactRate),
        change: change(contactsNow.contactRate, contactsBefore.contactRate, "rate"),
      },
      {
        label: "セルフサービス・スコア",
        value: score(contactsNow.selfServiceScore),
        change: change(contactsNow.selfServiceScore, contactsBefore.selfServiceScore, "count"),
      },
    ];

    const searchDays = await this.db
      .selectFrom("search_days")
      .select(["day", "searches", "no_results"])
      .where("day", ">=", period.from)
      .where("day", "<=", period.to)
      .execute();
    const voteDays = await this.db
      .selectFrom("feedback_votes")
      .select((eb) => ["day", eb.fn.countAll<number>().as("votes"), eb.fn.sum<number>("helpful").as("helpful")])
      .where("day", ">=", period.from)
      .where("day", "<=", period.to)
      .groupBy("day")
      .execute();
    const searchesOn = new Map(searchDays.map((d) => [d.day, d]));
    const votesOn = new Map(voteDays.map((d) => [d.day, d]));
    return {
      period,
      figures,
      searchesByDay: period.dayList.map((day) => ({
        day,
        searches: num(searchesOn.get(day)?.searches),
        noResults: num(searchesOn.get(day)?.no_results),
      })),
      votesByDay: period.dayList.map((day) => {
        const row = votesOn.get(day);
        return { day, helpful: num(row?.helpful), notHelpful: num(row?.votes) - num(row?.helpful) };
      }),
    };
  }

  /** Answer views in the period, summed by answer or by day. */
  private viewsBy<Key extends "question_id" | "day">(key: Key, period: Period) {
    return this.db
      .selectFrom("answer_views_daily")
      .select((eb) => [eb.ref(key).as("key"), eb.fn.sum<number>("views").as("views")])
      .where("day", ">=", period.from)
      .where("day", "<=", period.to)
      .groupBy(key)
      .execute();
  }

  /** Contacts in the period, counted by the answer or the code they came from, or by day. */
  private contactsBy<Key extends "question_id" | "code" | "day">(key: Key, period: Period) {
    return this.db
      .selectFrom("contact_events")
      .select((eb) => [eb.ref(key).as("key"), eb.fn.countAll<number>().as("contacts")])
      .where("day", ">=", period.from)
      .where("day", "<=", period.to)
      .groupBy(key)
      .execute();
  }

  /** Views and contacts per answer, per error code and per day: which answers send readers to the office. */
  async contacts(content: Content, days: number, now = Date.now()): Promise<ContactsReport> {
    const period = periodEnding(days, now);
    const [totals, views, byQuestion, byCode, viewDays, contactDays] = await Promise.all([
      this.contactTotals(period.from, period.to),
      this.viewsBy("question_id", period),
      this.contactsBy("question_id", period),
      this.contactsBy("code", period),
      this.viewsBy("day", period),
      this.contactsBy("day", period),
    ]);
    const viewsOf = new Map(views.map((row) => [row.key, num(row.views)]));
    const contactsOf = new Map(byQuestion.map((row) => [row.key, num(row.contacts)]));
    const viewsOn = new Map(viewDays.map((row) => [row.key, num(row.views)]));
    const contactsOn = new Map(contactDays.map((row) => [row.key, num(row.contacts)]));
    return {
      period,
      totals: contactFigures(totals),
      answers: content.questions
        .map((question): ContactRow => {
          const viewed = viewsOf.get(question.id) ?? 0;
          const contacts = contactsOf.get(question.id) ?? 0;
          return {
            id: question.id,
            title: question.title,
            views: viewed,
            contacts,
            contactRate: rate(contacts, viewed),
          };
        })
        .sort((a, b) => b.contacts - a.contacts || (b.contactRate ?? 0) - (a.contactRate ?? 0) || b.views - a.views),
      codes: byCode
        .flatMap((row) => (row.key === null ? [] : [{ code: String(row.key), contacts: num(row.contacts) }]))
        .sort((a, b) => b.contacts - a.contacts || a.code.localeCompare(b.code)),
      withoutAnswer: contactsOf.get(null) ?? 0,
      byDay: period.dayList.map((day) => ({ day, views: viewsOn.get(day) ?? 0, contacts: contactsOn.get(day) ?? 0 })),
    };
  }

  async noResults(days: number, now = Date.now(), limit?: number): Promise<NoResultRow[]> {
    const period = periodEnding(days, now);
    const query = this.db
      .selectFrom("search_daily")
      .select((eb) => ["query", eb.fn.sum<number>("no_results").as("searches"), eb.fn.max("last_seen").as("last_seen")])
      .where("day", ">=", period.from)
      .where("day", "<=", period.to)
      .where("no_results", ">", 0)
      .groupBy("query")
      .having(sql`sum(searches)`, ">=", MIN_READERS)
      .orderBy(sql`sum(no_results)`, "desc")
      .orderBy("query")
      .limit(Math.min(limit ?? MAX_REPORT_ROWS, MAX_REPORT_ROWS));
    const rows = await query.execute();
    return rows.map((row) => ({ query: row.query, searches: num(row.searches), lastSeen: String(row.last_seen) }));
  }

  /**
   * Each query's totals in the period, most searched first: all the CSV export needs. The page adds the
   * most-opened answer and the click positions (`searches`), which for every query of 90 days would be a
   * lookup as long as the list.
   */
  async queryTotals(days: number, now = Date.now(), limit?: number): Promise<QueryTotals[]> {
    return (await this.queryTotalsIn(periodEnding(days, now), limit)).map(({ deepClicks: _deep, ...totals }) => totals);
  }

  async searches(
    days: number,
    now = Date.now(),
    limit?: number,
  ): Promise<{ rows: SearchRow[]; clicksByPosition: Array<{ position: number; clicks: number }> }> {
    const period = periodEnding(days, now);
    const rows = await this.queryTotalsIn(period, limit);
    const queries = rows.map((row) => row.query);
    // The most-opened answer, for the listed queries only (the rollup's key starts with the query).
    const answers =
      queries.length === 0
        ? []
        : await this.db
            .selectFrom("search_clicks_daily")
            .select((eb) => ["query", "question_id", eb.fn.sum<number>("clicks").as("clicks")])
            .where("query", "in", queries)
            .where("day", ">=", period.from)
            .where("day", "<=", period.to)
            .groupBy(["query", "question_id"])
            .execute();
    const topAnswer = new Map<string, { id: string; clicks: number }>();
    for (const answer of answers) {
      const best = topAnswer.get(answer.query);
      const clicks = num(answer.clicks);
      if (!best || clicks > best.clicks || (clicks === best.clicks && answer.question_id < best.id))
        topAnswer.set(answer.query, { id: answer.question_id, clicks });
    }
    const positionRows = await this.db
      .selectFrom("search_positions_daily")
      .select((eb) => ["position", eb.fn.sum<number>("clicks").as("clicks")])
      .where("day", ">=", period.from)
      .where("day", "<=", period.to)
      .groupBy("position")
      .orderBy("position")
      .execute();
    return {
      rows: rows.map(({ deepClicks, ...row }) => ({
        ...row,
        topAnswer: topAnswer.get(row.query)?.id,
        rankingSuspect: rankingSuspect(
          new Map([
            [1, row.clicks - deepClicks],
            [2, deepClicks],
          ]),
        ),
      })),
      clicksByPosition: positionRows.map((row) => ({ position: row.position, clicks: num(row.clicks) })),
    };
  }

  private async queryTotalsIn(period: Period, limit?: number): Promise<Array<QueryTotals & { deepClicks: number }>> {
    const top = this.db
      .selectFrom("search_daily")
      .select((eb) => [
        "query",
        eb.fn.sum<number>("searches").as("searches"),
        eb.fn.sum<number>("clicks").as("clicks"),
        eb.fn.sum<number>("deep_clicks").as("deep_clicks"),
        eb.fn.sum<number>("no_results").as("no_results"),
      ])
      .where("day", ">=", period.from)
      .where("day", "<=", period.to)
      .groupBy("query")
      .having(sql`sum(searches)`, ">=", MIN_READERS)
      .orderBy(sql`sum(searches)`, "desc")
      .orderBy("query")
      .limit(Math.min(limit ?? MAX_REPORT_ROWS, MAX_REPORT_ROWS));
    const rows = await top.execute();
    return rows.map((row) => {
      const searches = num(row.searches);
      const clicks = num(row.clicks);
      return {
        query: row.query,
        searches,
        clicks,
        clickThroughRate: rate(clicks, searches),
        noResults: num(row.no_results),
        deepClicks: num(row.deep_clicks),
      };
    });
  }

  /** Every question, with its votes in the period; worst first (lowest helpful rate, then most not-helpful). */
  async questions(content: Content, days: number, now = Date.now(), commentsPerQuestion = 3): Promise<QuestionRow[]> {
    const period = periodEnding(days, now);
    const counts = await this.db
      .selectFrom("feedback_votes")
      .select((eb) => ["question_id", eb.fn.countAll<number>().as("votes"), eb.fn.sum<number>("helpful").as("helpful")])
      .where("day", ">=", period.from)
      .where("day", "<=", period.to)
      .groupBy("question_id")
      .execute();
    const reasons = await this.db
      .selectFrom("feedback_votes")
      .select((eb) => ["question_id", "reason", eb.fn.countAll<number>().as("n")])
      .where("day", ">=", period.from)
      .where("day", "<=", period.to)
      .where("reason", "is not", null)
      .groupBy(["question_id", "reason"])
      .execute();
    // The newest few of each answer, so one answer's flood of comments cannot push the others' off the page.
    const ranked = this.db
      .selectFrom("feedback_votes")
      .select([
        "question_id",
        "day",
        "comment",
        "created_at",
        sql<number>`row_number() over (partition by question_id order by created_at desc)`.as("rank"),
      ])
      .where("day", ">=", period.from)
      .where("day", "<=", period.to)
      .where("comment", "is not", null)
      .as("ranked");
    const comments = await this.db
      .selectFrom(ranked)
      .select(["question_id", "day", "comment", "created_at"])
      .where("rank", "<=", commentsPerQuestion)
      .orderBy("created_at", "desc")
      .execute();
    const countOf = new Map(counts.map((c) => [c.question_id, c]));
    return content.questions
      .map((question): QuestionRow => {
        const c = countOf.get(question.id);
        const helpful = num(c?.helpful);
        const notHelpful = num(c?.votes) - helpful;
        return {
          id: question.id,
          title: question.title,
          file: `content/${question.file}`,
          helpful,
          notHelpful,
          helpfulRate: rate(helpful, helpful + notHelpful),
          reasons: reasons
            .filter((r) => r.question_id === question.id)
            .map((r) => ({ label: reasonLabel(r.reason ?? ""), count: num(r.n) }))
            .sort((a, b) => b.count - a.count),
          comments: comments
            .filter((r) => r.question_id === question.id)
            .slice(0, commentsPerQuestion)
            .map((r) => ({ day: r.day, text: r.comment ?? "" })),
        };
      })
      .sort(worstFirst);
  }
}

/** Questions with votes before those without; then the lowest helpful rate; then the most not-helpful votes. */
export function worstFirst(a: QuestionRow, b: QuestionRow): number {
  if ((a.helpfulRate === undefined) !== (b.helpfulRate === undefined)) return a.helpfulRate === undefined ? 1 : -1;
  return (
    (a.helpfulRate ?? 0) - (b.helpfulRate ?? 0) || b.notHelpful - a.notHelpful || a.title.localeCompare(b.title, "ja")
  );
}

/** The questions report's orders: worst first (the default), most votes first, or as the FAQ lists them. */
export function sortQuestionRows(rows: readonly QuestionRow[], sort: string, content: Content): QuestionRow[] {
  if (sort === "votes")
    return [...rows].sort((a, b) => b.helpful + b.notHelpful - (a.helpful + a.notHelpful) || worstFirst(a, b));
  if (sort === "order") {
    const position = new Map(content.questions.map((q, i) => [q.id, i]));
    return [...rows].sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
  }
  return [...rows].sort(worstFirst);
}
