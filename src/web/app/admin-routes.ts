import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import express, { type Request, type RequestHandler, type Response } from "express";
import { csvPieces } from "../../admin/csv.js";
import { Operators } from "../../admin/operators.js";
import { decoyHash, needsRehash, verifyPassword } from "../../admin/passwords.js";
import { parsePeriod } from "../../admin/report-math.js";
import { Reports, sortQuestionRows } from "../../admin/reports.js";
import { ABSOLUTE_TIMEOUT_MS, type Session, Sessions } from "../../admin/sessions.js";
import { GuessesInFlight, HashQueue, nameDelayMs, signInKeys } from "../../admin/sign-in-guard.js";
import { SignInThrottle } from "../../admin/throttle.js";
import type { Content } from "../../content/types.js";
import type { Db } from "../../db/open-database.js";
import { clientKey } from "../../limits/rate-limit.js";
import { cookieHeader, cookieName, readCookie } from "../http/cookies.js";
import { isCrossSite } from "../http/cross-site.js";
import { HttpError, refusals } from "../http/http-error.js";
import { HTML_UTF8, replyBody, replyRedirect, replyStream } from "../http/reply.js";
import { sameSecret } from "../http/same-secret.js";
import { codeHours } from "../../alerts/code-hours.js";
import { DEFAULT_SPIKE_RULE, type SpikeRule, spikes } from "../../alerts/spikes.js";
import { AuditLog } from "../../admin/audit-log.js";
import {
  adminAuditPage,
  adminContactsPage,
  adminLoginPage,
  adminMetricsPage,
  adminNoResultsPage,
  adminOverviewPage,
  adminQuestionsPage,
  adminSearchesPage,
  adminSetupPage,
  adminUrls,
  QUESTION_SORTS,
} from "../pages/admin-models.js";
import type { AnyPageModel } from "../pages/view-contract.js";
import type { Notice } from "../../notices/notice.js";
import type { NoticeBoard } from "../../notices/notice-board.js";
import type { NoticeStore } from "../../notices/notice-store.js";
import { noticeAdmin } from "./notice-admin.js";
import { suggestionAdmin } from "./suggestion-admin.js";
import { SuggestionStore } from "../../suggestions/suggestion-store.js";
import type { SearchIndex } from "../../search/index.js";
import type { ExpressHandlers } from "./routes.js";

export interface AdminOptions {
  db: Db;
  /** Where the reports and the suggestions read: a connection that never holds the event loop (reportsDb). */
  reportsDb: Db;
  html: (page: AnyPageModel) => string;
  /** True when the request reached the site over HTTPS (directly, or through a trusted proxy). */
  isSecure: (req: IncomingMessage) => boolean;
  /** The client's address (through trusted proxies), for the sign-in throttle. */
  addressOf: (req: IncomingMessage) => string;
  now?: () => number;
  /** Told when one user name keeps failing from anywhere (a spray across addresses): the log's warning. */
  onAlert?: (facts: { username: string; failures: number }, message: string) => void;
  /** When an error code counts as spiking (shown on 概要). */
  spikeRule?: SpikeRule;
  /** The dashboard's notices, and the board that shows them on this replica's pages. */
  notices: { store: NoticeStore; board: NoticeBoard; fromContent: readonly Notice[] };
  /** The folder the content was read from, for the suggestions' diffs and patch. */
  contentDir: string;
  /** The index readers are searching, for the suggestions and the search checks. */
  searchIndex: () => SearchIndex | Promise<SearchIndex>;
}

type AdminHandlers = Pick<
  ExpressHandlers,
  | "adminLoginForm"
  | "adminSignIn"
  | "adminSignOut"
  | "adminOverview"
  | "adminNoResults"
  | "adminSearches"
  | "adminQuestions"
  | "adminNoResultsCsv"
  | "adminSearchesCsv"
  | "adminQuestionsCsv"
  | "adminContacts"
  | "adminContactsCsv"
  | "adminMetrics"
  | "adminNotices"
  | "adminNoticeCreate"
  | "adminNoticeEdit"
  | "adminNoticeUpdate"
  | "adminNoticeEnd"
  | "adminAudit"
  | "adminSuggestions"
  | "adminSuggestionDecide"
  | "adminSuggestionsPatch"
  | "adminSearchChecks"
  | "adminOther"
>;

type Handler = (req: Request, res: Response, session: Session) => Promise<void>;

const SESSION = "hc_admin";
const LOGIN_CSRF = "hc_login";
const GENERIC_FAILURE = "ユーザー名またはパスワードが正しくありません。";
const BAD_PERIOD = refusals.badRequest(
  "days must be 7, 30 or 90.",
  "期間は 7 日、30 日、90 日のいずれかを選んでください。",
);
const FORGED = refusals.forbidden(
  "The anti-forgery token is missing or wrong.",
  "フォームの確認に失敗しました。ページを読み込み直してから、もう一度お試しください。",
);
const LOCKED = "サインインの失敗が続いたため、しばらくサインインできません。15 分ほど待ってからお試しください。";
const CHECKING = "前のサインインを確認しています。数秒待ってからもう一度お試しください。";
/** Failures for one name within the window, from any client, that raise the alert (once per window). */
const NAME_ALERT = 8;
const NAME_ALERT_MESSAGE = "sign-in failures for one user name from several clients: someone may be guessing";
const BUSY = refusals.unavailable(
  "Too many sign-ins are being checked right now; try again in a few seconds.",
  "ただいまサインインが混み合っています。数秒待ってからもう一度お試しください。",
);
const sleep = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
const SIGN_IN_FIRST = new HttpError(401, "Sign in at /admin/login first.", {
  message: "レポートをダウンロードするには、先にサインインしてください。",
});

/** The dashboard's handlers, for the table's /admin rows; each signed-in one behind the session check. */
export function adminRoutes(content: Content, options: AdminOptions): AdminHandlers {
  const { db, html } = options;
  const now = options.now ?? Date.now;
  const operators = new Operators(db);
  const sessions = new Sessions(db);
  const throttle = new SignInThrottle(db);
  const reports = new Reports(options.reportsDb);
  const audit = new AuditLog(db);
  const inFlight = new GuessesInFlight();
  const hashes = new HashQueue();

  const send = (req: Request, res: Response, page: AnyPageModel) =>
    replyBody(req, res, page.status, HTML_UTF8, html(page));
  const sessionCookie = (req: Request) => readCookie(req, cookieName(SESSION, options.isSecure(req)));

  const loginForm = (
    req: Request,
    res: Response,
    extra: { error?: string; username?: string; status?: number } = {},
  ) => {
    // Login CSRF: a random value in a cookie and in the form; a forged form cannot know the cookie.
    const token = randomBytes(24).toString("base64url");
    const secure = options.isSecure(req);
    res.setHeader("Set-Cookie", cookieHeader(cookieName(LOGIN_CSRF, secure), token, { secure, maxAgeSeconds: 3600 }));
    return send(req, res, adminLoginPage(token, extra));
  };

  const adminLoginForm: RequestHandler = async (req, res) => {
    if ((await operators.count()) === 0) return send(req, res, adminSetupPage());
    if (await sessions.get(sessionCookie(req), now())) return replyRedirect(res, 303, adminUrls.overview());
    return loginForm(req, res);
  };

  /** Sign-in refused for now: a 429 on the form, with Retry-After. */
  const tooSoon = (req: Request, res: Response, username: string, seconds: number, error = LOCKED) => {
    res.setHeader("Retry-After", String(Math.max(1, Math.ceil(seconds))));
    return loginForm(req, res, { error, username, status: 429 });
  };

  const signIn: RequestHandler = async (req, res) => {
    const secure = options.isSecure(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const given = typeof body._csrf === "string" ? body._csrf : undefined;
    if (isCrossSite(req.headers) || !sameSecret(readCookie(req, cookieName(LOGIN_CSRF, secure)), given))
      return loginForm(req, res, {
        error: "フォームの有効期限が切れました。もう一度サインインしてください。",
        status: 403,
      });
    const username = typeof body.username === "string" ? body.username.trim().slice(0, 64) : "";
    const password = typeof body.password === "string" ? body.password.slice(0, 1024) : "";
    const keys = signInKeys(username, clientKey(options.addressOf(req)));
    const lockable = [keys.pair, keys.client];
    // One guess at a time per pair and per client here; the database counts across replicas.
    if (!inFlight.hold(lockable)) return tooSoon(req, res, username, 5, CHECKING);
    try {
      const lockedUntil = await throttle.lockedUntil(lockable, now());
      if (lockedUntil !== undefined) return tooSoon(req, res, username, (lockedUntil - now()) / 1000);
      // Counted before the hash is checked, so guesses sent at once are all counted before any is answered.
      const attemptAt = now();
      const counts = await throttle.recordFailure([keys.pair, keys.client, keys.name], attemptAt, lockable);
      const operator = username ? await operators.find(username) : undefined;
      // The same scrypt work whether or not the name exists, so timing says nothing about which names do.
      const checking = hashes.run(async () => verifyPassword(password, operator?.password_hash ?? (await decoyHash)));
      if (checking === undefined) throw BUSY;
      // Awaited whether or not the name exists: an unknown name must not answer before the hash would.
      const valid = await checking;
      if (!operator || !valid) {
        const nameFailures = counts.get(keys.name) ?? 0;
        if (nameFailures === NAME_ALERT) options.onAlert?.({ username, failures: nameFailures }, NAME_ALERT_MESSAGE);
        await sleep(nameDelayMs(nameFailures));
        return loginForm(req, res, { error: GENERIC_FAILURE, username, status: 401 });
      }
      await throttle.forgive(keys, attemptAt);
      // A hash made with older parameters is replaced now, while the password is at hand.
      if (needsRehash(operator.password_hash))
        await hashes.run(() => operators.rehash(operator.name, password))?.catch(() => undefined);
      // A new session id at every sign-in: an id planted before sign-in is worth nothing after.
      await sessions.destroy(sessionCookie(req));
      const { id } = await sessions.create(operator.name, now());
      await audit.record({ actor: operator.name, action: "sign-in" }, now());
      res.setHeader("Set-Cookie", [
        cookieHeader(cookieName(SESSION, secure), id, { secure, maxAgeSeconds: ABSOLUTE_TIMEOUT_MS / 1000 }),
        cookieHeader(cookieName(LOGIN_CSRF, secure), "", { secure, maxAgeSeconds: 0 }),
      ]);
      return replyRedirect(res, 303, adminUrls.overview());
    } finally {
      inFlight.release(lockable);
    }
  };

  /** The session check in front of every other admin route: a page sends to the sign-in, a file is a 401. */
  const signedIn =
    (kind: "page" | "file", handler: Handler): RequestHandler =>
    async (req, res) => {
      const session = await sessions.get(sessionCookie(req), now());
      if (session) return handler(req, res, session);
      if (kind === "file") throw SIGN_IN_FIRST;
      if ((await operators.count()) === 0) return send(req, res, adminSetupPage());
      return replyRedirect(res, 303, adminUrls.login());
    };

  const period = (req: Request): number => {
    const days = parsePeriod(req.query.days);
    if (days === undefined) throw BAD_PERIOD;
    return days;
  };
  const csv = (req: Request, res: Response, name: string, pieces: Iterable<string>) =>
    replyStream(req, res, 200, "text/csv; charset=utf-8", pieces, [
      "Content-Disposition",
      `attachment; filename="${name}"`,
    ]);

  /** Every change needs the session's synchronizer token in the form, from this site: a 403 without it. */
  const requireToken = (req: Request, session: Session) => {
    const token = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (isCrossSite(req.headers) || !sameSecret(session.csrfToken, typeof token === "string" ? token : undefined))
      throw FORGED;
  };

  // Signing out changes state: it needs the session's synchronizer token, and answers 403 without it.
  const signOut: RequestHandler = async (req, res) => {
    const id = sessionCookie(req);
    const session = await sessions.get(id, now());
    if (!session) return replyRedirect(res, 303, adminUrls.login());
    requireToken(req, session);
    await sessions.destroy(id);
    await audit.record({ actor: session.user, action: "sign-out" }, now());
    const secure = options.isSecure(req);
    res.setHeader("Set-Cookie", cookieHeader(cookieName(SESSION, secure), "", { secure, maxAgeSeconds: 0 }));
    return replyRedirect(res, 303, adminUrls.login());
  };

  const notices = noticeAdmin(content, { ...options.notices, now, send, requireToken });
  // A notice form: its fields and the token, a few kilobytes at most.
  const noticeBody = express.urlencoded({ extended: false, limit: "8kb", parameterLimit: 10 });
  const suggestions = suggestionAdmin(content, {
    store: new SuggestionStore(options.reportsDb),
    reports,
    contentDir: options.contentDir,
    index: options.searchIndex,
    now,
    period,
    send,
    requireToken,
  });

  return {
    adminLoginForm,
    adminSignIn: [express.urlencoded({ extended: false, limit: "4kb", parameterLimit: 5 }), signIn],
    adminSignOut: [express.urlencoded({ extended: false, limit: "1kb", parameterLimit: 2 }), signOut],
    adminOverview: signedIn("page", async (req, res, session) => {
      const days = period(req);
      const [overview, hours] = await Promise.all([reports.overview(days, now()), codeHours(db, content, now())]);
      const spiking = spikes(hours, options.spikeRule ?? DEFAULT_SPIKE_RULE);
      send(req, res, adminOverviewPage(overview, session.user, session.csrfToken, spiking, now()));
    }),
    adminNoResults: signedIn("page", async (req, res, session) => {
      const days = period(req);
      const rows = await reports.noResults(days, now(), 500);
      send(req, res, adminNoResultsPage(rows, days, session.user, session.csrfToken));
    }),
    adminSearches: signedIn("page", async (req, res, session) => {
      const days = period(req);
      const rows = await reports.searches(days, now(), 200);
      send(req, res, adminSearchesPage(content, rows, days, session.user, session.csrfToken));
    }),
    adminQuestions: signedIn("page", async (req, res, session) => {
      const days = period(req);
      const sort = QUESTION_SORTS.find((s) => s.key === req.query.sort)?.key ?? "worst";
      const rows = sortQuestionRows(await reports.questions(content, days, now()), sort, content);
      send(req, res, adminQuestionsPage(rows, sort, days, session.user, session.csrfToken));
    }),
    adminNoResultsCsv: signedIn("file", async (req, res) => {
      const days = period(req);
      const rows = (await reports.noResults(days, now())).map((r) => [r.query, r.searches, r.lastSeen]);
      await csv(req, res, `no-results-${days}d.csv`, csvPieces(["query", "searches", "last_seen"], rows));
    }),
    adminSearchesCsv: signedIn("file", async (req, res) => {
      const days = period(req);
      const rows = (await reports.queryTotals(days, now())).map((r) => [
        r.query,
        r.searches,
        r.clicks,
        r.clickThroughRate === undefined ? "" : r.clickThroughRate.toFixed(4),
        r.noResults,
      ]);
      const header = ["query", "searches", "clicks", "click_through_rate", "no_results"];
      await csv(req, res, `searches-${days}d.csv`, csvPieces(header, rows));
    }),
    adminQuestionsCsv: signedIn("file", async (req, res) => {
      const days = period(req);
      const rows = (await reports.questions(content, days, now(), 1000)).map((r) => [
        r.id,
        r.title,
        r.helpful,
        r.notHelpful,
        r.helpfulRate === undefined ? "" : r.helpfulRate.toFixed(4),
        r.comments.map((c) => `${c.day} ${c.text}`).join("\n"),
      ]);
      const header = ["question_id", "title", "helpful", "not_helpful", "helpful_rate", "comments"];
      await csv(req, res, `questions-${days}d.csv`, csvPieces(header, rows));
    }),
    adminContacts: signedIn("page", async (req, res, session) => {
      const days = period(req);
      const report = await reports.contacts(content, days, now());
      send(req, res, adminContactsPage(report, content.contact !== undefined, session.user, session.csrfToken));
    }),
    adminContactsCsv: signedIn("file", async (req, res) => {
      const days = period(req);
      const rows = (await reports.contacts(content, days, now())).answers.map((r) => [
        r.id,
        r.title,
        r.views,
        r.contacts,
        r.contactRate === undefined ? "" : r.contactRate.toFixed(4),
      ]);
      const header = ["question_id", "title", "views", "contacts", "contact_rate"];
      await csv(req, res, `contacts-${days}d.csv`, csvPieces(header, rows));
    }),
    adminMetrics: signedIn("page", async (req, res, session) => {
      send(req, res, adminMetricsPage(period(req), session.user, session.csrfToken));
    }),
    adminNotices: signedIn("page", notices.notices),
    adminNoticeCreate: [noticeBody, signedIn("page", notices.create)],
    adminNoticeEdit: signedIn("page", notices.edit),
    adminNoticeUpdate: [noticeBody, signedIn("page", notices.update)],
    adminNoticeEnd: [noticeBody, signedIn("page", notices.end)],
    adminAudit: signedIn("page", async (req, res, session) => {
      send(req, res, adminAuditPage(await audit.recent(), session));
    }),
    adminSuggestions: signedIn("page", suggestions.suggestions),
    adminSuggestionDecide: [
      express.urlencoded({ extended: false, limit: "1kb", parameterLimit: 3 }),
      signedIn("page", suggestions.decide),
    ],
    adminSuggestionsPatch: signedIn("file", suggestions.patch),
    adminSearchChecks: signedIn("file", suggestions.searchChecks),
    adminOther: signedIn("page", async () => {
      throw refusals.notFound();
    }),
  };
}
