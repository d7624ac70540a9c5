import { describe, expect, it } from "vitest";
import type { Contact } from "../../../src/content/types.js";
import { contactMessage, contactTarget } from "../../../src/web/contact/contact-target.js";
import { bundledSite } from "../../helpers/app.js";

const { content } = await bundledSite();
const office: Contact = {
  name: "事務局",
  email: "office@example.jp",
  url: undefined,
  hours: undefined,
  file: "contact.md",
};
const SITE = "https://faq.example.jp";

describe("contactMessage", () => {
  it("prefills the subject with the answer's title and the body with the answer, its link, the code and the search", () => {
    const message = contactMessage(content, { question: "ae04", code: "AE04", q: "AE04 15分" }, SITE);
    expect(message.subject).toBe("お問い合わせ: エラーコード: AE04 が表示されてサインインできません");
    expect(message.body.split("\r\n")).toEqual([
      "（お問い合わせの内容をご記入ください）",
      "",
      "",
      "---",
      "参照したご質問: エラーコード: AE04 が表示されてサインインできません",
      "https://faq.example.jp/questions/ae04",
      "表示されたエラーコード: AE04",
      "検索した言葉: AE04 15分",
    ]);
  });

  it("names the code, or the service, when the reader came from no answer", () => {
    expect(contactMessage(content, { code: "AE02" }, SITE).subject).toBe("お問い合わせ: エラーコード AE02");
    expect(contactMessage(content, {}, SITE).subject).toBe("お問い合わせ: HP Advantageplus");
  });
});

describe("contactTarget", () => {
  const message = { subject: "件名 & more", body: "一行目\r\n二行目?" };

  it("is a mailto: link whose subject and body a mail program decodes back to the message", () => {
    const target = contactTarget(office, message);
    expect(target.startsWith("mailto:office@example.jp?subject=")).toBe(true);
    expect(target).not.toMatch(/[\s+]/);
    const query = new URLSearchParams(target.slice(target.indexOf("?") + 1));
    expect(query.get("subject")).toBe(message.subject);
    expect(query.get("body")).toBe(message.body);
  });

  it("is the office's https form with the same as query parameters, keeping the form's own", () => {
    const target = new URL(
      contactTarget({ ...office, email: undefined, url: "https://forms.example.jp/f?id=7" }, message),
    );
    expect(target.origin + target.pathname).toBe("https://forms.example.jp/f");
    expect(target.searchParams.get("id")).toBe("7");
    expect(target.searchParams.get("subject")).toBe(message.subject);
    expect(target.searchParams.get("body")).toBe(message.body);
  });
});
