import { afterAll, describe, expect, it } from "vitest";
import { Operators } from "../../src/admin/operators.js";
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, Sessions } from "../../src/admin/sessions.js";
import { signInKeys } from "../../src/admin/sign-in-guard.js";
import { SignInThrottle } from "../../src/admin/throttle.js";
import { clientKey } from "../../src/limits/rate-limit.js";
import { testDatabases } from "../helpers/databases.js";

const T0 = Date.parse("2026-12-02T00:00:00Z");
const MINUTE = 60_000;

describe.each(testDatabases())("operators, sessions and throttling on $name", (engine) => {
  afterAll(() => engine.cleanup());
  const open = async () => {
    const { db } = await engine.migrated();
    const operators = new Operators(db);
    await operators.add("support-lead", "correct horse battery staple");
    return { db, operators, sessions: new Sessions(db), throttle: new SignInThrottle(db) };
  };

  it("a session is an opaque random id; only its hash is stored", async () => {
    const { db, sessions } = await open();
    try {
      const a = await sessions.create("support-lead", T0);
      const b = await sessions.create("support-lead", T0);
      expect(a.id).toMatch(/^[\w-]{43}$/);
      expect(a.id).not.toBe(b.id);
      const stored = JSON.stringify(await db.selectFrom("admin_sessions").selectAll().execute());
      expect(stored).not.toContain(a.id);
      expect(await sessions.get(a.id, T0 + MINUTE)).toEqual({ user: "support-lead", csrfToken: a.session.csrfToken });
      expect(await sessions.get("not-a-session", T0)).toBeUndefined();
    } finally {
      await db.destroy();
    }
  });

  it("ends after 30 idle minutes, and after 12 hours however active", async () => {
    const { db, sessions } = await open();
    try {
      const idle = await sessions.create("support-lead", T0);
      expect(await sessions.get(idle.id, T0 + IDLE_TIMEOUT_MS - MINUTE)).toBeDefined();
      expect(await sessions.get(idle.id, T0 + 2 * IDLE_TIMEOUT_MS - 2 * MINUTE)).toBeDefined(); // kept alive by the last use
      expect(await sessions.get(idle.id, T0 + 3 * IDLE_TIMEOUT_MS)).toBeUndefined();
      const busy = await sessions.create("support-lead", T0);
      let t = T0;
      for (; t < T0 + ABSOLUTE_TIMEOUT_MS - 20 * MINUTE; t += 20 * MINUTE)
        expect(await sessions.get(busy.id, t)).toBeDefined();
      expect(await sessions.get(busy.id, T0 + ABSOLUTE_TIMEOUT_MS)).toBeUndefined();
    } finally {
      await db.destroy();
    }
  });

  it("signing out, a password change and removing the operator each end their sessions", async () => {
    const { db, sessions, operators } = await open();
    try {
      const a = await sessions.create("support-lead", T0);
      await sessions.destroy(a.id);
      expect(await sessions.get(a.id, T0)).toBeUndefined();
      const b = await sessions.create("support-lead", T0);
      await operators.setPassword("support-lead", "another long passphrase");
      expect(await sessions.get(b.id, T0)).toBeUndefined();
      const c = await sessions.create("support-lead", T0);
      await operators.remove("support-lead");
      expect(await sessions.get(c.id, T0)).toBeUndefined();
      expect(await operators.list()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it("operators: names and passwords are checked; no duplicates", async () => {
    const { db, operators } = await open();
    try {
      await expect(operators.add("support-lead", "another long passphrase")).rejects.toThrow("already an operator");
      await expect(operators.add("x", "another long passphrase")).rejects.toThrow("2 to 64 letters");
      await expect(operators.add("editor", "short")).rejects.toThrow("at least 12");
      await expect(operators.setPassword("nobody", "another long passphrase")).rejects.toThrow(
        'no operator named "nobody"',
      );
      expect((await operators.list()).map((o) => o.name)).toEqual(["support-lead"]);
    } finally {
      await db.destroy();
    }
  });

  it("a sign-in's keys, whatever name was typed, are stored, counted, locked and forgiven on this engine", async () => {
    const { db, throttle } = await open();
    try {
      const keys = signInKeys("Support-Lead\u0000\uD800", clientKey("203.0.113.9"));
      const lockable = [keys.pair, keys.client];
      let counts = new Map<string, number>();
      for (let i = 0; i < 5; i++)
        counts = await throttle.recordFailure([keys.pair, keys.client, keys.name], T0 + i * MINUTE, lockable);
      expect(counts.get(keys.name)).toBe(5);
      expect(await throttle.lockedUntil(lockable, T0 + 5 * MINUTE)).toBe(T0 + 19 * MINUTE);
      expect(await throttle.lockedUntil([keys.name], T0 + 5 * MINUTE)).toBeUndefined();
      await throttle.forgive(keys, T0 + 4 * MINUTE);
      expect(await throttle.lockedUntil([keys.pair], T0 + 5 * MINUTE)).toBeUndefined();
    } finally {
      await db.destroy();
    }
  });

  it("throttling: 5 failures in 15 minutes lock that key for 15 minutes; older failures do not count", async () => {
    const { db, throttle } = await open();
    try {
      const keys = ["user:support-lead", "client:203.0.113.9"];
      for (let i = 0; i < 4; i++) await throttle.recordFailure(keys, T0 + i * MINUTE);
      expect(await throttle.lockedUntil(keys, T0 + 4 * MINUTE)).toBeUndefined();
      await throttle.recordFailure(keys, T0 + 4 * MINUTE);
      expect(await throttle.lockedUntil(keys, T0 + 5 * MINUTE)).toBe(T0 + 19 * MINUTE);
      expect(await throttle.lockedUntil(["user:support-lead"], T0 + 18 * MINUTE)).toBe(T0 + 19 * MINUTE);
      expect(await throttle.lockedUntil(keys, T0 + 19 * MINUTE)).toBeUndefined();
      // Failures spread wider than 15 minutes never lock.
      for (let i = 0; i < 5; i++) await throttle.recordFailure(["user:other"], T0 + 100 * MINUTE + i * 4 * MINUTE);
      expect(await throttle.lockedUntil(["user:other"], T0 + 117 * MINUTE)).toBeUndefined();
    } finally {
      await db.destroy();
    }
  });
});
