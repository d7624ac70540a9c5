import { jsonLdScript } from "../seo/json-ld.js";
import { SITE_NAME } from "./page-models.js";
import type { RenderTemplate } from "./templates.js";
import type { AnyPageModel } from "./view-contract.js";

export interface Assets {
  css: string;
  js: string;
}

/** What every page of one site shares around its body. */
export interface SiteFrame {
  assets: Assets;
  siteUrl: string;
  /** The page may send click and suggestion beacons (off for ANALYTICS=off and the static export). */
  analytics: boolean;
  /** The footer's link to the contact page; undefined when the content names no office channel. */
  contactUrl: string | undefined;
}

/** Renders a page body, then wraps it in the layout with what search engines and link previews read. */
export function renderPage(render: RenderTemplate, page: AnyPageModel, frame: SiteFrame): string {
  const { assets, siteUrl, analytics, contactUrl } = frame;
  const body = render(page.template, { ...page.data, siteName: SITE_NAME });
  const head = {
    canonical: page.path && !page.noindex ? `${siteUrl}${page.path}` : undefined,
    ogType: page.template === "question" ? "article" : "website",
    jsonLd: (page.jsonLd?.(siteUrl) ?? []).map(jsonLdScript),
    robots: page.noindex ? "noindex" : undefined,
  };
  return render("layout", { page, head, body, assets, siteName: SITE_NAME, analytics, contactUrl });
}
