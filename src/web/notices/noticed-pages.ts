import type { Content } from "../../content/types.js";
import type { NoticeBoard } from "../../notices/notice-board.js";
import type { NoticeTarget } from "../../notices/notice-reach.js";
import { LruCache } from "../http/lru-cache.js";
import type { PreparedResponse } from "../http/prepared-response.js";
import { listingOf } from "../pages/listing.js";
import { urls } from "../pages/urls.js";
import type { AnyPageModel } from "../pages/view-contract.js";
import type { SearchOutcome } from "../search/run-search.js";
import { noticesOn } from "./notice-views.js";

/** Pages with a notice, kept at most (their bodies and encodings), per version of the notices in force. */
const CACHE_BYTES = 8 * 1024 * 1024;

export interface NoticedPages {
  /** The page at `path` with the notices that reach it; undefined when none does (the prepared page stands). */
  pageAt(path: string): PreparedResponse | undefined;
  /** What makes a results page differ while notices are in force: 0 while none is (the cache keys stay). */
  version(): number;
  /** The notices a results page shows, for the answer it puts first and the error code it matched. */
  onResults(found: SearchOutcome): AnyPageModel["notices"];
}

/**
 * The fixed pages as they are while notices are in force: only the pages a notice reaches are made again
 * (once per change of the notices), every other page keeps its prepared bytes and ETag. With no notice in
 * force this is one length check per request.
 */
export function noticedPages(
  content: Content,
  board: NoticeBoard,
  site: { modelAt: (path: string) => AnyPageModel | undefined; prepare: (page: AnyPageModel) => PreparedResponse },
): NoticedPages {
  const targets = targetsByPath(content);
  let made = new LruCache<string, PreparedResponse | null>(CACHE_BYTES, (page) => page?.heldBytes ?? 64);
  let madeFor = board.version;

  const pageAt = (path: string): PreparedResponse | undefined => {
    if (board.active.length === 0) return undefined;
    if (madeFor !== board.version) {
      made = new LruCache(CACHE_BYTES, (page) => page?.heldBytes ?? 64);
      madeFor = board.version;
    }
    const known = made.get(path);
    if (known !== undefined) return known ?? undefined;
    const target = targets.get(path);
    const notices = target ? noticesOn(target, board.active, content) : [];
    const model = notices.length > 0 ? site.modelAt(path) : undefined;
    const page = model ? site.prepare({ ...model, notices }) : null;
    made.set(path, page);
    return page ?? undefined;
  };

  return {
    pageAt,
    version: () => (board.active.length === 0 ? 0 : board.version),
    onResults: (found) => {
      if (board.active.length === 0) return undefined;
      const top = found.hits[0] ? content.questionById.get(found.hits[0].id) : undefined;
      const code = found.featuredBy === "code" ? top?.codes[0] : undefined;
      const notices = noticesOn({ kind: "results", top, code }, board.active, content);
      return notices.length > 0 ? notices : undefined;
    },
  };
}

/** Which page is about what: home, each listing page with its category's answers, each answer. */
function targetsByPath(content: Content): Map<string, NoticeTarget> {
  const listing = listingOf(content);
  const targets = new Map<string, NoticeTarget>([[urls.home(), { kind: "home" }]]);
  for (const category of content.categories) {
    const questions = listing.questionsOf(category.id);
    for (let page = 1; page <= listing.pageCount(category.id); page++)
      targets.set(urls.categoryPage(category.id, page), { kind: "category", id: category.id, questions });
  }
  for (const question of content.questions) targets.set(urls.question(question.id), { kind: "question", question });
  return targets;
}
