import { execFileSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { Operators } from "../../../src/admin/operators.js";
import { AnalyticsStore } from "../../../src/analytics/analytics-store.js";
import type { ReaderEvent } from "../../../src/analytics/events.js";
import { checkContent } from "../../../src/checks/check-content.js";
import { loadContent } from "../../../src/content/load-content.js";
import type { Db } from "../../../src/db/open-database.js";
import { createApp, type RequestListener } from "../../../src/web/app/create-app.js";
import { CONTENT_DIR } from "../../helpers/content-dir.js";
import { signedInAt } from "../../helpers/admin-session.js";
import { testDatabases } from "../../helpers/databases.js";

const engines = testDatabases();
const PASSWORD = "correct horse battery staple";
const made: string[] = [];
const open: Db[] = [];
afterAll(async () => {
  for (const db of open) await db.destroy();
  for (const on of engines) await on.cleanup();
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

const MINUTE = 60_000;
const event = (n: number, minute: number, now: number) => ({
  time: now - 60 * MINUTE + minute * MINUTE,
  address: `203.0.113.${n}`,
  userAgent: "Mozilla/5.0",
});
const searched = (n: number, minute: number, now: number, query: string, results: number): ReaderEvent => ({
  type: "search",
  ...event(n, minute, now),
  query,
  results,
  topResult: null,
  codeMatch: false,
  source: "page",
});
const clicked = (n: number, minute: number, now: number, query: string, question: string): ReaderEvent => ({
  type: "click",
  ...event(n, minute, now),
  query,
  question,
  position: 1,
});

/** A repository holding a copy of the content, the site built on it, and readers' evidence in its store. */
async function officeWithEvidence(on = engines[0]!) {
  const repo = await mkdtemp(path.join(tmpdir(), "faq-repo-"));
  made.push(repo);
  const contentDir = path.join(repo, "content");
  await cp(CONTENT_DIR, contentDir, { recursive: true });
  execFileSync("git", ["init", "-q"], { cwd: repo });
  const content = await loadContent(contentDir);
  const { db } = await on.migrated();
  open.push(db);
  await new Operators(db).add("support-lead", PASSWORD);
  const now = Date.now();
  const analytics = new AnalyticsStore(db);
  for (const n of [1, 2, 3]) {
    // Three readers: a word the FAQ does not use, then its word; and one word swapped for another.
    await analytics.write([
      searched(n, 0, now, "二段階認証", 0),
      searched(n, 1, now, "確認コード", 2),
      clicked(n, 2, now, "確認コード", "verification-code-invalid"),
      searched(n, 10, now, "ログオンできない", 2),
      searched(n, 11, now, "サインインできない", 5),
      clicked(n, 12, now, "サインインできない", "cannot-log-in"),
      searched(n, 30, now, "経費精算", 0),
    ]);
  }
  for (const n of [1, 2, 3, 4, 5])
    await analytics.write([searched(n, 40, now, "AE03", 1), clicked(n, 41, now, "AE03", "ae03")]);
  const app = createApp(content, { admin: { db, contentDir }, logging: { onError: (e) => console.error(e) } }).handle;
  return { app, repo, contentDir, db };
}

const signedIn = (app: RequestListener) =>
  signedInAt(app, "/admin/suggestions", { username: "support-lead", password: PASSWORD });

/** The form action of the suggestion whose heading contains `text`. */
function actionFor(page: string, text: string): string {
  const start = page.indexOf(text);
  const action = /action="([^"]+)"/.exec(page.slice(start))?.[1];
  if (start < 0 || !action) throw new Error(`no suggestion ${text} on the page`);
  return action.replaceAll("&amp;", "&");
}

describe.each(engines.map((on) => [on.name, on] as const))("改善の提案 (%s)", (_name, on) => {
  it("shows each suggestion with its readers, its example rewrite and the diff it would make", async () => {
    const { app } = await officeWithEvidence(on);
    const { page } = await signedIn(app);
    expect(page).toContain("「二段階認証」を「");
    expect(page).toContain("読者 <strong>3</strong> 人");
    expect(page).toContain('<span class="suggestion__example">確認コード</span>');
    expect(page).toContain('<span class="diff__add">+keywords: [');
    expect(page).toContain("二段階認証]</span>");
    expect(page).toContain("「サインイン」と「ログオン」を同義語にする");
    expect(page).toContain('<span class="diff__add">+  - [サインイン, ログイン, ログオン]</span>');
    expect(page).toMatch(/<a href="\/search\?q=[^"]+">経費精算<\/a>/);
  });

  it("goes from accepting two suggestions to a patch that git apply takes and the check passes", async () => {
    const { app, repo, contentDir } = await officeWithEvidence(on);
    const { cookie, csrf, page } = await signedIn(app);
    for (const text of ["「二段階認証」を", "「サインイン」と「ログオン」"])
      await request(app)
        .post(actionFor(page, text))
        .set("Cookie", cookie)
        .type("form")
        .send({ _csrf: csrf, decision: "accept" })
        .expect(303)
        .expect("location", "/admin/suggestions");
    const after = await request(app).get("/admin/suggestions").set("Cookie", cookie).expect(200);
    expect(after.text).toContain("採用した提案をパッチでダウンロード");
    expect(after.text).not.toContain('id="suggestion-');
    const patch = await request(app).get("/admin/reports/suggestions.patch").set("Cookie", cookie).expect(200);
    expect(patch.headers["content-disposition"]).toBe('attachment; filename="suggestions.patch"');
    await writeFile(path.join(repo, "suggestions.patch"), patch.text);
    execFileSync("git", ["apply", "suggestions.patch"], { cwd: repo });
    const edited = await readFile(path.join(contentDir, "questions/verification-code-invalid.md"), "utf8");
    expect(edited).toMatch(/^keywords: \[.*二段階認証\]$/m);
    expect(await readFile(path.join(contentDir, "synonyms.md"), "utf8")).toContain("[サインイン, ログイン, ログオン]");
    const checked = await checkContent(contentDir);
    expect(checked.content.synonyms).toContainEqual(["サインイン", "ログイン", "ログオン"]);
  });

  it("remembers a dismissed suggestion, and shows it again once the dismissal is taken back", async () => {
    const { app } = await officeWithEvidence(on);
    const { cookie, csrf, page } = await signedIn(app);
    const action = actionFor(page, ">経費精算<");
    await request(app)
      .post(action)
      .set("Cookie", cookie)
      .type("form")
      .send({ _csrf: csrf, decision: "dismiss" })
      .expect(303);
    const dismissed = await request(app).get("/admin/suggestions").set("Cookie", cookie).expect(200);
    expect(dismissed.text).not.toContain(">経費精算<");
    expect(dismissed.text).toContain("却下した提案（1 件）");
    await request(app)
      .post(action)
      .set("Cookie", cookie)
      .type("form")
      .send({ _csrf: csrf, decision: "reopen" })
      .expect(303);
    const back = await request(app).get("/admin/suggestions").set("Cookie", cookie).expect(200);
    expect(back.text).toContain(">経費精算<");
  });

  it("exports the popular queries with the answer readers open from them, as search-checks.json", async () => {
    const { app } = await officeWithEvidence(on);
    const { cookie } = await signedIn(app);
    const file = await request(app).get("/admin/reports/search-checks.json").set("Cookie", cookie).expect(200);
    expect(file.headers["content-disposition"]).toBe('attachment; filename="search-checks.json"');
    expect(JSON.parse(file.text)).toEqual([{ query: "AE03", answer: "ae03" }]);
  });
});

describe("改善の提案 refuses what it should", () => {
  it("refuses a decision without the session's token, and stores nothing", async () => {
    const { app, db } = await officeWithEvidence();
    const { cookie, page } = await signedIn(app);
    await request(app)
      .post(actionFor(page, "「二段階認証」を"))
      .set("Cookie", cookie)
      .type("form")
      .send({ _csrf: "forged", decision: "accept" })
      .expect(403);
    expect(await db.selectFrom("suggestion_decisions").selectAll().execute()).toEqual([]);
  });

  it("answers 404 for a suggestion not proposed, 404 for accepting a gap, 400 for an unknown decision", async () => {
    const { app, db } = await officeWithEvidence();
    const { cookie, csrf, page } = await signedIn(app);
    const post = (action: string, decision: string) =>
      request(app).post(action).set("Cookie", cookie).type("form").send({ _csrf: csrf, decision });
    await post("/admin/suggestions/not-a-suggestion", "accept").expect(404);
    await post("/admin/suggestions/not-a-suggestion", "reopen").expect(404);
    await post(actionFor(page, ">経費精算<"), "accept").expect(404);
    await post(actionFor(page, "「二段階認証」を"), "publish").expect(400);
    expect(await db.selectFrom("suggestion_decisions").selectAll().execute()).toEqual([]);
  });

  it("answers the files with a 401 and the page and a decision with the sign-in form without a session", async () => {
    const { app, db } = await officeWithEvidence();
    const { page } = await signedIn(app);
    await request(app)
      .post(actionFor(page, "「二段階認証」を"))
      .type("form")
      .send({ decision: "accept" })
      .expect(303)
      .expect("location", "/admin/login");
    expect(await db.selectFrom("suggestion_decisions").selectAll().execute()).toEqual([]);
    await request(app).get("/admin/suggestions").expect(303).expect("location", "/admin/login");
    await request(app).get("/admin/reports/suggestions.patch").expect(401);
    await request(app).get("/admin/reports/search-checks.json").expect(401);
  });
});
