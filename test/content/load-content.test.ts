import { mkdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ContentError } from "../../src/content/content-error.js";
import { loadContent } from "../../src/content/load-content.js";
import {
  CONTENT_DIR,
  category,
  copyContentWith,
  makeContentDir,
  question,
  removeContentDirs,
} from "../helpers/content-dir.js";

afterAll(removeContentDirs);

/** Loads a folder that must fail, returning the full message an editor would read. */
async function failure(dir: string): Promise<ContentError> {
  const error = await loadContent(dir).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ContentError);
  return error as ContentError;
}

describe("loadContent with the bundled FAQ", () => {
  it("loads 21 questions in three categories, in the seed's order", async () => {
    const content = await loadContent(CONTENT_DIR);
    expect(content.categories.map((c) => c.title)).toEqual([
      "HP アカウント/パスワードについて",
      "アカウント統合について",
      "HP Advantageplus のアクセスエラー",
    ]);
    const counts = content.categories.map((c) => content.questions.filter((q) => q.category === c.id).length);
    expect(counts).toEqual([10, 3, 8]);
    expect(content.questions.filter((q) => q.codes.length > 0).map((q) => [q.id, q.codes])).toEqual(
      ["ae01", "ae02", "ae03", "ae04", "ae05", "ae06"].map((id) => [id, [id.toUpperCase()]]),
    );
  });

  it("turns the seed's placeholder link into a link to the question it names", async () => {
    const content = await loadContent(CONTENT_DIR);
    expect(content.questionById.get("account-locked")?.html).toContain(
      '<a href="/questions/forgot-password">HP アカウントのパスワードを忘れてしまいました</a>',
    );
  });
});

describe("loadContent refuses bad content, naming the file and the field or line", () => {
  const valid = { "categories/cat.md": category("cat"), "questions/q-one.md": question({}) };

  it("accepts a minimal valid folder, with a UTF-8 BOM and CRLF line endings", async () => {
    const dir = await makeContentDir({
      ...valid,
      "questions/q-two.md": `\uFEFF${question({ id: "q-two", order: "2" }, "一行目\n\n二行目").replace(/\n/g, "\r\n")}`,
    });
    const content = await loadContent(dir);
    expect(content.questions.map((q) => q.id)).toEqual(["q-one", "q-two"]);
    expect(content.questionById.get("q-two")?.html).toBe("<p>一行目</p>\n<p>二行目</p>\n");
  });

  it("names the file and line of a YAML syntax error", async () => {
    const error = await failure(
      await makeContentDir({
        ...valid,
        "questions/broken.md": "---\nid: broken\ntitle: [unclosed\ncategory: cat\norder: 1\n---\n回答",
      }),
    );
    expect(error.message).toMatch(/questions\/broken\.md:\d+: YAML syntax error/);
    expect(error.problems[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it("names a missing field and its fix", async () => {
    const error = await failure(
      await makeContentDir({ ...valid, "questions/untitled.md": question({ id: "untitled", title: "" }) }),
    );
    expect(error.message).toContain('questions/untitled.md: field "title": is required but missing.');
    expect(error.message).toContain("Fix:");
  });

  it("names a field of the wrong type with its line", async () => {
    const error = await failure(await makeContentDir({ ...valid, "questions/q-one.md": question({ order: "first" }) }));
    expect(error.message).toContain('questions/q-one.md:5: field "order": must be a number, not "first".');
  });

  it("names a misspelt field", async () => {
    const error = await failure(
      await makeContentDir({ ...valid, "questions/q-one.md": question({ keyword: "[パスワード]" }) }),
    );
    expect(error.message).toContain('questions/q-one.md:6: field "keyword": is not a known field (misspelt?).');
  });

  it("rejects an id that is not a slug", async () => {
    const error = await failure(
      await makeContentDir({ ...valid, "questions/q-one.md": question({ id: "Forgot Password" }) }),
    );
    expect(error.message).toMatch(/questions\/q-one\.md:2: field "id": must be a lower-case ASCII slug/);
  });

  it("names both files of a duplicate id", async () => {
    const error = await failure(await makeContentDir({ ...valid, "questions/q-copy.md": question({ order: "2" }) }));
    expect(error.message).toContain(
      'questions/q-one.md:2: field "id": "q-one" is already the id of the question in questions/q-copy.md.',
    );
  });

  it("rejects an unknown category, listing the known ones", async () => {
    const error = await failure(
      await makeContentDir({ ...valid, "questions/q-one.md": question({ category: "nope" }) }),
    );
    expect(error.message).toContain(
      'questions/q-one.md:4: field "category": "nope" is not a known category. Fix: use one of: cat.',
    );
  });

  it("rejects an unknown related id", async () => {
    const error = await failure(
      await makeContentDir({ ...valid, "questions/q-one.md": question({ related: "[q-missing]" }) }),
    );
    expect(error.message).toContain(
      'questions/q-one.md:6: field "related": "q-missing" is not the id of any question.',
    );
  });

  it("rejects a link to a missing question, naming its line", async () => {
    const error = await failure(
      await makeContentDir({
        ...valid,
        "questions/q-one.md": question({}, "一行目\n\n[ここ](/questions/q-missing)を参照"),
      }),
    );
    expect(error.message).toContain("questions/q-one.md:9: links to /questions/q-missing, which does not exist.");
  });

  it("names a link whose percent-encoding is malformed as a content problem, not an exception", async () => {
    const error = await failure(
      await makeContentDir({ ...valid, "questions/q-one.md": question({}, "一行目\n\n[x](/questions/%E0)を参照") }),
    );
    expect(error.message).toContain(
      "questions/q-one.md:9: links to /questions/%E0, whose percent-encoding is malformed.",
    );
    expect(error.message).toContain("Fix: write the id as it is");
  });

  it("rejects an empty file and a file without front-matter", async () => {
    const error = await failure(
      await makeContentDir({ ...valid, "questions/empty.md": "", "questions/plain.md": "回答だけ" }),
    );
    expect(error.message).toContain("questions/empty.md: is empty.");
    expect(error.message).toContain("questions/plain.md:1: does not start with YAML front-matter.");
  });

  it("rejects a file that is not UTF-8", async () => {
    const latin1 = Buffer.from(question({ id: "latin", title: "caf\u00e9" }), "latin1");
    const error = await failure(await makeContentDir({ ...valid, "questions/latin.md": latin1 }));
    expect(error.message).toContain(
      "questions/latin.md: is not valid UTF-8 text. Fix: save the file with UTF-8 encoding.",
    );
  });

  it("rejects a question with no answer", async () => {
    const error = await failure(await makeContentDir({ ...valid, "questions/q-one.md": question({}, "") }));
    expect(error.message).toContain("questions/q-one.md: has no answer below the front-matter.");
  });

  it("names a .md entry that cannot be read as a file, and still lists the other problems", async () => {
    const dir = await makeContentDir({ ...valid, "questions/empty.md": "" });
    await mkdir(path.join(dir, "questions", "folder.md"));
    const error = await failure(dir);
    expect(error.message).toContain("questions/folder.md: cannot be read (EISDIR).");
    expect(error.message).toContain("questions/empty.md: is empty.");
  });

  it("reports a missing questions folder", async () => {
    const error = await failure(await makeContentDir({ "categories/cat.md": category("cat") }));
    expect(error.message).toContain("questions/: cannot be read (ENOENT).");
  });

  it("reports every problem at once, not just the first", async () => {
    const dir = await copyContentWith({
      "questions/ae01.md": question({ id: "ae01", category: "nowhere" }),
      "questions/extra.md": question({ id: "extra", category: "hp-account", related: "[ghost]" }),
    });
    const error = await failure(dir);
    expect(error.problems.map((p) => p.file).sort()).toEqual(["questions/ae01.md", "questions/extra.md"]);
    expect(error.message).toMatch(/^Invalid content in .* \(2 problems\):/);
  });

  it("validates the optional synonyms file", async () => {
    const error = await failure(
      await makeContentDir({ ...valid, "synonyms.md": "---\nsynonyms:\n  - [メアド]\n---\n" }),
    );
    expect(error.message).toContain('synonyms.md:2: field "synonyms[0]": each group needs at least two terms.');
    const ok = await loadContent(
      await makeContentDir({ ...valid, "synonyms.md": "---\nsynonyms:\n  - [メアド, メールアドレス]\n---\n" }),
    );
    expect(ok.synonyms).toEqual([["メアド", "メールアドレス"]]);
  });

  it("reads the office's channels from contact.md: an e-mail address, an https form, the hours", async () => {
    const contact =
      "---\nname: HP Advantageplus 事務局\nemail: office@example.co.jp\nurl: https://example.co.jp/form?x=1\nhours: 平日 9:00〜17:00\n---\n";
    const content = await loadContent(await makeContentDir({ ...valid, "contact.md": contact }));
    expect(content.contact).toEqual({
      name: "HP Advantageplus 事務局",
      email: "office@example.co.jp",
      url: "https://example.co.jp/form?x=1",
      hours: "平日 9:00〜17:00",
      file: "contact.md",
    });
  });

  it("has no contact without contact.md, or when it gives neither an e-mail address nor a URL", async () => {
    expect((await loadContent(await makeContentDir(valid))).contact).toBeUndefined();
    const nameOnly = await makeContentDir({ ...valid, "contact.md": "---\nname: 事務局\n---\n" });
    expect((await loadContent(nameOnly)).contact).toBeUndefined();
  });

  it("refuses a contact channel that is not https:, a malformed address, an unknown field and text below", async () => {
    const file = (lines: string, body = "") => ({
      ...valid,
      "contact.md": `---\nname: 事務局\n${lines}\n---\n${body}`,
    });
    const cases: Array<[Record<string, string>, string]> = [
      [
        file("url: javascript:alert(1)"),
        'contact.md:3: field "url": must be a complete https: address, not "javascript:alert(1)".',
      ],
      [file("url: http://example.co.jp/form"), 'contact.md:3: field "url": must be a complete https: address'],
      [file("url: https://user:secret@example.co.jp/"), 'contact.md:3: field "url": must be a complete https: address'],
      [file("email: office@example"), 'contact.md:3: field "email": must be one e-mail address such as'],
      [file("email: a@example.jp?cc=b@example.jp"), 'contact.md:3: field "email": must be one e-mail address'],
      [file("phone: 03-0000-0000"), 'contact.md:3: field "phone": is not a known field (misspelt?).'],
      [file("email: a@example.jp", "本文\n"), "contact.md:5: has text below the front-matter, which no page shows."],
    ];
    for (const [files, message] of cases) {
      const error = await failure(await makeContentDir(files));
      expect(error.message).toContain(message);
      expect(error.message).toContain("Fix:");
    }
  });

  it("reads planned notices from notices/<id>.md by the dashboard's rules, naming each bad field", async () => {
    const notice = (fields: string) =>
      `---\ntitle: 定期メンテナンス\nbody: 12 月 20 日はサインインできません。\nkind: info\n${fields}\n---\n`;
    const good = notice('scope: [site]\nstarts_at: "2026-12-19T09:00"\nends_at: "2026-12-20T18:00"');
    const content = await loadContent(await makeContentDir({ ...valid, "notices/maintenance.md": good }));
    expect(content.notices).toEqual([
      {
        id: "content-maintenance",
        title: "定期メンテナンス",
        body: "12 月 20 日はサインインできません。",
        kind: "info",
        scopes: [{ kind: "site" }],
        startsAt: Date.parse("2026-12-19T00:00:00Z"),
        endsAt: Date.parse("2026-12-20T09:00:00Z"),
        source: "content",
      },
    ]);
    const cases: Array<[string, string]> = [
      [
        notice('scope: category:nope\nstarts_at: "2026-12-19T09:00"\nends_at: "2026-12-20T18:00"'),
        'notices/bad.md:5: field "scope"',
      ],
      [
        notice('scope: site\nstarts_at: "2026-12-19T09:00"\nends_at: "2026-12-19T08:00"'),
        'notices/bad.md:7: field "ends_at"',
      ],
      [
        notice('scope: site\nstarts_at: "2026-12-19T09:00"\nends_at: "2027-02-19T09:00"'),
        'notices/bad.md:7: field "ends_at"',
      ],
      [
        notice('scope: site\nstarts_at: 2026-12-19T09:00:00\nends_at: "2026-12-20T18:00"'),
        'notices/bad.md:6: field "starts_at": must be Japan time in quotes',
      ],
      [
        notice('scope: site\nstarts_at: "2026-12-19T09:00"'),
        'notices/bad.md: field "ends_at": is required but missing.',
      ],
    ];
    for (const [file, message] of cases) {
      const error = await failure(await makeContentDir({ ...valid, "notices/bad.md": file }));
      expect(error.message).toContain(message);
      expect(error.message).toContain("Fix:");
    }
  });

  it("gives a fresh answer for the same bad input twice (no stale parse cache)", async () => {
    const bad = "---\nid: q-one\ntitle: [oops\n---\n";
    const first = await failure(await makeContentDir({ ...valid, "questions/q-one.md": bad }));
    const second = await failure(await makeContentDir({ ...valid, "questions/q-one.md": bad }));
    expect(second.message.replace(/in \S+/, "")).toBe(first.message.replace(/in \S+/, ""));
  });
});
