import type { Contact, Content, Question } from "../../content/types.js";
import { link, SITE_NAME } from "../pages/page-models.js";
import { type ContactFrom, urls } from "../pages/urls.js";
import type { PageModel } from "../pages/view-contract.js";

/**
 * GET /contact: the answers likely to help first, then the office's channel. `href` is where the channel's
 * button goes: the counted /contact/go link, or the channel itself where nothing is counted.
 */
export function contactPage(
  content: Content,
  contact: Contact,
  view: { from: ContactFrom; answers: readonly Question[]; href: string },
): PageModel<"contact"> {
  const cameFrom = view.from.question === undefined ? undefined : content.questionById.get(view.from.question);
  const heading = `${contact.name}へのお問い合わせ`;
  return {
    template: "contact",
    status: 200,
    title: `${heading} | ${SITE_NAME}`,
    description: `${contact.name}へのお問い合わせ方法です。`,
    path: urls.contact(),
    breadcrumb: [{ label: "ホーム", href: urls.home() }, { label: "お問い合わせ" }],
    query: "",
    data: {
      heading,
      office: contact.name,
      hours: contact.hours,
      answers: view.answers.map(link),
      cameFrom: cameFrom ? link(cameFrom) : undefined,
      code: view.from.code,
      channel:
        contact.email !== undefined
          ? { kind: "email", href: view.href, shown: contact.email }
          : { kind: "form", href: view.href, shown: new URL(contact.url ?? "").host },
    },
    // One page whatever the parameters say: search engines keep the plain /contact.
    noindex: view.from.question !== undefined || view.from.code !== undefined || view.from.q !== undefined,
  };
}
