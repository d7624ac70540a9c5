import { answerByCode } from "../content/answer-by-code.js";
import type { Content } from "../content/types.js";

/** What a scope may name: the categories, the answers, and the codes the answers are about. */
export type ScopeNames = Pick<Content, "categoryById" | "questionById" | "questions">;

/**
 * A time-boxed notice: お知らせ (planned work, news) or 障害 (something upstream is broken), shown at the top
 * of exactly the pages its scope reaches, from its start to its end (Japan time in forms and files).
 */
export type NoticeKind = "info" | "outage";

export type NoticeScope =
  | { kind: "site" }
  | { kind: "category"; id: string }
  | { kind: "question"; id: string }
  | { kind: "code"; code: string };

/** A notice as shown and stored: its fields, with an id and where it was made. */
export interface Notice extends NoticeFields {
  id: string;
  /** Made in content/notices/ (read-only on the dashboard) or on the dashboard. */
  source: "content" | "dashboard";
}

export const MAX_TITLE = 80;
export const MAX_BODY = 500;
export const MAX_DAYS = 31;
const DAY_MS = 86_400_000;
const JST_MS = 9 * 3_600_000;

/** `YYYY-MM-DDTHH:MM` in Japan time as epoch milliseconds; undefined when it is not such a time. */
export function parseJapanMinute(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const time = Date.UTC(y, mo - 1, d, h, mi) - JST_MS;
  const back = new Date(time + JST_MS);
  // 2026-02-30 rolls over in Date.UTC: such a date does not exist.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) return undefined;
  return time;
}

/** Epoch milliseconds as `YYYY-MM-DDTHH:MM` in Japan time, as the form's fields take it. */
export function formatJapanMinute(time: number): string {
  return new Date(time + JST_MS).toISOString().slice(0, 16);
}

/** As a reader reads it: 2026年12月6日 18:30. */
export function readableJapanTime(time: number): string {
  const [date = "", clock = ""] = formatJapanMinute(time).split("T");
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日 ${clock}`;
}

/** Every way a scope is written: site, category:<id>, question:<id>, code:<AE..>, several separated by commas. */
export function parseScopes(
  text: string,
  content: ScopeNames,
): { ok: true; scopes: NoticeScope[] } | { ok: false; error: string } {
  const parts = text
    .split(/[,、，]/)
    .map((part) => part.trim())
    .filter((part) => part !== "");
  if (parts.length === 0) return { ok: false, error: "範囲を入力してください（例: site、code:AE04、question:ae04）。" };
  const scopes: NoticeScope[] = [];
  for (const part of parts) {
    const [kind = "", value = ""] = part.split(/:(.*)/s).map((s) => s.trim());
    if (kind === "site" && value === "") scopes.push({ kind: "site" });
    else if (kind === "category" && content.categoryById.has(value)) scopes.push({ kind: "category", id: value });
    else if (kind === "question" && content.questionById.has(value)) scopes.push({ kind: "question", id: value });
    else if (kind === "code" && answerByCode(content).has(value.toUpperCase()))
      scopes.push({ kind: "code", code: value.toUpperCase() });
    else return { ok: false, error: `範囲「${part.slice(0, 60)}」に当たるものがありません。${scopeHint(kind)}` };
  }
  return { ok: true, scopes };
}

function scopeHint(kind: string): string {
  if (kind === "category") return "category: のあとにカテゴリーの ID を書いてください。";
  if (kind === "question") return "question: のあとにご質問の ID（例: ae04）を書いてください。";
  if (kind === "code") return "code: のあとに回答のあるエラーコード（例: AE04）を書いてください。";
  return "site、category:<ID>、question:<ID>、code:<エラーコード> のいずれかで書いてください。";
}

/** Scopes as the form and the files write them. */
export function formatScopes(scopes: readonly NoticeScope[]): string {
  return scopes
    .map((scope) =>
      scope.kind === "site" ? "site" : scope.kind === "code" ? `code:${scope.code}` : `${scope.kind}:${scope.id}`,
    )
    .join(", ");
}

/** What an operator or an editor writes: everything of a notice but its id. */
export interface NoticeFields {
  title: string;
  /** Plain text; bare https: links become links when shown. */
  body: string;
  kind: NoticeKind;
  scopes: NoticeScope[];
  /** Epoch milliseconds. */
  startsAt: number;
  endsAt: number;
}

/** Checks a notice as an operator or an editor wrote it; each problem is said by field, in the form's words. */
export function checkNotice(
  raw: Record<string, unknown>,
  content: ScopeNames,
): { ok: true; fields: NoticeFields } | { ok: false; errors: Partial<Record<keyof NoticeFields | "scope", string>> } {
  const text = (name: string) => (typeof raw[name] === "string" ? (raw[name] as string) : "");
  const errors: Partial<Record<keyof NoticeFields | "scope", string>> = {};
  const title = text("title").trim();
  const body = text("body").replace(/\r\n?/g, "\n").trim();
  if (title === "") errors.title = "件名を入力してください。";
  else if ([...title].length > MAX_TITLE) errors.title = `件名は ${MAX_TITLE} 文字以内にしてください。`;
  if ([...body].length > MAX_BODY) errors.body = `本文は ${MAX_BODY} 文字以内にしてください。`;
  const kind = text("kind");
  if (kind !== "info" && kind !== "outage") errors.kind = "種類は「お知らせ」か「障害」を選んでください。";
  const scopes = parseScopes(text("scope"), content);
  if (!scopes.ok) errors.scope = scopes.error;
  const startsAt = parseJapanMinute(text("starts_at"));
  const endsAt = parseJapanMinute(text("ends_at"));
  if (startsAt === undefined) errors.startsAt = "開始日時を 2026-12-06T09:00 の形で入力してください。";
  if (endsAt === undefined)
    errors.endsAt = "終了日時を 2026-12-06T18:00 の形で入力してください（終了日時は必須です）。";
  else if (startsAt !== undefined && endsAt <= startsAt) errors.endsAt = "終了日時は開始日時より後にしてください。";
  else if (startsAt !== undefined && endsAt - startsAt > MAX_DAYS * DAY_MS)
    errors.endsAt = `掲載期間は ${MAX_DAYS} 日以内にしてください。`;
  if (Object.keys(errors).length > 0 || !scopes.ok || startsAt === undefined || endsAt === undefined)
    return { ok: false, errors };
  return { ok: true, fields: { title, body, kind: kind as NoticeKind, scopes: scopes.scopes, startsAt, endsAt } };
}

/** The body as text runs and links: only bare https: addresses become links, and nothing else is markup. */
export function bodySegments(body: string): Array<{ text: string; href?: string }> {
  const segments: Array<{ text: string; href?: string }> = [];
  let from = 0;
  for (const match of body.matchAll(/https:\/\/[^\s<>"'、。）」]+/g)) {
    const start = match.index ?? 0;
    if (start > from) segments.push({ text: body.slice(from, start) });
    const href = match[0].replace(/[.,;:!?)]+$/, "");
    segments.push({ text: href, href });
    from = start + href.length;
  }
  if (from < body.length) segments.push({ text: body.slice(from) });
  return segments;
}
