import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { toCsv } from "../../admin/csv.js";
import { Operators } from "../../admin/operators.js";
import { decoyHash, verifyPassword } from "../../admin/passwords.js";
import { parsePeriod } from "../../admin/report-math.js";
import { Reports, sortQuestionRows } from "../../admin/reports.js";
import { Sessions, ABSOLUTE_TIMEOUT_MS, type Session } from "../../admin/sessions.js";
import { SignInThrottle } from "../../admin/throttle.js";
import type { Content } from "../../content/types.js";
import type { Db } from "../../db/open-database.js";
import { cookieHeader, cookieName, readCookie } from "../http/cookies.js";
import { isCrossSite } from "../http/cross-site.js";
import { clientKey } from "../../limits/rate-limit.js";
import {
  adminLoginPage,
  adminNoResultsPage,
  adminOverviewPage,
  adminQuestionsPage,
  adminSearchesPage,
  adminSetupPage,
  adminUrls,
  QUESTION_SORTS,
} from "../pages/admin-models.js";
import type { AnyPageModel } from "../pages/view-contract.js";

export interface AdminOptions {
  db: Db;
  html: (page: AnyPageModel) => string;
  /** True when the request reached the site over HTTPS (directly, or through a trusted proxy). */
  isSecure: (req: IncomingMessage) => boolean;
  /** The client's address (through trusted proxies), for the sign-in throttle. */
  addressOf: (req: IncomingMessage) => string;
  now?: () => number;
}

type Handler = (req: Request, res: Response, session: Session) => Promise<void>;

/**
 * Every signed-in admin route, as data: the router registers exactly these, behind the session check, and
 * the tests walk this same list, so a new route cannot be added without being checked.
 */
export interface AdminRoute {
  path: string;
  /** "page": no session → 303 to the sign-in page. "file": no session → 401. */
  kind: "page" | "file";
}

const SESSION = "hc_admin";
const LOGIN_CSRF = "hc_login";
const GENERIC_FAILURE = "ユーザー名またはパスワードが正しくありません。";

const same = (a: string | undefined, b: string | undefined) => {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
};

export function adminRoutes(content: Content, options: AdminOptions): { router: Router; routes: AdminRoute[] } {
  const { db, html } = options;
  const now = options.now ?? Date.now;
  const operators = new Operators(db);
  const sessions = new Sessions(db);
  const throttle = new SignInThrottle(db);
  const reports = new Reports(db);
  const router = express.Router({ caseSensitive: true, strict: true });

  const send = (res: Response, page: AnyPageModel) => res.status(page.status).type("html").send(html(page));
  const sessionCookie = (req: Request) => readCookie(req, cookieName(SESSION, options.isSecure(req)));

  // Every /admin response: never stored by a browser or proxy, never indexed.
  router.use("/admin", (_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("X-Robots-Tag", "noindex, nofollow");
    next();
  });

  const loginForm = (
    req: Request,
    res: Response,
    extra: { error?: string; username?: string; status?: number } = {},
  ) => {
    // Login CSRF: a random value in a cookie and in the form; a forged form cannot know the cookie.
    const token = randomBytes(24).toString("base64url");
    const secure = options.isSecure(req);
    res.setHeader("Set-Cookie", cookieHeader(cookieName(LOGIN_CSRF, secure), token, { secure, maxAgeSeconds: 3600 }));
    return send(res, adminLoginPage(token, extra));
  };

  router.get("/admin/login", (req, res, next) => {
    void (async () => {
      if ((await operators.count()) === 0) return send(res, adminSetupPage());
      if (await sessions.get(sessionCookie(req), now())) return res.redirect(303, adminUrls.overview());
      return loginForm(req, res);
    })().catch(next);
  });

  router.post(
    "/admin/login",
    express.urlencoded({ extended: false, limit: "4kb", parameterLimit: 5 }),
    (req, res, next) => {
      void (async () => {
        const secure = options.isSecure(req);
        const body = (req.body ?? {}) as Record<string, unknown>;
        if (
          isCrossSite(req.headers) ||
          !same(
            readCookie(req, cookieName(LOGIN_CSRF, secure)),
            typeof body._csrf === "string" ? body._csrf : undefined,
          )
        ) {
          res.status(403);
          return loginForm(req, res, {
            error: "フォームの有効期限が切れました。もう一度サインインしてください。",
            status: 403,
          });
        }
        const username = typeof body.username === "string" ? body.username.trim().slice(0, 64) : "";
        const password = typeof body.password === "string" ? body.password.slice(0, 1024) : "";
        const keys = [`user:${username.toLowerCase()}`, `client:${clientKey(options.addressOf(req))}`];
        const lockedUntil = await throttle.lockedUntil(keys, now());
        if (lockedUntil !== undefined) {
          res.setHeader("Retry-After", String(Math.max(1, Math.ceil((lockedUntil - now()) / 1000))));
          return loginForm(req, res, {
            error: "サインインの失敗が続いたため、しばらくサインインできません。15 分ほど待ってからお試しください。",
            username,
            status: 429,
          });
        }
        const operator = username ? await operators.find(username) : undefined;
        // The same scrypt work whether or not the name exists, so timing says nothing about which names do.
        const valid = await verifyPassword(password, operator?.password_hash ?? (await decoyHash));
        if (!operator || !valid) {
          await throttle.recordFailure(keys, now());
          return loginForm(req, res, { error: GENERIC_FAILURE, username, status: 401 });
        }
        await throttle.clear(keys[0] ?? "");
        // A new session id at every sign-in: an id planted before sign-in is worth nothing after.
        await sessions.destroy(sessionCookie(req));
        const { id } = await sessions.create(operator.name, now());
        res.setHeader("Set-Cookie", [
          cookieHeader(cookieName(SESSION, secure), id, { secure, maxAgeSeconds: ABSOLUTE_TIMEOUT_MS / 1000 }),
          cookieHeader(cookieName(LOGIN_CSRF, secure), "", { secure, maxAgeSeconds: 0 }),
        ]);
        return res.redirect(303, adminUrls.overview());
      })().catch(next);
    },
  );

  /** The session check in front of every other admin route. */
  const signedIn =
    (kind: AdminRoute["kind"], handler: Handler) => (req: Request, res: Response, next: NextFunction) => {
      void (async () => {
        const session = await sessions.get(sessionCookie(req), now());
        if (!session) {
          if (kind === "file") return void res.status(401).json({ error: "Sign in at /admin/login first." });
          if ((await operators.count()) === 0) return void send(res, adminSetupPage());
          return void res.redirect(303, adminUrls.login());
        }
        await handler(req, res, session);
      })().catch(next);
    };

  const routes: AdminRoute[] = [];
  const page = (path: string, handler: Handler) => {
    routes.push({ path, kind: "page" });
    router.get(path, signedIn("page", handler));
  };
  const file = (path: string, handler: Handler) => {
    routes.push({ path, kind: "file" });
    router.get(path, signedIn("file", handler));
  };
  const period = (req: Request, res: Response): number | undefined => {
    const days = parsePeriod(req.query.days);
    if (days === undefined) res.status(400).type("text/plain").send("days must be 7, 30 or 90.");
    return days;
  };
  const csv = (res: Response, name: string, body: string) => {
    res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
    res.type("text/csv; charset=utf-8").send(body);
  };

  page("/admin", async (req, res, session) => {
    const days = period(req, res);
    if (days) send(res, adminOverviewPage(await reports.overview(days, now()), session.user, session.csrfToken));
  });
  page("/admin/no-results", async (req, res, session) => {
    const days = period(req, res);
    if (days)
      send(res, adminNoResultsPage(await reports.noResults(days, now(), 500), days, session.user, session.csrfToken));
  });
  page("/admin/searches", async (req, res, session) => {
    const days = period(req, res);
    if (days)
      send(
        res,
        adminSearchesPage(content, await reports.searches(days, now(), 200), days, session.user, session.csrfToken),
      );
  });
  page("/admin/questions", async (req, res, session) => {
    const days = period(req, res);
    if (!days) return;
    const sort =
      typeof req.query.sort === "string" && QUESTION_SORTS.some((s) => s.key === req.query.sort)
        ? req.query.sort
        : "worst";
    const rows = sortQuestionRows(await reports.questions(content, days, now()), sort, content);
    send(res, adminQuestionsPage(rows, sort, days, session.user, session.csrfToken));
  });
  file("/admin/reports/no-results.csv", async (req, res) => {
    const days = period(req, res);
    if (days)
      csv(
        res,
        `no-results-${days}d.csv`,
        toCsv(
          ["query", "searches", "last_seen"],
          (await reports.noResults(days, now())).map((r) => [r.query, r.searches, r.lastSeen]),
        ),
      );
  });
  file("/admin/reports/searches.csv", async (req, res) => {
    const days = period(req, res);
    if (!days) return;
    const rows = await reports.queryTotals(days, now());
    csv(
      res,
      `searches-${days}d.csv`,
      toCsv(
        ["query", "searches", "clicks", "click_through_rate", "no_results"],
        rows.map((r) => [
          r.query,
          r.searches,
          r.clicks,
          r.clickThroughRate === undefined ? "" : r.clickThroughRate.toFixed(4),
          r.noResults,
        ]),
      ),
    );
  });
  file("/admin/reports/questions.csv", async (req, res) => {
    const days = period(req, res);
    if (!days) return;
    const rows = await reports.questions(content, days, now(), 1000);
    csv(
      res,
      `questions-${days}d.csv`,
      toCsv(
        ["question_id", "title", "helpful", "not_helpful", "helpful_rate", "comments"],
        rows.map((r) => [
          r.id,
          r.title,
          r.helpful,
          r.notHelpful,
          r.helpfulRate === undefined ? "" : r.helpfulRate.toFixed(4),
          r.comments.map((c) => `${c.day} ${c.text}`).join("\n"),
        ]),
      ),
    );
  });

  // Signing out changes state: it needs the session's synchronizer token, and answers 403 without it.
  routes.push({ path: "/admin/logout", kind: "page" });
  router.post(
    "/admin/logout",
    express.urlencoded({ extended: false, limit: "1kb", parameterLimit: 2 }),
    (req, res, next) => {
      void (async () => {
        const id = sessionCookie(req);
        const session = await sessions.get(id, now());
        if (!session) return res.redirect(303, adminUrls.login());
        const token = (req.body as Record<string, unknown> | undefined)?._csrf;
        if (isCrossSite(req.headers) || !same(session.csrfToken, typeof token === "string" ? token : undefined))
          return void res.status(403).type("text/plain").send("The anti-forgery token is missing or wrong.");
        await sessions.destroy(id);
        const secure = options.isSecure(req);
        res.setHeader("Set-Cookie", cookieHeader(cookieName(SESSION, secure), "", { secure, maxAgeSeconds: 0 }));
        return res.redirect(303, adminUrls.login());
      })().catch(next);
    },
  );

  // Anything else under /admin is not found, but only a signed-in operator may learn even that.
  router.use(
    "/admin",
    signedIn("page", async (_req, res) => void res.status(404).type("text/plain").send("Not found.")),
  );

  return { router, routes };
}
