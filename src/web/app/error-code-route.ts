import type { IncomingMessage } from "node:http";
import type { RequestHandler } from "express";
import type { Content } from "../../content/types.js";
import { LruCache } from "../http/lru-cache.js";
import type { PreparedResponse } from "../http/prepared-response.js";
import { replyPrepared, replyRedirect } from "../http/reply.js";
import { notFoundPage } from "../pages/page-models.js";
import { urls } from "../pages/urls.js";
import type { AnyPageModel } from "../pages/view-contract.js";
import { findQuestionByCode } from "../search/find-question-by-code.js";

/**
 * GET /errors/:code: a 301 to the question for a pasted error code; an unknown code is a 404 naming it in
 * its canonical form only.
 */
export function errorCodeRoute(
  content: Content,
  pages: { notFound: PreparedResponse; prepare: (page: AnyPageModel) => PreparedResponse },
  /** Told of each visit that found its answer, with the code (the spike alerts count them). */
  onVisit?: (req: IncomingMessage, code: string) => void,
): RequestHandler {
  const questionByCode = findQuestionByCode(content);
  // One rendered 404 per unknown code, so a flood of odd codes renders each once, within a bound.
  const unknownCodePages = new LruCache<string, PreparedResponse>(256);
  return (req, res) => {
    const found = questionByCode(String(req.params.code));
    if (found.question) {
      replyRedirect(res, 301, urls.question(found.question.id));
      const code = found.question.codes[0];
      if (onVisit && code) onVisit(req, code);
      return;
    }
    if (found.shownCode === undefined) return replyPrepared(req, res, pages.notFound);
    let page = unknownCodePages.get(found.shownCode);
    if (!page)
      unknownCodePages.set(
        found.shownCode,
        (page = pages.prepare(notFoundPage(content, { unknownCode: found.shownCode }))),
      );
    return replyPrepared(req, res, page);
  };
}
