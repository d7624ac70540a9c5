import type { AuditAction, AuditEntry } from "../../admin/audit-log.js";
import { METRIC_DEFINITIONS } from "../../admin/metric-definitions.js";
import type { Spike } from "../../alerts/spikes.js";
import {
  formatJapanMinute,
  formatScopes,
  MAX_BODY,
  MAX_DAYS,
  MAX_TITLE,
  type Notice,
  readableJapanTime,
} from "../../notices/notice.js";
import type { StoredNotice } from "../../notices/notice-store.js";
import type { ContactsReport, Overview, QuestionRow, SearchRow, NoResultRow } from "../../admin/reports.js";
import { dailyBarChart } from "../../admin/charts.js";
import { PERIODS, percent, score } from "../../admin/report-math.js";
import type { Content } from "../../content/types.js";
import { SITE_NAME } from "./page-models.js";
import { urls } from "./urls.js";
import type { AdminFrame, DecidedView, DiffLine, PageModel, SuggestionView } from "./view-contract.js";
import type { ReviewDue } from "../../content/freshness.js";
import type { Suggestion } from "../../suggestions/mine.js";
import { type ContentChanges, patchOf } from "../../suggestions/suggestion-patch.js";
import type { Decision } from "../../suggestions/suggestion-store.js";

const ADMIN = "運用ダッシュボード";

export const adminUrls = {
  overview: (days?: number) => withDays("/admin", days),
  noResults: (days?: number) => withDays("/admin/no-results", days),
  searches: (days?: number) => withDays("/admin/searches", days),
  questions: (days?: number, sort?: string) =>
    `${withDays("/admin/questions", days)}${sort ? `${days ? "&" : "?"}sort=${encodeURIComponent(sort)}` : ""}`,
  noResultsCsv: (days: number) => withDays("/admin/reports/no-results.csv", days),
  searchesCsv: (days: number) => withDays("/admin/reports/searches.csv", days),
  questionsCsv: (days: number) => withDays("/admin/reports/questions.csv", days),
  contacts: (days?: number) => withDays("/admin/contacts", days),
  contactsCsv: (days: number) => withDays("/admin/reports/contacts.csv", days),
  metrics: (days?: number) => withDays("/admin/metrics", days),
  notices: () => "/admin/notices",
  notice: (id: string) => `/admin/notices/${encodeURIComponent(id)}`,
  endNotice: (id: string) => `/admin/notices/${encodeURIComponent(id)}/end`,
  newNoticeFor: (code: string) => `/admin/notices?code=${encodeURIComponent(code)}#notice-form`,
  audit: () => "/admin/audit",
  suggestions: (days?: number) => withDays("/admin/suggestions", days),
  suggestion: (id: string, days?: number) => withDays(`/admin/suggestions/${encodeURIComponent(id)}`, days),
  suggestionsPatch: () => "/admin/reports/suggestions.patch",
  searchChecks: (days: number) => withDays("/admin/reports/search-checks.json", days),
  login: () => "/admin/login",
  logout: () => "/admin/logout",
};

function withDays(path: string, days?: number): string {
  return days === undefined || days === 30 ? path : `${path}?days=${days}`;
}

const REPORTS = [
  { key: "overview", label: "概要", url: adminUrls.overview },
  { key: "no-results", label: "見つからなかった検索", url: adminUrls.noResults },
  { key: "searches", label: "人気の検索", url: adminUrls.searches },
  { key: "questions", label: "回答の評価", url: adminUrls.questions },
  { key: "contacts", label: "問い合わせ", url: adminUrls.contacts },
  { key: "suggestions", label: "改善の提案", url: adminUrls.suggestions },
  { key: "metrics", label: "指標の定義", url: adminUrls.metrics },
  { key: "notices", label: "お知らせ", url: () => adminUrls.notices() },
  { key: "audit", label: "操作の記録", url: () => adminUrls.audit() },
] as const;
/** Pages that are not reports over a period: no period to choose. */
const TIMELESS: ReadonlySet<string> = new Set(["metrics", "notices", "audit"]);
type ReportKey = (typeof REPORTS)[number]["key"];

function frame(
  report: ReportKey,
  user: string,
  csrfToken: string,
  days: number,
  csvUrl: string | undefined,
): AdminFrame {
  const current = REPORTS.find((r) => r.key === report) ?? REPORTS[0];
  return {
    user,
    csrfToken,
    days,
    periodLabel: `直近 ${days} 日間`,
    periods: TIMELESS.has(report) ? [] : PERIODS.map((d) => ({ days: d, url: current.url(d), current: d === days })),
    nav: REPORTS.map((r) => ({ label: r.label, url: r.url(days), current: r.key === report })),
    csvUrl,
  };
}

function adminPage<
  T extends
    | "admin/overview"
    | "admin/no-results"
    | "admin/searches"
    | "admin/questions"
    | "admin/contacts"
    | "admin/metrics"
    | "admin/notices"
    | "admin/notice-edit"
    | "admin/audit"
    | "admin/suggestions",
>(template: T, heading: string, data: PageModel<T>["data"]): PageModel<T> {
  return {
    template,
    status: 200,
    title: `${heading} | ${ADMIN} | ${SITE_NAME}`,
    description: ADMIN,
    path: "",
    breadcrumb: [{ label: ADMIN, href: adminUrls.overview() }, { label: heading }],
    query: "",
    data,
    noindex: true,
  };
}

export function adminSetupPage(): PageModel<"admin/setup"> {
  return {
    template: "admin/setup",
    status: 200,
    title: `${ADMIN} | ${SITE_NAME}`,
    description: ADMIN,
    path: "",
    breadcrumb: [],
    query: "",
    data: {},
    noindex: true,
  };
}

export function adminLoginPage(
  csrfToken: string,
  options: { error?: string; username?: string; status?: number } = {},
): PageModel<"admin/login"> {
  return {
    template: "admin/login",
    status: options.status ?? 200,
    title: `サインイン | ${ADMIN} | ${SITE_NAME}`,
    description: ADMIN,
    path: "",
    breadcrumb: [],
    query: "",
    data: { csrfToken, error: options.error, username: options.username ?? "" },
    noindex: true,
  };
}

/** A spike on 概要: what it is, and the notice for it, filled in and one button away. */
function spikeView(spike: Spike, now: number) {
  return {
    code: spike.code,
    lastHour: spike.lastHour,
    baseline: spike.baseline.toFixed(1),
    form: {
      title: `${spike.code} が表示されてサインインできない件について`,
      body: `${spike.code} が表示されてサインインできない件について、現在確認しています。`,
      kind: "outage",
      scope: `code:${spike.code}`,
      starts_at: formatJapanMinute(now),
      ends_at: formatJapanMinute(now + 2 * 3_600_000),
    },
    editUrl: adminUrls.newNoticeFor(spike.code),
  };
}

export function adminOverviewPage(
  overview: Overview,
  user: string,
  csrfToken: string,
  spiking: readonly Spike[] = [],
  now = Date.now(),
): PageModel<"admin/overview"> {
  const days = overview.period.dayList;
  return adminPage("admin/overview", "概要", {
    ...frame("overview", user, csrfToken, overview.period.days, undefined),
    spikes: spiking.map((spike) => spikeView(spike, now)),
    figures: overview.figures,
    searchChart: dailyBarChart({
      title: "1 日ごとの検索数と 0 件の検索数",
      days,
      series: [
        { label: "検索", className: "chart__bar--a", values: overview.searchesByDay.map((d) => d.searches) },
        { label: "0 件の検索", className: "chart__bar--b", values: overview.searchesByDay.map((d) => d.noResults) },
      ],
    }),
    voteChart: dailyBarChart({
      title: "1 日ごとの「解決した」「解決しない」の評価数",
      days,
      series: [
        { label: "解決した", className: "chart__bar--a", values: overview.votesByDay.map((d) => d.helpful) },
        { label: "解決しない", className: "chart__bar--b", values: overview.votesByDay.map((d) => d.notHelpful) },
      ],
    }),
    searchesByDay: overview.searchesByDay,
    votesByDay: overview.votesByDay,
  });
}

export function adminNoResultsPage(
  rows: NoResultRow[],
  days: number,
  user: string,
  csrfToken: string,
): PageModel<"admin/no-results"> {
  return adminPage("admin/no-results", "見つからなかった検索", {
    ...frame("no-results", user, csrfToken, days, adminUrls.noResultsCsv(days)),
    rows: rows.map((row) => ({
      ...row,
      lastSeen: row.lastSeen.slice(0, 16).replace("T", " "),
      searchUrl: urls.search(row.query),
    })),
  });
}

export function adminSearchesPage(
  content: Content,
  report: { rows: SearchRow[]; clicksByPosition: Array<{ position: number; clicks: number }> },
  days: number,
  user: string,
  csrfToken: string,
): PageModel<"admin/searches"> {
  const totalClicks = report.clicksByPosition.reduce((sum, p) => sum + p.clicks, 0);
  return adminPage("admin/searches", "人気の検索", {
    ...frame("searches", user, csrfToken, days, adminUrls.searchesCsv(days)),
    rows: report.rows.map((row) => {
      const answer = row.topAnswer ? content.questionById.get(row.topAnswer) : undefined;
      return {
        ...row,
        clickThroughRate: percent(row.clickThroughRate),
        topAnswer: answer ? { id: answer.id, title: answer.title, url: urls.question(answer.id) } : undefined,
        searchUrl: urls.search(row.query),
      };
    }),
    positions: report.clicksByPosition.map((p) => ({
      ...p,
      share: percent(totalClicks > 0 ? p.clicks / totalClicks : undefined),
    })),
  });
}

export const QUESTION_SORTS = [
  { key: "worst", label: "評価の低い順" },
  { key: "votes", label: "評価数の多い順" },
  { key: "order", label: "掲載順" },
] as const;

export function adminQuestionsPage(
  rows: QuestionRow[],
  sort: string,
  days: number,
  user: string,
  csrfToken: string,
): PageModel<"admin/questions"> {
  return adminPage("admin/questions", "回答の評価", {
    ...frame("questions", user, csrfToken, days, adminUrls.questionsCsv(days)),
    sort,
    sorts: QUESTION_SORTS.map((s) => ({
      key: s.key,
      label: s.label,
      url: adminUrls.questions(days, s.key === "worst" ? undefined : s.key),
      current: s.key === sort,
    })),
    rows: rows.map((row) => ({ ...row, url: urls.question(row.id), helpfulRate: percent(row.helpfulRate) })),
  });
}

export function adminContactsPage(
  report: ContactsReport,
  counting: boolean,
  user: string,
  csrfToken: string,
): PageModel<"admin/contacts"> {
  const days = report.period.days;
  return adminPage("admin/contacts", "問い合わせ", {
    ...frame("contacts", user, csrfToken, days, adminUrls.contactsCsv(days)),
    counting,
    totals: {
      views: report.totals.views.toLocaleString("ja-JP"),
      contacts: report.totals.contacts.toLocaleString("ja-JP"),
      contactRate: percent(report.totals.contactRate),
      selfServiceScore: score(report.totals.selfServiceScore),
    },
    chart: dailyBarChart({
      title: "1 日ごとの回答の閲覧数と問い合わせ数",
      days: report.period.dayList,
      series: [
        { label: "閲覧", className: "chart__bar--a", values: report.byDay.map((d) => d.views) },
        { label: "問い合わせ", className: "chart__bar--b", values: report.byDay.map((d) => d.contacts) },
      ],
    }),
    byDay: report.byDay.map((d) => ({ ...d, contactRate: percent(d.views > 0 ? d.contacts / d.views : undefined) })),
    answers: report.answers.map((row) => ({
      ...row,
      url: urls.question(row.id),
      contactRate: percent(row.contactRate),
    })),
    codes: report.codes,
    withoutAnswer: report.withoutAnswer,
  });
}

export function adminMetricsPage(days: number, user: string, csrfToken: string): PageModel<"admin/metrics"> {
  return adminPage("admin/metrics", "指標の定義", {
    ...frame("metrics", user, csrfToken, days, undefined),
    definitions: METRIC_DEFINITIONS,
  });
}

/** The notice form's fields as typed, and what is wrong with them, by field. */
export interface NoticeForm {
  values: { title: string; body: string; kind: string; scope: string; starts_at: string; ends_at: string };
  errors: Partial<Record<string, string>>;
}

const NOTICE_KINDS = { info: "お知らせ", outage: "障害" } as const;

function noticeRow(notice: Notice, now: number, editable: boolean) {
  const state = now < notice.startsAt ? "予定" : now < notice.endsAt ? "掲載中" : "終了";
  return {
    id: notice.id,
    kind: NOTICE_KINDS[notice.kind],
    title: notice.title,
    scope: formatScopes(notice.scopes),
    period: `${readableJapanTime(notice.startsAt)} 〜 ${readableJapanTime(notice.endsAt)}`,
    state,
    editUrl: editable ? adminUrls.notice(notice.id) : undefined,
    endUrl: editable && state !== "終了" ? adminUrls.endNotice(notice.id) : undefined,
    by: "createdBy" in notice ? String(notice.createdBy) : `content/notices/${notice.id.replace(/^content-/, "")}.md`,
  };
}

function formView(form: NoticeForm, action: string, submit: string) {
  return {
    action,
    submit,
    values: form.values,
    errors: form.errors,
    errorList: Object.values(form.errors).filter((error): error is string => error !== undefined),
    maxTitle: MAX_TITLE,
    maxBody: MAX_BODY,
    maxDays: MAX_DAYS,
  };
}

export function adminNoticesPage(
  stored: readonly StoredNotice[],
  fromContent: readonly Notice[],
  form: NoticeForm,
  now: number,
  session: { user: string; csrfToken: string },
): PageModel<"admin/notices"> {
  return adminPage("admin/notices", "お知らせ", {
    ...frame("notices", session.user, session.csrfToken, 30, undefined),
    rows: [
      ...stored.map((notice) => noticeRow(notice, now, true)),
      ...fromContent.filter((notice) => now < notice.endsAt).map((notice) => noticeRow(notice, now, false)),
    ],
    form: formView(form, adminUrls.notices(), "掲載する"),
  });
}

export function adminNoticeEditPage(
  notice: StoredNotice,
  form: NoticeForm,
  session: { user: string; csrfToken: string },
): PageModel<"admin/notice-edit"> {
  return adminPage("admin/notice-edit", "お知らせを編集", {
    ...frame("notices", session.user, session.csrfToken, 30, undefined),
    noticeTitle: notice.title,
    form: formView(form, adminUrls.notice(notice.id), "変更を保存する"),
  });
}

const AUDIT_ACTIONS: Record<AuditAction, string> = {
  "sign-in": "サインイン",
  "sign-out": "サインアウト",
  "notice.create": "お知らせを作成",
  "notice.update": "お知らせを変更",
  "notice.end": "お知らせを終了",
  "suggestion.accept": "提案を採用",
  "suggestion.dismiss": "提案を却下",
  "suggestion.reopen": "提案の判断を取り消し",
};

export function adminAuditPage(
  entries: readonly AuditEntry[],
  session: { user: string; csrfToken: string },
): PageModel<"admin/audit"> {
  return adminPage("admin/audit", "操作の記録", {
    ...frame("audit", session.user, session.csrfToken, 30, undefined),
    entries: entries.map((entry) => ({
      at: readableJapanTime(Date.parse(entry.at)),
      actor: entry.actor,
      action: AUDIT_ACTIONS[entry.action] ?? entry.action,
      target: entry.target ?? "",
      detail: entry.detail ?? "",
    })),
  });
}

const ADMIN_ERROR_HEADINGS: Record<number, string> = {
  401: "サインインが必要です",
  403: "操作を確認できませんでした",
  404: "ページが見つかりません",
  429: "しばらくお待ちください",
  503: "ただいま利用できません",
};

/** A refusal or failure in the dashboard's layout; `message` is public, `requestId` only for a failure. */
export function adminErrorPage(status: number, message: string, requestId?: string): PageModel<"admin/error"> {
  const heading =
    ADMIN_ERROR_HEADINGS[status] ?? (status >= 500 ? "エラーが発生しました" : "リクエストが正しくありません");
  return {
    template: "admin/error",
    status,
    title: `${heading} | ${ADMIN} | ${SITE_NAME}`,
    description: ADMIN,
    path: "",
    breadcrumb: [{ label: ADMIN, href: adminUrls.overview() }, { label: heading }],
    query: "",
    data: { heading, message, requestId },
    noindex: true,
  };
}

/** What the suggestions page is made from. */
export interface SuggestionsPageInput {
  content: Content;
  days: number;
  sorted: { open: Suggestion[]; accepted: Decision[]; dismissed: Decision[] };
  /** The content changes one suggestion would make now. */
  diffOf: (suggestion: Suggestion) => ContentChanges;
  /** Whether the accepted suggestions, together, change anything in the content as it is now. */
  patchReady: boolean;
  /** A content file's path in the repository. */
  pathOf: (file: string) => string;
  reviews: readonly ReviewDue[];
  /** Each answer's votes in the period, for the reviews' helpful rates. */
  rated: readonly QuestionRow[];
  session: { user: string; csrfToken: string };
}

/** One line saying what a suggestion changes, in the dashboard's words. */
export function suggestionSummary(suggestion: Suggestion, content: Content): string {
  switch (suggestion.kind) {
    case "keyword": {
      const title = content.questionById.get(suggestion.question)?.title ?? suggestion.question;
      return `「${suggestion.keyword}」を「${title}」のキーワードに追加`;
    }
    case "synonym":
      return `「${suggestion.words[0]}」と「${suggestion.words[1]}」を同義語にする`;
    case "gap":
      return `「${suggestion.query}」に答える回答がまだありません`;
  }
}

function diffLines(patch: string): DiffLine[] {
  return patch
    .split("\n")
    .filter((line) => line !== "")
    .map((text): DiffLine => {
      const kind = /^(diff |--- |\+\+\+ |@@|new file|\\)/.test(text)
        ? "meta"
        : text.startsWith("+")
          ? "add"
          : text.startsWith("-")
            ? "del"
            : "context";
      return { text, kind };
    });
}

/** Suggestions shown of each kind, most readers first: a page to act on, not a log to read. */
export const SUGGESTIONS_SHOWN = 30;

export function adminSuggestionsPage(input: SuggestionsPageInput): PageModel<"admin/suggestions"> {
  const { content, days, sorted } = input;
  const open = <K extends Suggestion["kind"]>(kind: K) =>
    sorted.open.filter((s): s is Extract<Suggestion, { kind: K }> => s.kind === kind);
  const [keywords, synonyms, gaps] = [open("keyword"), open("synonym"), open("gap")];
  const shown = <T>(all: T[]) => all.slice(0, SUGGESTIONS_SHOWN);
  const hidden = (all: unknown[]) => Math.max(0, all.length - SUGGESTIONS_SHOWN);
  const action = (id: string) => adminUrls.suggestion(id, days);
  const view = (suggestion: Suggestion, queries: string[], examples: string[]): SuggestionView => {
    const { changes, refused } = input.diffOf(suggestion);
    return {
      id: suggestion.id,
      action: action(suggestion.id),
      summary: suggestionSummary(suggestion, content),
      readers: suggestion.readers,
      queries,
      examples,
      diff: diffLines(patchOf(changes, input.pathOf)),
      refused: refused[0],
    };
  };
  const decided = (decision: Decision): DecidedView => ({
    id: decision.id,
    action: action(decision.id),
    summary: suggestionSummary(decision.suggestion, content),
    decidedBy: decision.decidedBy,
    decidedAt: readableJapanTime(Date.parse(decision.decidedAt)),
  });
  const rateOf = new Map(input.rated.map((row) => [row.id, row]));
  const reviews = [...input.reviews].sort(
    (a, b) => (rateOf.get(a.question.id)?.helpfulRate ?? 2) - (rateOf.get(b.question.id)?.helpfulRate ?? 2),
  );
  return adminPage("admin/suggestions", "改善の提案", {
    ...frame("suggestions", input.session.user, input.session.csrfToken, days, undefined),
    keywords: shown(keywords).map((s) => view(s, s.queries, s.examples)),
    synonyms: shown(synonyms).map((s) =>
      view(
        s,
        [],
        s.examples.map((e) => `「${e.from}」→「${e.to}」`),
      ),
    ),
    gaps: shown(gaps).map((s) => ({
      id: s.id,
      action: action(s.id),
      query: s.query,
      readers: s.readers,
      searchUrl: urls.search(s.query),
    })),
    hidden: { keywords: hidden(keywords), synonyms: hidden(synonyms), gaps: hidden(gaps) },
    accepted: sorted.accepted.map(decided),
    dismissed: sorted.dismissed.map(decided),
    patchUrl: input.patchReady ? adminUrls.suggestionsPatch() : undefined,
    checksUrl: adminUrls.searchChecks(days),
    reviews: reviews.map(({ question, since, lastChecked }) => {
      const row = rateOf.get(question.id);
      return {
        title: question.title,
        url: urls.question(question.id),
        file: question.file,
        owner: question.owner ?? "–",
        lastChecked: lastChecked ?? "–",
        since: since ?? "未確認",
        helpfulRate: percent(row?.helpfulRate),
        votes: (row?.helpful ?? 0) + (row?.notHelpful ?? 0),
      };
    }),
  });
}
