import type { Content } from "../../content/types.js";
import { listingOf } from "../pages/listing.js";
import { urls } from "../pages/urls.js";

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
const latest = (dates: Array<string | undefined>) =>
  dates
    .filter((d): d is string => d !== undefined)
    .sort()
    .at(-1);

/** Home, every page of every category's listing, and questions, each with the date its content last changed. */
export function sitemapXml(content: Content, siteUrl: string): string {
  const listing = listingOf(content);
  const entries: Array<{ path: string; lastmod: string | undefined }> = [
    { path: urls.home(), lastmod: latest(content.questions.map((q) => q.updated)) },
    ...content.categories.flatMap((c) =>
      Array.from({ length: listing.pageCount(c.id) }, (_, i) => ({
        path: urls.categoryPage(c.id, i + 1),
        lastmod: latest(listing.page(c.id, i + 1).map((q) => q.updated)),
      })),
    ),
    ...content.questions.map((q) => ({ path: urls.question(q.id), lastmod: q.updated })),
  ];
  const body = entries
    .map(
      (e) =>
        `  <url><loc>${escapeXml(siteUrl + e.path)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ""}</url>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`;
}

export function robotsTxt(siteUrl: string): string {
  // The counted contact link is followed by readers only: a crawler would count as a contact.
  return `User-agent: *\nDisallow: /api/\nDisallow: /search\nDisallow: /contact/go\n\nSitemap: ${siteUrl}/sitemap.xml\n`;
}

/** Lets a browser add the FAQ as a search engine: typing in the address bar searches /search. */
export function openSearchXml(siteUrl: string, name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>HP Advantageplus FAQ</ShortName>
  <Description>${escapeXml(name)}を検索</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Language>ja</Language>
  <Url type="text/html" method="get" template="${escapeXml(siteUrl)}/search?q={searchTerms}"/>
  <Image height="16" width="16" type="image/x-icon">${escapeXml(siteUrl)}/favicon.ico</Image>
</OpenSearchDescription>
`;
}
