import type { PageModel } from "./page-models.js";
import { SITE_NAME } from "./page-models.js";
import type { RenderTemplate } from "./templates.js";

export interface Assets {
  css: string;
  js: string;
}

/** Renders a page body, then wraps it in the layout. */
export function renderPage(render: RenderTemplate, page: PageModel, assets: Assets): string {
  const body = render(page.template, { ...page.data, siteName: SITE_NAME });
  return render("layout", { page, body, assets, siteName: SITE_NAME });
}
