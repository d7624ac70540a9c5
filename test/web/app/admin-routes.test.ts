import { randomBytes, scryptSync } from "node:crypto";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { Operators } from "../../../src/admin/operators.js";
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from "../../../src/admin/sessions.js";
import { migrate } from "../../../src/db/migrations.js";
import { openDatabase, type Db } from "../../../src/db/open-database.js";
import { ROUTES } from "../../../src/web/app/routes.js";
import { createLogger } from "../../../src/ops/logger.js";
import { createApp } from "../../../src/web/app/create-app.js";
import { bundledSite } from "../../helpers/app.js";
import { testDatabases } from "../../helpers/databases.js";

const engine = testDatabases()[0];
const PASSWORD = "correct horse battery staple";
const open: Db[] = [];
afterAll(async () => {
  for (const db of open) await db.destroy();
  await engine?.cleanup();
});

/** The site with a dashboard; `clock.now` moves time for the expiry tests. */
async function site(
  options: { operators?: boolean; trustProxy?: boolean; siteUrl?: string; log?: ReturnType<typeof createLogger> } = {},
) {
  if (!engine) throw new Error("SQLite is always available");
  const { content } = await bundledSite();
  const location = await engine.fresh();
  const db = openDatabase(location);
  open.push(db);
  await migrate(db, location.kind);
  if (options.operators !== false) await new Operators(db).add("support-lead", PASSWORD);
  const clock = { now: Date.now() };
  const app = createApp(content, {
    trustProxy: options.trustProxy === true ? 1 : false,
    siteUrl: options.siteUrl,
    admin: { db, clock: () => clock.now },
    logging: { log: options.log, accessLog: false },
  }).handle;
  return { app, db, clock, content };
}

const cookieOf = (setCookie: string[] | string | undefined, name: string) => {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return all.find((c) => c.startsWith(`${name}=`));
};
const cookieValue = (cookie: string | undefined) => cookie?.split(";")[0]?.split("=")[1] ?? "";

/** Fetches the sign-in form as a browser would: its login-CSRF cookie and the same token in the form. */
async function loginForm(app: Parameters<typeof request>[0], headers: Record<string, string> = {}) {
  const res = await request(app).get("/admin/login").set(headers).expect(200);
  const token = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1] ?? "";
  const cookie = (res.headers["set-cookie"] as unknown as string[] | undefined)?.[0]?.split(";")[0] ?? "";
  return { token, cookie };
}

async function signIn(
  app: Parameters<typeof request>[0],
  username = "support-lead",
  password = PASSWORD,
  headers: Record<string, string> = {},
  extraCookie = "",
) {
  const { token, cookie } = await loginForm(app, headers);
  return request(app)
    .post("/admin/login")
    .set(headers)
    .set("Cookie", extraCookie ? `${cookie}; ${extraCookie}` : cookie)
    .type("form")
    .send({ _csrf: token, username, password });
}

/** The response, having checked its status. */
async function expectStatus(response: Promise<request.Response>, status: number): Promise<request.Response> {
  const res = await response;
  expect(res.status, res.text.slice(0, 300)).toBe(status);
  return res;
}

async function session(app: Parameters<typeof request>[0]) {
  const res = await expectStatus(signIn(app), 303);
  const cookie = cookieOf(res.headers["set-cookie"] as unknown as string[], "hc_admin")?.split(";")[0] ?? "";
  const page = await request(app).get("/admin").set("Cookie", cookie).expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? "";
  return { cookie, csrf };
}

describe("every admin route refuses a request without a session", () => {
  // The route table itself: a new /admin row is checked here without anyone remembering to.
  const signedInRows = ROUTES.filter(
    (row) => row.format === "admin" && row.path !== "/admin/login" && row.path !== "/admin/logout",
  );
  const example = (path: string) => path.replace("*rest", "anything/else");

  it("the table's dashboard rows are the reports, their CSV files, sign-out and the catch-all", () => {
    expect(ROUTES.filter((row) => row.format === "admin").map((row) => `${row.method} ${row.path}`)).toEqual([
      "GET /admin/login",
      "POST /admin/login",
      "POST /admin/logout",
      "GET /admin",
      "GET /admin/no-results",
      "GET /admin/searches",
      "GET /admin/questions",
      "GET /admin/contacts",
      "GET /admin/metrics",
      "GET /admin/reports/no-results.csv",
      "GET /admin/reports/searches.csv",
      "GET /admin/reports/questions.csv",
      "GET /admin/reports/contacts.csv",
      "GET /admin/notices",
      "POST /admin/notices",
      "GET /admin/notices/:id",
      "POST /admin/notices/:id",
      "POST /admin/notices/:id/end",
      "GET /admin/audit",
      "GET /admin/suggestions",
      "POST /admin/suggestions/:id",
      "GET /admin/reports/suggestions.patch",
      "GET /admin/reports/search-checks.json",
      "ALL /admin/*rest",
    ]);
  });

  const isFile = (row: { path: string }) => row.path.startsWith("/admin/reports/");
  it.each(signedInRows.filter((row) => !isFile(row)).map((row) => example(row.path)))(
    "GET %s → 303 to the sign-in page",
    async (path) => {
      const { app } = await site();
      const res = await request(app).get(path).expect(303);
      expect(res.headers.location).toBe("/admin/login");
    },
  );

  it.each(signedInRows.filter(isFile).map((row) => row.path))("GET %s → 401", async (path) => {
    const { app } = await site();
    const res = await request(app).get(path).expect(401);
    expect(res.text).not.toContain("query");
  });

  it("POST /admin/logout without a session changes nothing and goes to the sign-in page", async () => {
    const { app } = await site();
    await request(app).post("/admin/logout").type("form").send({ _csrf: "x" }).expect(303);
  });

  it.each(["/admin/anything", "/admin/reports/other.csv"])(
    "an unknown %s also asks for a session first",
    async (path) => {
      const { app } = await site();
      expect((await request(app).get(path).expect(303)).headers.location).toBe("/admin/login");
    },
  );

  it("a stolen-looking cookie (not a live session) is no session", async () => {
    const { app } = await site();
    await request(app).get("/admin").set("Cookie", "hc_admin=forged-value").expect(303);
    await request(app).get("/admin/reports/searches.csv").set("Cookie", "hc_admin=forged-value").expect(401);
  });
});

describe("every /admin response", () => {
  it.each(["/admin/login", "/admin", "/admin/reports/searches.csv", "/admin/nope"])(
    "%s is no-store and noindex, with the site's CSP",
    async (path) => {
      const { app } = await site();
      const res = await request(app).get(path);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers["x-robots-tag"]).toBe("noindex, nofollow");
      expect(res.headers["content-security-policy"]).toContain("script-src 'self';style-src 'self'");
    },
  );

  it("pages also carry a robots noindex meta tag", async () => {
    const { app } = await site();
    expect((await request(app).get("/admin/login")).text).toContain('<meta name="robots" content="noindex">');
  });
});

describe("sign-in", () => {
  it("with no operator yet, /admin says how to create one", async () => {
    const { app } = await site({ operators: false });
    const res = await request(app).get("/admin/login").expect(200);
    expect(res.text).toContain("npm run admin -- add-user");
    expect((await request(app).get("/admin").expect(200)).text).toContain("npm run admin -- add-user");
  });

  it("a good sign-in answers 303 to /admin with a new HttpOnly, SameSite=Strict, Path=/ session cookie", async () => {
    const { app } = await site();
    const res = await expectStatus(signIn(app), 303);
    expect(res.headers.location).toBe("/admin");
    const cookie = cookieOf(res.headers["set-cookie"] as unknown as string[], "hc_admin") ?? "";
    expect(cookie).toMatch(/^hc_admin=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect(cookie).not.toContain("Secure");
  });

  it("over HTTPS behind a trusted proxy: the __Host- prefix and Secure", async () => {
    const { app } = await site({ trustProxy: true });
    const res = await expectStatus(signIn(app, "support-lead", PASSWORD, { "X-Forwarded-Proto": "https" }), 303);
    const cookie = cookieOf(res.headers["set-cookie"] as unknown as string[], "__Host-hc_admin") ?? "";
    expect(cookie).toMatch(/^__Host-hc_admin=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Secure; Max-Age=43200$/);
  });

  it("with an https SITE_URL the cookie is Secure even when no proxy is trusted to say so", async () => {
    const { app } = await site({ siteUrl: "https://faq.example.com" });
    const res = await expectStatus(signIn(app), 303);
    const cookie = cookieOf(res.headers["set-cookie"] as unknown as string[], "__Host-hc_admin") ?? "";
    expect(cookie).toMatch(/; Secure; /);
  });

  it("an anti-forgery token of another length is a 403, never a 500", async () => {
    const { app } = await site();
    const { cookie } = await loginForm(app);
    for (const token of ["x", "a".repeat(500), ""]) {
      const res = await request(app)
        .post("/admin/login")
        .set("Cookie", cookie)
        .type("form")
        .send({ _csrf: token, username: "support-lead", password: PASSWORD });
      expect(res.status).toBe(403);
      expect(res.text).not.toMatch(/RangeError|at .*\.(js|ts):\d+/);
    }
  });

  it("a password hashed with older scrypt parameters is rehashed at the next good sign-in", async () => {
    const { app, db } = await site({ operators: false });
    const salt = randomBytes(16);
    const old = scryptSync(PASSWORD.normalize("NFKC"), salt, 64, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 2 ** 20 });
    const hash = ["scrypt", 2 ** 15, 8, 1, salt.toString("base64url"), old.toString("base64url")].join("$");
    const at = new Date().toISOString();
    await db
      .insertInto("admin_users")
      .values({ name: "support-lead", password_hash: hash, created_at: at, updated_at: at })
      .execute();
    await expectStatus(signIn(app), 303);
    const stored = await db.selectFrom("admin_users").select("password_hash").executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    await expectStatus(signIn(app), 303);
  });

  it("without TRUST_PROXY a forwarded https header is not believed", async () => {
    const { app } = await site();
    const res = await expectStatus(signIn(app, "support-lead", PASSWORD, { "X-Forwarded-Proto": "https" }), 303);
    expect(cookieOf(res.headers["set-cookie"] as unknown as string[], "hc_admin")).toBeDefined();
  });

  it("a wrong password and an unknown user get the same answer, and take about as long", async () => {
    const { app } = await site();
    const time = async (username: string) => {
      const started = performance.now();
      const res = await signIn(app, username, "wrong password here");
      return { ms: performance.now() - started, status: res.status, text: res.text.replace(/value="[^"]*"/g, "") };
    };
    const wrong = await time("support-lead");
    const unknown = await time("support-lea");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.text).toBe(wrong.text);
    expect(wrong.text).toContain("ユーザー名またはパスワードが正しくありません。");
    // Both pay for one scrypt verification (tens of ms); an unknown name must not answer early.
    expect(unknown.ms).toBeGreaterThan(wrong.ms * 0.4);
  });

  it("a new session id at every sign-in; a planted cookie is not adopted", async () => {
    const { app } = await site();
    const first = await session(app);
    const second = await session(app);
    expect(second.cookie).not.toBe(first.cookie);
    const planted = await signIn(app, "support-lead", PASSWORD, {}, "hc_admin=planted-by-attacker");
    expect(cookieValue(cookieOf(planted.headers["set-cookie"] as unknown as string[], "hc_admin"))).not.toBe(
      "planted-by-attacker",
    );
  });

  it("refuses a sign-in without the form's token (login CSRF) or from another site with 403", async () => {
    const { app } = await site();
    await request(app)
      .post("/admin/login")
      .type("form")
      .send({ username: "support-lead", password: PASSWORD })
      .expect(403);
    const { token, cookie } = await loginForm(app);
    await request(app)
      .post("/admin/login")
      .set("Cookie", cookie)
      .type("form")
      .send({ _csrf: `${token}x`, username: "support-lead", password: PASSWORD })
      .expect(403);
    await request(app)
      .post("/admin/login")
      .set("Cookie", cookie)
      .set("Origin", "https://evil.example")
      .type("form")
      .send({ _csrf: token, username: "support-lead", password: PASSWORD })
      .expect(403);
  });

  it("after 5 failures for one name, even the right password is refused with 429 for 15 minutes; an unknown name likewise", async () => {
    const { app, clock } = await site();
    for (let i = 0; i < 5; i++) await expectStatus(signIn(app, "support-lead", `wrong password ${i}`), 401);
    const locked = await expectStatus(signIn(app, "support-lead", PASSWORD), 429);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(800);
    expect(locked.text).toContain("しばらくサインインできません");
    clock.now += 15 * 60_000 + 1000;
    await expectStatus(signIn(app, "support-lead", PASSWORD), 303);
  });

  it("30 guesses sent at once are each counted before any is checked: at most 5 are checked, the rest refused", async () => {
    const { app } = await site();
    const { token, cookie } = await loginForm(app);
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        request(app)
          .post("/admin/login")
          .set("Cookie", cookie)
          .type("form")
          .send({ _csrf: token, username: "support-lead", password: `wrong password ${i}` }),
      ),
    );
    const statuses = guesses.map((res) => res.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status !== 401 && status !== 429)).toEqual([]);
    expect(guesses.find((res) => res.status === 429)?.headers["retry-after"]).toBeDefined();
  });

  it("checks a few passwords at once and queues a few more; a sign-in past that is a 503 at once, never a pile of hashes", async () => {
    const { app } = await site({ trustProxy: true });
    const { token, cookie } = await loginForm(app);
    const guesses = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        request(app)
          .post("/admin/login")
          .set("X-Forwarded-For", `198.51.100.${i}`)
          .set("Cookie", cookie)
          .type("form")
          .send({ _csrf: token, username: `someone-${i}`, password: "wrong password here" }),
      ),
    );
    const statuses = guesses.map((res) => res.status).sort();
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThanOrEqual(6);
    expect(statuses.filter((status) => status !== 401 && status !== 503)).toEqual([]);
  });

  it("a stranger's failures for an operator's name do not lock the operator out from another address", async () => {
    const { app } = await site({ trustProxy: true });
    const from = (address: string) => ({ "X-Forwarded-For": address });
    for (let i = 0; i < 5; i++)
      await expectStatus(signIn(app, "support-lead", `wrong password ${i}`, from("198.51.100.7")), 401);
    await expectStatus(signIn(app, "support-lead", PASSWORD, from("198.51.100.7")), 429);
    await expectStatus(signIn(app, "support-lead", PASSWORD, from("203.0.113.20")), 303);
  });

  it("one name failing from many addresses slows down and raises one warning in the log", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const log = createLogger({ destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
    const { app } = await site({ trustProxy: true, log });
    const timings: number[] = [];
    for (let i = 0; i < 8; i++) {
      const started = performance.now();
      await expectStatus(signIn(app, "support-lead", "wrong password", { "X-Forwarded-For": `198.51.100.${i}` }), 401);
      timings.push(performance.now() - started);
    }
    expect(timings[7]).toBeGreaterThan(900);
    const warnings = lines.filter((line) => line.level === "warn");
    expect(warnings).toEqual([expect.objectContaining({ username: "support-lead", failures: 8 })]);
  }, 30_000);

  it("5 failures from one client with different names lock that client", async () => {
    const { app } = await site();
    for (let i = 0; i < 5; i++) await expectStatus(signIn(app, `guess-${i}`, "wrong password here"), 401);
    await expectStatus(signIn(app, "support-lead", PASSWORD), 429);
  });

  it("behind a trusted proxy, the client is the forwarded address: one locked client does not lock another", async () => {
    const { app } = await site({ trustProxy: true });
    const from = (address: string) => ({ "X-Forwarded-For": address });
    for (let i = 0; i < 5; i++)
      await expectStatus(signIn(app, `guess-${i}`, "wrong password here", from("198.51.100.7")), 401);
    await expectStatus(signIn(app, "support-lead", PASSWORD, from("198.51.100.7")), 429);
    await expectStatus(signIn(app, "support-lead", PASSWORD, from("198.51.100.8")), 303);
  });

  it("without TRUST_PROXY, a forwarded address is ignored: changing it does not escape the lock", async () => {
    const { app } = await site();
    for (let i = 0; i < 5; i++)
      await expectStatus(
        signIn(app, `guess-${i}`, "wrong password here", { "X-Forwarded-For": `198.51.100.${i}` }),
        401,
      );
    await expectStatus(signIn(app, "support-lead", PASSWORD, { "X-Forwarded-For": "198.51.100.99" }), 429);
  });
});

describe("a signed-in operator", () => {
  it("reads every report and CSV", async () => {
    const { app } = await site();
    const { cookie } = await session(app);
    for (const path of [
      "/admin",
      "/admin?days=7",
      "/admin?days=90",
      "/admin/no-results",
      "/admin/searches",
      "/admin/questions",
      "/admin/questions?sort=order",
      "/admin/contacts",
      "/admin/contacts?days=7",
      "/admin/metrics",
    ]) {
      await request(app)
        .get(path)
        .set("Cookie", cookie)
        .expect(200)
        .expect("content-type", /text\/html/);
    }
    const csv = await request(app)
      .get("/admin/reports/questions.csv")
      .set("Cookie", cookie)
      .expect(200)
      .expect("content-type", /text\/csv/);
    expect(csv.text.startsWith("\uFEFFquestion_id,title,helpful,not_helpful,helpful_rate,comments\r\n")).toBe(true);
    expect(csv.headers["content-disposition"]).toBe('attachment; filename="questions-30d.csv"');
    expect((await request(app).get("/admin/reports/no-results.csv").set("Cookie", cookie)).text).toBe(
      "\uFEFFquery,searches,last_seen\r\n",
    );
    expect((await request(app).get("/admin/reports/searches.csv").set("Cookie", cookie)).text).toBe(
      "\uFEFFquery,searches,clicks,click_through_rate,no_results\r\n",
    );
    const contacts = await request(app).get("/admin/reports/contacts.csv?days=7").set("Cookie", cookie).expect(200);
    expect(contacts.headers["content-disposition"]).toBe('attachment; filename="contacts-7d.csv"');
    const lines = contacts.text.split("\r\n");
    expect(lines[0]).toBe("\uFEFFquestion_id,title,views,contacts,contact_rate");
    expect(lines).toHaveLength(1 + 21 + 1);
    expect(lines[1]).toMatch(/^[a-z0-9-]+,.+,0,0,$/);
  });

  it("reads on 問い合わせ that nothing is counted while content/contact.md names no channel, and every formula on 指標の定義", async () => {
    const { app } = await site();
    const { cookie } = await session(app);
    const contacts = await request(app).get("/admin/contacts").set("Cookie", cookie).expect(200);
    expect(contacts.text).toContain("問い合わせは数えていません");
    expect(contacts.text).toContain("回答ごと（問い合わせの多い順）");
    const metrics = await request(app).get("/admin/metrics").set("Cookie", cookie).expect(200);
    for (const formula of ["閲覧数 ÷ 問い合わせ数", "結果が 0 件だった検索 ÷ 検索数", "「はい」の件数 ÷ 評価数"])
      expect(metrics.text).toContain(formula);
  });

  it("a period other than 7, 30 or 90 days is a 400", async () => {
    const { app } = await site();
    const { cookie } = await session(app);
    await request(app).get("/admin?days=365").set("Cookie", cookie).expect(400);
  });

  it("is signed out after 30 idle minutes and after 12 hours", async () => {
    const { app, clock } = await site();
    const idle = await session(app);
    clock.now += IDLE_TIMEOUT_MS + 1000;
    await request(app).get("/admin").set("Cookie", idle.cookie).expect(303);
    const old = await session(app);
    for (let t = 0; t < ABSOLUTE_TIMEOUT_MS; t += 20 * 60_000) {
      clock.now += 20 * 60_000;
      if (t + 20 * 60_000 < ABSOLUTE_TIMEOUT_MS)
        await request(app).get("/admin/reports/searches.csv").set("Cookie", old.cookie).expect(200);
    }
    await request(app).get("/admin").set("Cookie", old.cookie).expect(303);
  });

  it("signs out only with the session's anti-forgery token; a missing or wrong one is 403", async () => {
    const { app } = await site();
    const { cookie, csrf } = await session(app);
    await request(app).post("/admin/logout").set("Cookie", cookie).type("form").send({}).expect(403);
    await request(app)
      .post("/admin/logout")
      .set("Cookie", cookie)
      .type("form")
      .send({ _csrf: `${csrf}x` })
      .expect(403);
    await request(app)
      .post("/admin/logout")
      .set("Cookie", cookie)
      .set("Sec-Fetch-Site", "cross-site")
      .type("form")
      .send({ _csrf: csrf })
      .expect(403);
    await request(app).get("/admin").set("Cookie", cookie).expect(200);
    const out = await request(app)
      .post("/admin/logout")
      .set("Cookie", cookie)
      .type("form")
      .send({ _csrf: csrf })
      .expect(303);
    expect(out.headers.location).toBe("/admin/login");
    await request(app).get("/admin").set("Cookie", cookie).expect(303);
  });

  it("sees comments escaped, never as markup", async () => {
    const { app, db } = await site();
    await db
      .insertInto("feedback_votes")
      .values({
        day: new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10),
        visitor_key: "k",
        question_id: "ae03",
        helpful: 0,
        reason: null,
        comment: "<img src=x onerror=alert(1)>",
        created_at: new Date().toISOString(),
      })
      .execute();
    const { cookie } = await session(app);
    const page = await request(app).get("/admin/questions").set("Cookie", cookie).expect(200);
    expect(page.text).not.toContain("<img src=x");
    expect(page.text).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});
