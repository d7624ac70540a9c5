import { jsonLdScript } from "../seo/json-ld.js";
import { SITE_NAME } from "./page-models.js";
import type { RenderTemplate } from "./templates.js";
import type { AnyPageModel } from "./view-contract.js";

export interface Assets {
  css: string;
  js: string;
}

/** Renders a page body, then wraps it in the layout with what search engines and link previews read. */
/** `analytics`: the page may send click and suggestion beacons (off for ANALYTICS=off and the static export). */
export function renderPage(
  render: RenderTemplate,
  page: AnyPageModel,
  assets: Assets,
  siteUrl: string,
  analytics = false,
): string {
  const body = render(page.template, { ...page.data, siteName: SITE_NAME });
  const head = {
    canonical: page.path && !page.noindex ? `${siteUrl}${page.path}` : undefined,
    ogType: page.template === "question" ? "article" : "website",
    jsonLd: (page.jsonLd?.(siteUrl) ?? []).map(jsonLdScript),
    robots: page.noindex ? "noindex" : undefined,
  };
  return render("layout", { page, head, body, assets, siteName: SITE_NAME, analytics });
}
