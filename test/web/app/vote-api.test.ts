import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { EventRecorder } from "../../../src/analytics/analytics-service.js";
import type { ReaderEvent } from "../../../src/analytics/events.js";
import { voteApi } from "../../../src/web/app/vote-api.js";
import { voteIntake } from "../../../src/web/app/vote-intake.js";
import { bundledSite } from "../../helpers/app.js";

async function api() {
  const { content } = await bundledSite();
  const events: ReaderEvent[] = [];
  const recorder: EventRecorder = {
    accepting: true,
    record: (event) => events.push(event) > 0,
    countView: () => undefined,
    countCodeVisit: () => undefined,
  };
  const vote = voteApi(voteIntake(content, { recorder, addressOf: (req) => req.socket.remoteAddress ?? "" }));
  const handle = (req: IncomingMessage, res: ServerResponse) =>
    vote(req, res, { id: "test", path: "/api/feedback", head: [], query: "" });
  return { handle, events };
}

describe("POST /api/feedback, read without Express", () => {
  it("takes JSON with a charset, and refuses JSON that is not an object", async () => {
    const { handle, events } = await api();
    await request(handle)
      .post("/api/feedback")
      .set("Content-Type", "application/json; charset=utf-8")
      .send('{"question":"ae03","helpful":true}')
      .expect(201, { ok: true });
    for (const body of ['"ae03"', "42", "null"]) {
      const res = await request(handle)
        .post("/api/feedback")
        .set("Content-Type", "application/json")
        .send(body)
        .expect(400);
      expect(res.body).toEqual({ error: "The body could not be read." });
    }
    expect(events.map((event) => event.type)).toEqual(["vote"]);
  });

  it("refuses a chunked body past 8 KB as it arrives, storing nothing", async () => {
    const { handle, events } = await api();
    const server = createServer(handle).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            host: "127.0.0.1",
            port: (server.address() as AddressInfo).port,
            method: "POST",
            path: "/api/feedback",
            headers: { "Content-Type": "application/json", "Transfer-Encoding": "chunked" },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on("error", reject);
        req.write(`{"question":"ae03","helpful":false,"comment":"${"x".repeat(5_000)}`);
        req.end(`${"y".repeat(5_000)}"}`);
      });
      expect(status).toBe(413);
      expect(events).toEqual([]);
    } finally {
      server.close();
    }
  });
});
