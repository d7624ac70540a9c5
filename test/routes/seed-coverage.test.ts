import request from "supertest";
import { describe, expect, it } from "vitest";
import { bundledSite } from "../helpers/app.js";
import { linksOf, mainOf, textOf } from "../helpers/html.js";
import { comparable, readSeed } from "../helpers/seed.js";

const seed = readSeed();

describe("every question of the seed FAQ is on the site", () => {
  it("the seed has the 21 questions in three categories the site is built from", () => {
    expect(seed.categories).toHaveLength(3);
    expect(seed.questions).toHaveLength(21);
  });

  it("the home page lists every category and question in the seed index's order", async () => {
    const { app } = await bundledSite();
    const home = mainOf((await request(app).get("/").expect(200)).text);
    const text = comparable(textOf(home));
    let from = 0;
    for (const title of seed.categories) {
      const at = text.indexOf(comparable(title), from);
      expect(at, `category ${title} in order`).toBeGreaterThanOrEqual(0);
      from = at;
    }
    const questionLinks = linksOf(home).filter((link) => link.href.startsWith("/questions/"));
    // The category cards come last on the page; before them, the error-code shortcuts link to some questions again.
    const listed = questionLinks.slice(-seed.questions.length).map((link) => comparable(link.text));
    expect(listed).toHaveLength(seed.questions.length);
    seed.questions.forEach((q, i) => {
      // Where the seed's index and body word a title differently, the site may use either.
      expect([comparable(q.indexTitle), comparable(q.bodyTitle)]).toContain(listed[i]);
    });
  });

  it.each(seed.questions.map((q, i) => [i + 1, q.indexTitle, q] as const))(
    "question %i 「%s」 opens from the home page with its whole answer",
    async (_n, _title, q) => {
      const { app } = await bundledSite();
      const home = mainOf((await request(app).get("/").expect(200)).text);
      const link = linksOf(home).find(
        (l) =>
          l.href.startsWith("/questions/") &&
          [comparable(q.indexTitle), comparable(q.bodyTitle)].includes(comparable(l.text)),
      );
      expect(link, "home page link").toBeDefined();
      const page = await request(app)
        .get(link?.href ?? "")
        .expect(200);
      const main = mainOf(page.text);
      expect(comparable(textOf(/<h1>([\s\S]*?)<\/h1>/.exec(main)?.[1] ?? ""))).toBe(comparable(link?.text ?? ""));
      const shown = comparable(textOf(main));
      for (const line of q.answerLines) expect(shown).toContain(comparable(line));
      expect(page.text).toContain(q.category);
    },
  );
});
