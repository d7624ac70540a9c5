import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { Operators } from "../../../src/admin/operators.js";
import { AnalyticsStore } from "../../../src/analytics/analytics-store.js";
import { migrate } from "../../../src/db/migrations.js";
import { type Db, openDatabase } from "../../../src/db/open-database.js";
import { formatJapanMinute } from "../../../src/notices/notice.js";
import { NOTICE_REFRESH_MS } from "../../../src/notices/notice-board.js";
import { createApp, type RequestListener } from "../../../src/web/app/create-app.js";
import { bundledSite } from "../../helpers/app.js";
import { signedInAt } from "../../helpers/admin-session.js";
import { testDatabases } from "../../helpers/databases.js";

const engines = testDatabases();
const engine = engines[0];
const PASSWORD = "correct horse battery staple";
const open: Db[] = [];
afterAll(async () => {
  for (const db of open) await db.destroy();
  for (const on of engines) await on.cleanup();
});
const MINUTE = 60_000;

/** Two replicas of the site sharing one database, with one clock the test moves. */
async function replicas(on = engine) {
  if (!on) throw new Error("SQLite is always available");
  const { content } = await bundledSite();
  const location = await on.fresh();
  const dbs = [openDatabase(location), openDatabase(location)];
  open.push(...dbs);
  await migrate(dbs[0] as Db, location.kind);
  await new Operators(dbs[0] as Db).add("support-lead", PASSWORD);
  const clock = { now: Date.now() };
  const [a, b] = dbs.map((db) => createApp(content, { admin: { db, clock: () => clock.now } }).handle) as [
    RequestListener,
    RequestListener,
  ];
  return { a, b, clock, db: dbs[0] as Db };
}

const signedIn = (app: RequestListener) =>
  signedInAt(app, "/admin/notices", { username: "support-lead", password: PASSWORD });

/** A notice form sent as the signed-in operator's browser sends it. */
const postNotice = (app: RequestListener, cookie: string, fields: object) =>
  request(app).post("/admin/notices").set("Cookie", cookie).type("form").send(fields);

const noticeFor = (now: number, changes: Record<string, string> = {}) => ({
  title: "AE04 が表示される件について",
  body: "登録情報の反映が遅れています。状況は https://status.example.jp/ae04 でお知らせします。",
  kind: "outage",
  scope: "code:AE04",
  starts_at: formatJapanMinute(now - MINUTE),
  ends_at: formatJapanMinute(now + 60 * MINUTE),
  ...changes,
});

describe("an operator puts a notice on the AE04 answer, its shortcut and its results", () => {
  it("in one form, shown at once on this replica's affected pages, the others' bytes and ETags unchanged", async () => {
    const { a, clock } = await replicas();
    const untouched = await request(a).get("/questions/forgot-password").expect(200);
    const { cookie, csrf } = await signedIn(a);
    await postNotice(a, cookie, { _csrf: csrf, ...noticeFor(clock.now) })
      .expect(303)
      .expect("location", "/admin/notices");
    for (const path of ["/questions/ae04", "/categories/access-errors", "/search?q=AE04", "/search?q=ae-4"]) {
      const page = await request(a).get(path).expect(200);
      expect(page.text, path).toContain("AE04 が表示される件について");
      expect(page.text, path).toContain('<a href="https://status.example.jp/ae04" rel="noopener noreferrer">');
    }
    // The shortcut leads to the answer, which carries it.
    await request(a).get("/errors/ae04").expect(301).expect("location", "/questions/ae04");
    const home = await request(a).get("/").expect(200);
    expect(home.text).toMatch(/notice--line[^>]*>.*<a href="\/questions\/ae04">AE04 が表示される件について<\/a>/);
    const other = await request(a).get("/questions/forgot-password").expect(200);
    expect(other.text).not.toContain("お知らせ・障害情報");
    expect(other.headers.etag).toBe(untouched.headers.etag);
    expect((await request(a).get(`/search?q=${encodeURIComponent("パスワード")}`)).text).not.toContain(
      "AE04 が表示される件",
    );
  });

  it.each(engines.map((on) => [on.name, on] as const))(
    "shows it on another replica within 10 s, and drops it everywhere within 10 s of its end (%s)",
    async (_name, on) => {
      const { a, b, clock } = await replicas(on);
      await request(b).get("/questions/ae04").expect(200); // b has read the (empty) store
      const { cookie, csrf } = await signedIn(a);
      await postNotice(a, cookie, {
        _csrf: csrf,
        ...noticeFor(clock.now, { ends_at: formatJapanMinute(clock.now + 2 * MINUTE) }),
      }).expect(303);
      const shows = async (app: RequestListener) => {
        await request(app).get("/questions/ae04"); // the request that finds its read due starts it
        await new Promise((resolve) => setTimeout(resolve, 50));
        return (await request(app).get("/questions/ae04")).text.includes("AE04 が表示される件について");
      };
      clock.now += NOTICE_REFRESH_MS + 1;
      expect(await shows(b)).toBe(true);
      // Its end is within the next 2 minutes: a few seconds past it, neither replica shows it.
      clock.now += 2 * MINUTE + NOTICE_REFRESH_MS;
      expect(await shows(a)).toBe(false);
      expect(await shows(b)).toBe(false);
    },
  );

  it("ends it now, and the audit log says who made and ended which notice, and who signed in", async () => {
    const { a, clock } = await replicas();
    const { cookie, csrf } = await signedIn(a);
    await postNotice(a, cookie, { _csrf: csrf, ...noticeFor(clock.now) });
    const list = await request(a).get("/admin/notices").set("Cookie", cookie).expect(200);
    expect(list.text).toContain("掲載中");
    const endUrl = /action="(\/admin\/notices\/n-[0-9a-f]+\/end)"/.exec(list.text)?.[1] ?? "";
    await request(a).post(endUrl).set("Cookie", cookie).type("form").send({ _csrf: csrf }).expect(303);
    expect((await request(a).get("/questions/ae04")).text).not.toContain("AE04 が表示される件について");
    const audit = await request(a).get("/admin/audit").set("Cookie", cookie).expect(200);
    const actions = [...audit.text.matchAll(/data-label="操作">([^<]+)</g)].map((m) => m[1]);
    expect(actions).toEqual(["お知らせを終了", "お知らせを作成", "サインイン"]);
    expect(audit.text).toContain("support-lead");
  });

  it("edits it: the new title is on the pages", async () => {
    const { a, clock } = await replicas();
    const { cookie, csrf } = await signedIn(a);
    await postNotice(a, cookie, { _csrf: csrf, ...noticeFor(clock.now) });
    const list = await request(a).get("/admin/notices").set("Cookie", cookie);
    const editUrl = /href="(\/admin\/notices\/n-[0-9a-f]+)"/.exec(list.text)?.[1] ?? "";
    const form = await request(a).get(editUrl).set("Cookie", cookie).expect(200);
    expect(form.text).toContain('value="code:AE04"');
    await request(a)
      .post(editUrl)
      .set("Cookie", cookie)
      .type("form")
      .send({ _csrf: csrf, ...noticeFor(clock.now, { title: "AE04: 復旧しました" }) })
      .expect(303);
    expect((await request(a).get("/questions/ae04")).text).toContain("AE04: 復旧しました");
  });
});

describe("a spike of AE04 reaches the dashboard", () => {
  it("is shown on 概要 with the notice filled in: one button puts it on the AE04 pages", async () => {
    const { a, clock, db } = await replicas();
    await new AnalyticsStore(db).write([
      { type: "codeVisits", time: clock.now - 5 * MINUTE, code: "AE04", count: 30 },
      { type: "codeVisits", time: clock.now - 86_400_000 - 5 * MINUTE, code: "AE04", count: 3 },
    ]);
    const { cookie } = await signedIn(a);
    const overview = await request(a).get("/admin").set("Cookie", cookie).expect(200);
    expect(overview.text).toContain("急増しているエラーコード");
    expect(overview.text).toContain("直近 1 時間に 30 件の検索・アクセス（過去 7 日の同じ時間帯の平均 0.4 件）");
    const form = /<form method="post" action="\/admin\/notices"[\s\S]*?<\/form>/.exec(overview.text)?.[0] ?? "";
    const fields = Object.fromEntries([...form.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    expect(fields.scope).toBe("code:AE04");
    await postNotice(a, cookie, fields).expect(303);
    expect((await request(a).get("/questions/ae04")).text).toContain("AE04 が表示されてサインインできない件について");
  });
});

describe("a notice that is wrong, forged or unsigned changes nothing", () => {
  it("a bad field is named on the form and nothing is stored", async () => {
    const { a, clock, db } = await replicas();
    const { cookie, csrf } = await signedIn(a);
    const bad: Array<Record<string, string>> = [
      { title: "x".repeat(81) },
      { body: "y".repeat(501) },
      { scope: "code:AE09" },
      { scope: "question:no-such-answer" },
      { ends_at: "" },
      { ends_at: formatJapanMinute(clock.now + 32 * 24 * 60 * MINUTE) },
    ];
    for (const changes of bad) {
      const res = await postNotice(a, cookie, { _csrf: csrf, ...noticeFor(clock.now, changes) }).expect(400);
      expect(res.text).toContain("保存していません");
    }
    expect(await db.selectFrom("notices").selectAll().execute()).toEqual([]);
  });

  it("escapes the text wherever it appears", async () => {
    const { a, clock } = await replicas();
    const { cookie, csrf } = await signedIn(a);
    const hostile = { title: '<img src=x onerror="alert(1)">', body: "<script>alert(1)</script> javascript:alert(1)" };
    await postNotice(a, cookie, { _csrf: csrf, ...noticeFor(clock.now, hostile) }).expect(303);
    for (const path of ["/questions/ae04", "/"]) {
      const page = await request(a).get(path);
      expect(page.text).not.toContain("<img src=x");
      expect(page.text).not.toContain("<script>alert(1)");
      expect(page.text).not.toContain('href="javascript:');
    }
    const list = await request(a).get("/admin/notices").set("Cookie", cookie);
    expect(list.text).toContain("&lt;img src=x");
  });

  it("without the anti-forgery token, from another site, or without a session: refused, nothing stored", async () => {
    const { a, clock, db } = await replicas();
    const { cookie, csrf } = await signedIn(a);
    await postNotice(a, cookie, noticeFor(clock.now)).expect(403);
    await request(a)
      .post("/admin/notices")
      .set("Cookie", cookie)
      .set("Origin", "https://evil.example")
      .type("form")
      .send({ _csrf: csrf, ...noticeFor(clock.now) })
      .expect(403);
    await request(a)
      .post("/admin/notices")
      .type("form")
      .send({ _csrf: csrf, ...noticeFor(clock.now) })
      .expect(303)
      .expect("location", "/admin/login");
    expect(await db.selectFrom("notices").selectAll().execute()).toEqual([]);
    await request(a)
      .post("/admin/notices/n-000000000000/end")
      .set("Cookie", cookie)
      .type("form")
      .send({ _csrf: csrf })
      .expect(404);
  });
});
