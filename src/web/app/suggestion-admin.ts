import type { Request, Response } from "express";
import { periodEnding } from "../../admin/report-math.js";
import type { Reports } from "../../admin/reports.js";
import type { Session } from "../../admin/sessions.js";
import { reviewsDue } from "../../content/freshness.js";
import type { Content } from "../../content/types.js";
import { dayOf } from "../../analytics/day.js";
import type { SearchIndex } from "../../search/index.js";
import {
  currentSuggestions,
  firstResults,
  remembered,
  sortedByDecision,
} from "../../suggestions/current-suggestions.js";
import { contentReader, repositoryPath } from "../../suggestions/content-files.js";
import { checksFrom } from "../../suggestions/search-checks.js";
import { contentChanges, patchOf } from "../../suggestions/suggestion-patch.js";
import type { Decision, SuggestionStore } from "../../suggestions/suggestion-store.js";
import { refusals } from "../http/http-error.js";
import { replyBody, replyRedirect } from "../http/reply.js";
import { adminSuggestionsPage, adminUrls } from "../pages/admin-models.js";
import type { AnyPageModel } from "../pages/view-contract.js";

export interface SuggestionAdminOptions {
  store: SuggestionStore;
  reports: Reports;
  /** The folder the content was read from: the patch is made against its files as they are. */
  contentDir: string;
  /** The search index serving readers now (it may still be being built). */
  index: () => SearchIndex | Promise<SearchIndex>;
  now: () => number;
  /** The period, from ?days= (a 400 otherwise). */
  period: (req: Request) => number;
  send: (req: Request, res: Response, page: AnyPageModel) => void;
  requireToken: (req: Request, session: Session) => void;
}

type Handler = (req: Request, res: Response, session: Session) => Promise<void>;

const NOT_PROPOSED = refusals.notFound();
const BAD_DECISION = refusals.badRequest(
  "decision must be accept, dismiss or reopen.",
  "採用・却下・取り消しのいずれかを選んでください。",
);

/**
 * /admin/suggestions (改善の提案) and its files: the suggestions with their evidence and diffs, accept /
 * dismiss / reopen, the accepted ones as one patch, and the search checks to commit.
 */
export function suggestionAdmin(content: Content, options: SuggestionAdminOptions) {
  const { store, now, send } = options;
  const read = contentReader(options.contentDir);
  const pathOf = repositoryPath(options.contentDir);

  const mined = async (days: number, decisions: readonly Decision[]) => {
    const dismissed = new Set(decisions.filter((d) => d.status === "dismissed").map((d) => d.id));
    return currentSuggestions(store, periodEnding(days, now()), content, await options.index(), dismissed);
  };

  const suggestions: Handler = async (req, res, session) => {
    const days = options.period(req);
    const [decisions, rated] = await Promise.all([
      store.decisions(),
      options.reports.questions(content, days, now(), 0),
    ]);
    const found = await mined(days, decisions);
    const reviews = reviewsDue(content.questions, dayOf(now()));
    // Each file read once for the page, however many suggestions touch it (every synonym touches one).
    const readNow = remembered(read);
    const sorted = sortedByDecision(found, decisions);
    const accepted = sorted.accepted.map((d) => d.suggestion);
    const page = adminSuggestionsPage({
      content,
      days,
      sorted,
      diffOf: (suggestion) => contentChanges([suggestion], content, readNow),
      patchReady: contentChanges(accepted, content, readNow).changes.length > 0,
      pathOf,
      reviews,
      rated,
      session,
    });
    send(req, res, page);
  };

  const decide: Handler = async (req, res, session) => {
    options.requireToken(req, session);
    const id = String(req.params.id);
    const decision = (req.body as Record<string, unknown> | undefined)?.decision;
    const days = options.period(req);
    if (decision === "reopen") {
      if (!(await store.reopen(id, session.user, now()))) throw NOT_PROPOSED;
    } else if (decision === "accept" || decision === "dismiss") {
      const suggestion = (await mined(days, await store.decisions())).find((s) => s.id === id);
      // A gap proposes no edit: it can be set aside, not accepted.
      if (!suggestion || (decision === "accept" && suggestion.kind === "gap")) throw NOT_PROPOSED;
      await store.decide(suggestion, decision === "accept" ? "accepted" : "dismissed", session.user, now());
    } else throw BAD_DECISION;
    replyRedirect(res, 303, adminUrls.suggestions(days));
  };

  const patch: Handler = async (req, res) => {
    const accepted = (await store.decisions()).filter((d) => d.status === "accepted").map((d) => d.suggestion);
    const { changes } = contentChanges(accepted, content, read);
    replyBody(req, res, 200, "text/x-diff; charset=utf-8", patchOf(changes, pathOf), [
      "Content-Disposition",
      'attachment; filename="suggestions.patch"',
    ]);
  };

  const searchChecks: Handler = async (req, res) => {
    const days = options.period(req);
    const rows = await store.queryClicks(periodEnding(days, now()));
    const checks = checksFrom(rows, firstResults(await options.index()));
    replyBody(req, res, 200, "application/json; charset=utf-8", `${JSON.stringify(checks, null, 2)}\n`, [
      "Content-Disposition",
      'attachment; filename="search-checks.json"',
    ]);
  };

  return { suggestions, decide, patch, searchChecks };
}
