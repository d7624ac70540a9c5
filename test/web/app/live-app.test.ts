import request from "supertest";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/web/app/create-app.js";
import { liveApp } from "../../../src/web/app/live-app.js";
import { bundledSite } from "../../helpers/app.js";

describe("liveApp", () => {
  it("serves the current app and switches at once on swap", async () => {
    const { content } = await bundledSite();
    const fewer = {
      ...content,
      questions: content.questions.slice(0, 20),
      questionById: new Map([...content.questionById].filter(([id]) => id !== "ae06")),
    };
    const live = liveApp(createApp(content).handle);
    await request(live.handle).get("/questions/ae06").expect(200);
    live.swap(createApp(fewer).handle);
    await request(live.handle).get("/questions/ae06").expect(404);
    expect((await request(live.handle).get("/healthz")).body.questions).toBe(20);
  });
});
