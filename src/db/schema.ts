/**
 * The tables, as Kysely sees them. One schema for SQLite and PostgreSQL: days and times are ISO text
 * (sortable and compared as text on both), flags are 0/1 integers.
 */
export interface Database {
  daily_salts: { day: string; salt: string };
  feedback_votes: {
    day: string;
    visitor_key: string;
    question_id: string;
    helpful: number;
    reason: string | null;
    comment: string | null;
    created_at: string;
  };
  search_events: {
    id: string;
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
