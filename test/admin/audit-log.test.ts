import { describe, expect, it } from "vitest";
import { AUDIT_RETENTION_DAYS, AuditLog } from "../../src/admin/audit-log.js";
import { testDatabases } from "../helpers/databases.js";

describe("AuditLog", () => {
  it("lists the newest first and keeps a year", async () => {
    const [sqlite] = testDatabases();
    if (!sqlite) throw new Error("SQLite is always available");
    const { db } = await sqlite.migrated();
    try {
      const log = new AuditLog(db);
      const now = Date.parse("2026-12-06T00:00:00Z");
      const day = 86_400_000;
      await log.record({ actor: "a", action: "sign-in" }, now - (AUDIT_RETENTION_DAYS + 1) * day);
      await log.record({ actor: "a", action: "sign-in" }, now - (AUDIT_RETENTION_DAYS - 1) * day);
      await log.record({ actor: "b", action: "notice.create", target: "n-1", detail: "お知らせ" }, now);
      expect((await log.recent()).map((e) => [e.actor, e.action])).toEqual([
        ["b", "notice.create"],
        ["a", "sign-in"],
        ["a", "sign-in"],
      ]);
      expect(await log.purge(now)).toBe(1);
      expect(await log.recent()).toHaveLength(2);
    } finally {
      await db.destroy();
      await sqlite.cleanup();
    }
  });
});
