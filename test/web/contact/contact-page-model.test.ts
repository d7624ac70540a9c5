import { describe, expect, it } from "vitest";
import type { Contact } from "../../../src/content/types.js";
import { contactPage } from "../../../src/web/contact/contact-page-model.js";
import { bundledSite } from "../../helpers/app.js";

const { content } = await bundledSite();
const office: Contact = {
  name: "事務局",
  email: undefined,
  url: "https://forms.example.jp/f",
  hours: undefined,
  file: "contact.md",
};

describe("contactPage", () => {
  it("names the office, the answer the reader came from, and the channel by its host for a form", () => {
    const page = contactPage(content, office, {
      from: { question: "ae02", code: "AE02" },
      answers: [content.questionById.get("cannot-log-in")!],
      href: "/contact/go?question=ae02&code=AE02",
    });
    expect(page.data.heading).toBe("事務局へのお問い合わせ");
    expect(page.data.cameFrom?.url).toBe("/questions/ae02");
    expect(page.data.answers.map((answer) => answer.url)).toEqual(["/questions/cannot-log-in"]);
    expect(page.data.channel).toEqual({
      kind: "form",
      href: "/contact/go?question=ae02&code=AE02",
      shown: "forms.example.jp",
    });
    expect(page.noindex).toBe(true);
  });

  it("is the one indexable /contact without parameters, showing the e-mail address to copy", () => {
    const page = contactPage(
      content,
      { ...office, email: "office@example.jp" },
      { from: {}, answers: [], href: "/contact/go" },
    );
    expect(page.path).toBe("/contact");
    expect(page.noindex).toBe(false);
    expect(page.data.channel.shown).toBe("office@example.jp");
  });
});
