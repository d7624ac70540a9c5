import type { Contact, Content } from "../../content/types.js";
import type { ContactFrom } from "../pages/urls.js";
import { urls } from "../pages/urls.js";

/** What the reader's message starts with: the words are theirs to change in their mail program or the form. */
export interface ContactMessage {
  subject: string;
  body: string;
}

/** The subject and body prefilled from where the reader came from: the answer's title, the code, the search. */
export function contactMessage(content: Content, from: ContactFrom, siteUrl: string): ContactMessage {
  const question = from.question === undefined ? undefined : content.questionById.get(from.question);
  const about = question?.title ?? (from.code ? `エラーコード ${from.code}` : "HP Advantageplus");
  const lines = ["（お問い合わせの内容をご記入ください）", "", "", "---"];
  if (question) lines.push(`参照したご質問: ${question.title}`, `${siteUrl}${urls.question(question.id)}`);
  if (from.code) lines.push(`表示されたエラーコード: ${from.code}`);
  if (from.q) lines.push(`検索した言葉: ${from.q}`);
  return { subject: `お問い合わせ: ${about}`, body: lines.join("\r\n") };
}

/**
 * Where the counted link sends the reader: the office's address as a mailto: link with the message
 * prefilled, or else its https form with the same as query parameters. Only ever the content's own channel.
 */
export function contactTarget(contact: Contact, message: ContactMessage): string {
  if (contact.email !== undefined) {
    // RFC 6068: percent-encoded, spaces as %20 (never "+"), line breaks as %0D%0A.
    const subject = encodeURIComponent(message.subject);
    const body = encodeURIComponent(message.body);
    return `mailto:${contact.email}?subject=${subject}&body=${body}`;
  }
  const url = new URL(contact.url ?? "");
  url.searchParams.set("subject", message.subject);
  url.searchParams.set("body", message.body);
  return url.href;
}
