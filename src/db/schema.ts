import type { Generated } from "kysely";

/**
 * The tables, as Kysely sees them. One schema for SQLite and PostgreSQL: days and times are ISO text
 * (sortable and compared as text on both), flags are 0/1 integers.
 */
export interface Database {
  admin_users: { name: string; password_hash: string; created_at: string; updated_at: string };
  admin_sessions: { id_hash: string; user_name: string; csrf_token: string; created_at: string; last_seen_at: string };
  admin_login_failures: { key: string; at: string };
  admin_lockouts: { key: string; until: string };
  search_daily: {
    day: string;
    query: string;
    searches: number;
    no_results: number;
    clicks: number;
    deep_clicks: number;
    last_seen: string;
  };
  search_clicks_daily: { day: string; query: string; question_id: string; clicks: number };
  search_days: { day: string; searches: number; no_results: number; clicks: number };
  search_positions_daily: { day: string; position: number; clicks: number };
  daily_salts: { day: string; salt: string };
  rate_limit_hits: { name: string; key: string; window_start: number; hits: number };
  feedback_votes: {
    day: string;
    visitor_key: string;
    question_id: string;
    helpful: number;
    reason: string | null;
    comment: string | null;
    created_at: string;
  };
  notices: {
    id: string;
    title: string;
    body: string;
    kind: string;
    /** As the form writes it: site, category:<id>, question:<id>, code:<AE..>, separated by commas. */
    scope: string;
    starts_at: string;
    ends_at: string;
    created_by: string;
    created_at: string;
    updated_by: string;
    updated_at: string;
  };
  /** /errors/<code> visits per ten minutes (`bucket`: its start, ISO). */
  code_visits: { bucket: string; code: string; visits: number };
  /** Spike alerts sent: one per code and hour, whichever replica sends it. */
  alerts_sent: { code: string; hour: string; sent_at: string };
  audit_log: { at: string; actor: string; action: string; target: string | null; detail: string | null };
  answer_views_daily: { day: string; question_id: string; views: number };
  contact_events: {
    day: string;
    visitor_key: string;
    question_id: string | null;
    code: string | null;
    query: string | null;
    created_at: string;
  };
  /** A reader's failed search, then the answer they found within ten minutes (by a new search or a はい vote). */
  search_rewrites: {
    day: string;
    visitor_key: string;
    from_query: string;
    /** The search that found it; null when the reader voted はい on the answer instead. */
    to_query: string | null;
    question_id: string;
    created_at: string;
  };
  /** An operator's accept or dismiss of a suggestion, with the suggestion as it was (JSON), to apply later. */
  suggestion_decisions: {
    id: string;
    kind: string;
    status: string;
    detail: string;
    decided_by: string;
    decided_at: string;
  };
  search_events: {
    /** Given by the database (SQLite's rowid, a PostgreSQL identity) as rows arrive; pg reads a bigint as text. */
    id: Generated<number | string>;
    day: string;
    visitor_key: string;
    query: string;
    results: number;
    top_result: string | null;
    code_match: number;
    source: string;
    clicked_question: string | null;
    clicked_position: number | null;
    created_at: string;
  };
}
