import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { SpikeWatch } from "../../src/alerts/spike-watch.js";
import { AnalyticsStore } from "../../src/analytics/analytics-store.js";
import type { Db } from "../../src/db/open-database.js";
import { bundledSite } from "../helpers/app.js";
import { testDatabases } from "../helpers/databases.js";

const { content } = await bundledSite();
const [sqlite] = testDatabases();
if (!sqlite) throw new Error("SQLite is always available");
const engine = sqlite;
afterAll(() => engine.cleanup());
const MINUTE = 60_000;

/** A real local HTTP receiver, as Slack's or Teams' incoming webhook would be: it keeps what it is sent. */
async function receiver(statuses: number[] = []) {
  const received: unknown[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ method: req.method, type: req.headers["content-type"], body: JSON.parse(body) });
      res.writeHead(statuses.shift() ?? 200).end("ok");
    });
  }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  open.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}
const open: Server[] = [];
afterEach(() => {
  for (const server of open.splice(0)) server.close();
});

async function spikingDb(now: number): Promise<Db> {
  const { db } = await engine.migrated();
  await new AnalyticsStore(db).write([
    { type: "codeVisits", time: now - 10 * MINUTE, code: "AE04", count: 25 },
    { type: "codeVisits", time: now - 86_400_000 - 30 * MINUTE, code: "AE04", count: 2 },
  ]);
  return db;
}

function collecting() {
  const lines: Array<{ facts: object; message: string }> = [];
  return { lines, warn: () => undefined, error: (facts: object, message: string) => lines.push({ facts, message }) };
}

describe("SpikeWatch", () => {
  it("sends a spiking code to the webhook once an hour, as JSON with a text field", async () => {
    const clock = { now: Date.parse("2026-12-06T05:30:00Z") };
    const db = await spikingDb(clock.now);
    try {
      const hook = await receiver();
      const log = collecting();
      const options = { webhookUrl: hook.url, siteUrl: "https://faq.example.jp", now: () => clock.now, log };
      const watch = new SpikeWatch(db, content, options);
      expect((await watch.check()).map((spike) => spike.code)).toEqual(["AE04"]);
      // A second replica on the same database, a minute later: the hour's alert has gone.
      clock.now += MINUTE;
      await new SpikeWatch(db, content, options).check();
      expect(hook.received).toEqual([
        {
          method: "POST",
          type: "application/json",
          body: { text: expect.stringContaining("AE04 が急増しています: 直近 1 時間に 25 件") },
        },
      ]);
      expect((hook.received[0] as { body: { text: string } }).body.text).toContain(
        "https://faq.example.jp/admin/notices?code=AE04",
      );
      expect(log.lines).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it("retries once; a webhook that fails twice is logged once a minute and tried again at the next check", async () => {
    const now = Date.parse("2026-12-06T05:30:00Z");
    const db = await spikingDb(now);
    try {
      const hook = await receiver([500, 502, 500, 503]);
      const log = collecting();
      const watch = new SpikeWatch(db, content, {
        webhookUrl: hook.url,
        siteUrl: "https://faq.example.jp",
        now: () => now,
        log,
        retryDelayMs: 10,
      });
      await watch.check();
      expect(hook.received).toHaveLength(2);
      await watch.check();
      expect(hook.received).toHaveLength(4);
      expect(log.lines.map((line) => line.message)).toEqual([
        "spike alert not delivered: the webhook failed twice; the next check tries again",
      ]);
      await watch.check();
      expect(hook.received).toHaveLength(5); // the receiver answers 200 now: delivered, and claimed
      await watch.check();
      expect(hook.received).toHaveLength(5);
    } finally {
      await db.destroy();
    }
  });

  it("gives up on a webhook that does not answer, after its timeout", async () => {
    const now = Date.parse("2026-12-06T05:30:00Z");
    const db = await spikingDb(now);
    const silent = createServer(() => undefined).listen(0, "127.0.0.1");
    await new Promise((resolve) => silent.once("listening", resolve));
    try {
      const log = collecting();
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
      const watch = new SpikeWatch(db, content, {
        webhookUrl: url,
        siteUrl: "x",
        now: () => now,
        log,
        timeoutMs: 100,
        retryDelayMs: 10,
      });
      await watch.check();
      expect(log.lines).toHaveLength(1);
    } finally {
      silent.closeAllConnections();
      silent.close();
      await db.destroy();
    }
  });

  it("without a webhook, finds the spikes for the dashboard and sends nothing", async () => {
    const now = Date.parse("2026-12-06T05:30:00Z");
    const db = await spikingDb(now);
    try {
      const watch = new SpikeWatch(db, content, { siteUrl: "x", now: () => now, log: collecting() });
      expect(await watch.check()).toHaveLength(1);
      expect(await db.selectFrom("alerts_sent").selectAll().execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
