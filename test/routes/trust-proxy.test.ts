import request from "supertest";
import { describe, expect, it } from "vitest";
import type { EventRecorder } from "../../src/analytics/analytics-service.js";
import type { ReaderEvent } from "../../src/analytics/events.js";
import type { TrustProxy } from "../../src/web/http/client-address.js";
import { createApp } from "../../src/web/app/create-app.js";
import { bundledSite } from "../helpers/app.js";

async function site(trustProxy: TrustProxy) {
  const { content } = await bundledSite();
  const events: ReaderEvent[] = [];
  const recorder: EventRecorder = {
    accepting: true,
    record: (event) => events.push(event) > 0,
    countView: () => undefined,
    countCodeVisit: () => undefined,
  };
  const app = createApp(content, {
    trustProxy,
    search: { perMinute: 2 },
    feedback: { recorder, votesPerMinute: 1 },
  }).handle;
  return { app, events };
}

const search = (app: Parameters<typeof request>[0], forwardedFor: string) =>
  request(app).get("/search").query({ q: "AE03" }).set("X-Forwarded-For", forwardedFor);
const vote = (app: Parameters<typeof request>[0], forwardedFor: string) =>
  request(app).post("/api/feedback").set("X-Forwarded-For", forwardedFor).send({ question: "ae03", helpful: true });

describe("behind a trusted proxy (TRUST_PROXY)", () => {
  it.each<[string, TrustProxy]>([
    ["one hop", 1],
    ["the proxy's address", ["loopback"]],
  ])("trusting %s, two forwarded clients get two search budgets and two vote budgets", async (_name, trust) => {
    const { app } = await site(trust);
    for (const reader of ["203.0.113.1", "203.0.113.2"]) {
      await search(app, reader).expect(200);
      await search(app, reader).expect(200);
      await search(app, reader).expect(429);
      await vote(app, reader).expect(201);
      await vote(app, reader).expect(429);
    }
    // Writing an X-Forwarded-For of one's own does not buy a new budget: the proxy appends the real address.
    await search(app, "198.51.100.1, 203.0.113.1").expect(429);
  });

  it("records each reader's own address for the visitor key, never the proxy's", async () => {
    const { app, events } = await site(1);
    await search(app, "203.0.113.1").expect(200);
    await vote(app, "203.0.113.2").expect(201);
    expect(events.map((event) => ("address" in event ? event.address : undefined))).toEqual([
      "203.0.113.1",
      "203.0.113.2",
    ]);
  });
});

describe("without TRUST_PROXY", () => {
  it("ignores X-Forwarded-For: a changed header is the same client, so spoofing buys nothing", async () => {
    const { app, events } = await site(false);
    await search(app, "203.0.113.1").expect(200);
    await search(app, "203.0.113.2").expect(200);
    await search(app, "203.0.113.3").expect(429);
    await vote(app, "203.0.113.4").expect(201);
    await vote(app, "203.0.113.5").expect(429);
    expect(new Set(events.map((event) => ("address" in event ? event.address : undefined)))).toEqual(
      new Set(["127.0.0.1"]),
    );
  });
});
