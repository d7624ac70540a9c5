/** JSON for a <script type="application/ld+json"> block: "<" escaped so no content can close the element. */
export function jsonLdScript(data: object): string {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}

export function websiteLd(siteUrl: string, name: string) {
  return {
    "@context": "https://schema.org",
    "@type": "WebSite",
    name,
    alternateName: ["HP Advantageplus FAQ", "Advantageplus よくあるご質問"],
    url: `${siteUrl}/`,
    inLanguage: "ja",
    potentialAction: {
      "@type": "SearchAction",
      target: `${siteUrl}/search?q={search_term_string}`,
      "query-input": "required name=search_term_string",
    },
  };
}

export function organizationLd(siteUrl: string) {
  return { "@context": "https://schema.org", "@type": "Organization", name: "HP Advantageplus", url: `${siteUrl}/` };
}

/** The breadcrumb as shown; the last crumb (the page itself) has no link, so it takes the page's URL. */
export function breadcrumbLd(
  siteUrl: string,
  crumbs: ReadonlyArray<{ label: string; href?: string }>,
  pagePath: string,
) {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: crumbs.map((crumb, i) => ({
      "@type": "ListItem",
      position: i + 1,
      name: crumb.label,
      item: `${siteUrl}${crumb.href ?? pagePath}`,
    })),
  };
}

/** Exactly the questions and answers a category page shows. */
export function faqPageLd(questions: Array<{ title: string; html: string }>) {
  return {
    "@context": "https://schema.org",
    "@type": "FAQPage",
    mainEntity: questions.map((q) => ({
      "@type": "Question",
      name: q.title,
      acceptedAnswer: { "@type": "Answer", text: q.html },
    })),
  };
}
