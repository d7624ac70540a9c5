import { afterAll, describe, expect, it } from "vitest";
import { AuditLog } from "../../src/admin/audit-log.js";
import type { NoticeFields } from "../../src/notices/notice.js";
import { NoticeStore } from "../../src/notices/notice-store.js";
import { bundledSite } from "../helpers/app.js";
import { testDatabases } from "../helpers/databases.js";

const { content } = await bundledSite();
const NOW = Date.parse("2026-12-06T03:00:00Z");
const HOUR = 3_600_000;
const fields = (changes: Partial<NoticeFields> = {}): NoticeFields => ({
  title: "AE04 の件",
  body: "反映が遅れています。",
  kind: "outage",
  scopes: [{ kind: "code", code: "AE04" }],
  startsAt: NOW - HOUR,
  endsAt: NOW + HOUR,
  ...changes,
});

describe.each(testDatabases())("NoticeStore on $name", (engine) => {
  afterAll(() => engine.cleanup());

  it("makes, changes and ends notices, each with its audit entry, shared by every store on the database", async () => {
    const { db } = await engine.migrated();
    try {
      const store = new NoticeStore(db, content);
      const id = await store.create(fields(), "support-lead", NOW);
      const other = new NoticeStore(db, content);
      expect((await other.current(NOW)).map((n) => [n.id, n.title, n.scopes, n.source, n.createdBy])).toEqual([
        [id, "AE04 の件", [{ kind: "code", code: "AE04" }], "dashboard", "support-lead"],
      ]);
      expect(await store.update(id, fields({ title: "復旧しました" }), "night-shift", NOW + 1000)).toBe(true);
      expect((await store.find(id))?.title).toBe("復旧しました");
      expect(await store.end(id, "night-shift", NOW + 2000)).toBe(true);
      expect(await store.current(NOW + 2000)).toEqual([]);
      expect(await store.end(id, "night-shift", NOW + 3000)).toBe(false);
      expect((await store.listed(NOW + 3000)).map((n) => n.id)).toEqual([id]);
      expect(await store.update("n-nothing", fields(), "x", NOW)).toBe(false);
      const audit = await new AuditLog(db).recent();
      expect(audit.map((e) => [e.actor, e.action, e.target])).toEqual([
        ["night-shift", "notice.end", id],
        ["night-shift", "notice.update", id],
        ["support-lead", "notice.create", id],
      ]);
      expect(audit[2]?.detail).toBe("障害「AE04 の件」 code:AE04");
    } finally {
      await db.destroy();
    }
  });

  it("ends a notice that had not started before it would start, and leaves out one whose scope is gone", async () => {
    const { db } = await engine.migrated();
    try {
      const store = new NoticeStore(db, content);
      const id = await store.create(fields({ startsAt: NOW + HOUR, endsAt: NOW + 2 * HOUR }), "a", NOW);
      await store.end(id, "a", NOW);
      const ended = await store.find(id);
      expect(ended && ended.startsAt <= ended.endsAt).toBe(true);
      await db
        .updateTable("notices")
        .set({ scope: "question:removed-since", ends_at: "2099-01-01T00:00:00.000Z" })
        .execute();
      expect(await store.current(NOW)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
