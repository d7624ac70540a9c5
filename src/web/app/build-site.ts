import type { Content } from "../../content/types.js";
import { browserBundleDir, publicDir } from "../../paths.js";
import { fingerprintAssets } from "../http/fingerprinted-assets.js";
import { LruCache } from "../http/lru-cache.js";
import { HTML_CACHE, PreparedResponse, SmallestEncodings } from "../http/prepared-response.js";
import {
  badRequestPage,
  categoryPage,
  contactUrl,
  feedbackWidget,
  homePage,
  notFoundPage,
  questionPage,
  serverErrorPage,
  SITE_NAME,
} from "../pages/page-models.js";
import { renderPage, type Assets } from "../pages/render-page.js";
import type { RenderTemplate } from "../pages/templates.js";
import { listingOf } from "../pages/listing.js";
import { urls } from "../pages/urls.js";
import type { AnyPageModel } from "../pages/view-contract.js";
import { adminErrorPage } from "../pages/admin-models.js";
import type { HttpError } from "../http/http-error.js";
import type { ErrorPages } from "./error-boundary.js";
import { openSearchXml, robotsTxt, sitemapXml } from "../seo/site-files.js";

/**
 * Rendered pages kept at most (their bodies and encodings): all of a small FAQ, the busy part of a large one
 * (about 1,000 question pages of a generated 10,000, or 80 of its 100 KB listing pages). A bigger cache
 * hardly helps a large FAQ, whose visits are spread thin: in the 10,000-entry mix 87 % of requests are cold.
 */
export const DEFAULT_PAGE_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * Path → response, each rendered (and compressed) the first time it is asked for and then kept while the
 * cache has room: a large FAQ starts serving at once instead of rendering thousands of pages first, and its
 * memory stays bounded however many pages are visited; a page dropped is rendered again when asked for.
 */
export class PageTable {
  private readonly made: LruCache<string, PreparedResponse>;

  constructor(
    private readonly makers: ReadonlyMap<string, () => PreparedResponse>,
    cacheBytes = DEFAULT_PAGE_CACHE_BYTES,
  ) {
    this.made = new LruCache(cacheBytes, (response) => response.heldBytes);
  }

  /** Bytes the kept pages may hold, at most. */
  get cachedBytes(): number {
    return this.made.weight;
  }

  get(path: string): PreparedResponse | undefined {
    const made = this.made.get(path);
    if (made) return made;
    const make = this.makers.get(path);
    if (!make) return undefined;
    const response = make();
    this.made.set(path, response);
    return response;
  }

  has(path: string): boolean {
    return this.makers.has(path);
  }

  paths(): IterableIterator<string> {
    return this.makers.keys();
  }
}

/** Everything about the site that does not depend on the request, computed once per content load. */
export interface Site {
  /** Every page and fingerprinted asset by path. */
  fixed: PageTable;
  /** The pages the error boundary answers with. */
  errors: ErrorPages;
  assets: Assets;
  /** Renders a page model in the site layout, for the pages that depend on the request. */
  html: (page: AnyPageModel) => string;
  /** The same, prepared: ETag, compression and cache headers like every fixed page. */
  prepare: (page: AnyPageModel) => PreparedResponse;
  /** The model of a fixed page (home, a listing page, an answer), to render it again with its notices. */
  modelAt: (path: string) => AnyPageModel | undefined;
}

export function buildSite(
  content: Content,
  render: RenderTemplate,
  siteUrl: string,
  features: { feedback: boolean; pageCacheBytes?: number } = { feedback: false },
): Site {
  const smallest = new SmallestEncodings();
  const styles = fingerprintAssets(publicDir, ["css/site.css"], smallest);
  const script = fingerprintAssets(browserBundleDir, ["js/site.js"], smallest);
  const assets: Assets = { css: styles.urls.get("css/site.css") ?? "", js: script.urls.get("js/site.js") ?? "" };
  const frame = { assets, siteUrl, analytics: features.feedback, contactUrl: contactUrl(content) };
  const html = (page: AnyPageModel) => renderPage(render, page, frame);
  const prepare = (page: AnyPageModel) => PreparedResponse.html(html(page), page.status, smallest);

  const models = new Map<string, () => AnyPageModel>();
  models.set(urls.home(), () => homePage(content));
  const feedback = feedbackWidget(features.feedback);
  const listing = listingOf(content);
  for (const category of content.categories) {
    for (let page = 1; page <= listing.pageCount(category.id); page++)
      models.set(urls.categoryPage(category.id, page), () => categoryPage(content, category, feedback, page));
  }
  for (const question of content.questions)
    models.set(urls.question(question.id), () => questionPage(content, question, feedback));

  const makers = new Map<string, () => PreparedResponse>();
  for (const [url, response] of [...styles.responses, ...script.responses]) makers.set(url, () => response);
  for (const [url, model] of models) makers.set(url, () => prepare(model()));
  const file = (body: string, type: string) => () =>
    new PreparedResponse(Buffer.from(body), type, HTML_CACHE, 200, smallest);
  makers.set("/sitemap.xml", file(sitemapXml(content, siteUrl), "application/xml; charset=utf-8"));
  makers.set("/robots.txt", file(robotsTxt(siteUrl), "text/plain; charset=utf-8"));
  makers.set(
    "/opensearch.xml",
    file(openSearchXml(siteUrl, SITE_NAME), "application/opensearchdescription+xml; charset=utf-8"),
  );

  return {
    fixed: new PageTable(makers, features.pageCacheBytes),
    errors: errorPages(content, html, prepare),
    assets,
    html,
    prepare,
    modelAt: (path) => models.get(path)?.(),
  };
}

/** Refusal pages by status and message: the site's own words, so a bounded set, each rendered once. */
function errorPages(
  content: Content,
  html: (page: AnyPageModel) => string,
  prepare: (page: AnyPageModel) => PreparedResponse,
): ErrorPages {
  const refusals = new LruCache<string, PreparedResponse>(64);
  const refusalPage = (error: HttpError) => {
    const key = `${error.status} ${error.publicMessage ?? ""}`;
    let page = refusals.get(key);
    if (!page) refusals.set(key, (page = prepare(badRequestPage(error.status, error.publicMessage))));
    return page;
  };
  return {
    notFound: prepare(notFoundPage(content)),
    refusalPage,
    serverErrorFor: (requestId) => prepare(serverErrorPage(requestId)),
    adminErrorHtml: (error, requestId) =>
      html(
        error.status >= 500
          ? adminErrorPage(error.status, "一時的なエラーが発生しました。", requestId)
          : adminErrorPage(error.status, error.publicMessage ?? error.publicError),
      ),
  };
}
