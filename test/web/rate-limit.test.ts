import request from "supertest";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/web/create-app.js";
import { bundledSite } from "../helpers/app.js";

describe("/api/search rate limit", () => {
  it("refuses the request past the limit with 429 JSON and Retry-After, per client", async () => {
    const { content } = await bundledSite();
    const app = createApp(content, { searchRateLimit: 3 });
    for (let i = 0; i < 3; i++) await request(app).get("/api/search").query({ q: `ae0${i + 1}` }).expect(200);
    const limited = await request(app).get("/api/search").query({ q: "ae04" }).expect(429).expect("content-type", /application\/json/);
    expect(limited.body).toEqual({ error: expect.stringContaining("Too many searches") });
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // Pages and the results page are not limited.
    await request(app).get("/search").query({ q: "ae04" }).expect(200);
    await request(app).get("/questions/ae04").expect(200);
  });

  it("0 turns it off", async () => {
    const { content } = await bundledSite();
    const app = createApp(content, { searchRateLimit: 0 });
    for (let i = 0; i < 20; i++) await request(app).get("/api/search").query({ q: "ae01" }).expect(200);
  });

  it("the default lets a fast typist through: one request per keystroke for a long query", async () => {
    const { content } = await bundledSite();
    const app = createApp(content);
    const typed = "パスワードを忘れてしまいました確認コードが届かない";
    for (let i = 1; i <= typed.length; i++) await request(app).get("/api/search").query({ q: typed.slice(0, i) }).expect(200);
  });
});
