import type { Request, Response } from "express";
import type { Session } from "../../admin/sessions.js";
import type { Content } from "../../content/types.js";
import { checkNotice, formatJapanMinute, formatScopes, type Notice } from "../../notices/notice.js";
import type { NoticeBoard } from "../../notices/notice-board.js";
import type { NoticeStore } from "../../notices/notice-store.js";
import { refusals } from "../http/http-error.js";
import { replyRedirect } from "../http/reply.js";
import { adminNoticeEditPage, adminNoticesPage, adminUrls, type NoticeForm } from "../pages/admin-models.js";
import type { AnyPageModel } from "../pages/view-contract.js";

export interface NoticeAdminOptions {
  store: NoticeStore;
  board: NoticeBoard;
  fromContent: readonly Notice[];
  now: () => number;
  send: (req: Request, res: Response, page: AnyPageModel) => void;
  /** Throws unless the form carries the session's anti-forgery token (and came from this site). */
  requireToken: (req: Request, session: Session) => void;
}

type Handler = (req: Request, res: Response, session: Session) => Promise<void>;

const NO_SUCH_NOTICE = refusals.notFound();
const HOUR_MS = 3_600_000;

/** A new notice's form: an outage for the scope asked for (the alert's one-step form), from now for two hours. */
function blankForm(query: Record<string, unknown>, now: number): NoticeForm {
  const code = typeof query.code === "string" && /^[A-Za-z]{2}\d{2}$/.test(query.code) ? query.code.toUpperCase() : "";
  return {
    values: {
      title: code ? `${code} が表示されてサインインできない状況について` : "",
      body: "",
      kind: code ? "outage" : "info",
      scope: code ? `code:${code}` : "site",
      starts_at: formatJapanMinute(now),
      ends_at: formatJapanMinute(now + 2 * HOUR_MS),
    },
    errors: {},
  };
}

const formOf = (notice: Notice): NoticeForm => ({
  values: {
    title: notice.title,
    body: notice.body,
    kind: notice.kind,
    scope: formatScopes(notice.scopes),
    starts_at: formatJapanMinute(notice.startsAt),
    ends_at: formatJapanMinute(notice.endsAt),
  },
  errors: {},
});

/** What the form sent, as strings, to show back with its errors: nothing of it is stored. */
function sent(body: Record<string, unknown>): NoticeForm["values"] {
  const text = (name: string) => (typeof body[name] === "string" ? (body[name] as string).slice(0, 2000) : "");
  return {
    title: text("title"),
    body: text("body"),
    kind: text("kind"),
    scope: text("scope"),
    starts_at: text("starts_at"),
    ends_at: text("ends_at"),
  };
}

/**
 * /admin/notices: the list and the form to make one, its edit form, and "end now". Every change carries the
 * session's anti-forgery token, is written with its audit entry, and is on this replica's pages at once
 * (on the others' at their next read of the store, within seconds).
 */
export function noticeAdmin(content: Content, options: NoticeAdminOptions) {
  const { store, board, now, send } = options;
  const list = async (req: Request, res: Response, session: Session, form: NoticeForm, status = 200) => {
    const page = adminNoticesPage(await store.listed(now()), options.fromContent, form, now(), session);
    send(req, res, { ...page, status });
  };

  const notices: Handler = (req, res, session) => list(req, res, session, blankForm(req.query, now()));

  const create: Handler = async (req, res, session) => {
    options.requireToken(req, session);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const checked = checkNotice(body, content);
    if (!checked.ok) return list(req, res, session, { values: sent(body), errors: checked.errors }, 400);
    await store.create(checked.fields, session.user, now());
    await board.refresh();
    replyRedirect(res, 303, adminUrls.notices());
  };

  const found = async (req: Request) => {
    const notice = await store.find(String(req.params.id));
    if (!notice) throw NO_SUCH_NOTICE;
    return notice;
  };

  const edit: Handler = async (req, res, session) => {
    const notice = await found(req);
    send(req, res, adminNoticeEditPage(notice, formOf(notice), session));
  };

  const update: Handler = async (req, res, session) => {
    options.requireToken(req, session);
    const notice = await found(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const checked = checkNotice(body, content);
    if (!checked.ok)
      return send(req, res, {
        ...adminNoticeEditPage(notice, { values: sent(body), errors: checked.errors }, session),
        status: 400,
      });
    await store.update(notice.id, checked.fields, session.user, now());
    await board.refresh();
    replyRedirect(res, 303, adminUrls.notices());
  };

  const end: Handler = async (req, res, session) => {
    options.requireToken(req, session);
    const notice = await found(req);
    await store.end(notice.id, session.user, now());
    await board.refresh();
    replyRedirect(res, 303, adminUrls.notices());
  };

  return { notices, create, edit, update, end };
}
