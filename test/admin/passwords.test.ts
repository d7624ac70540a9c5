import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from "../../src/admin/passwords.js";

describe("passwords", () => {
  it.each([
    ["short", "at least 12 characters"],
    ["password1234", "common passwords"],
    ["Password1234", "common passwords"],
    // Past any list of whole passwords: a keyboard walk, a repeat, a dictionary word with a year, l33t.
    ["1q2w3e4r5t6y7u", "common passwords"],
    ["abcabcabcabcabc", "common passwords"],
    ["sunshine2026!", "common passwords"],
    ["P@ssw0rd12345", "common passwords"],
    ["advantageplus123", "common passwords"],
    ["support-lead-2026", "must not contain the user name"],
  ])("refuses %j: %s", (password, problem) => {
    expect(passwordProblem(password, "support-lead")).toContain(problem);
  });

  it("accepts a long, uncommon password", () => {
    expect(passwordProblem("correct horse battery staple", "support-lead")).toBeUndefined();
    expect(passwordProblem("a passphrase nobody guesses", "support-lead")).toBeUndefined();
    expect(passwordProblem("ea7Kq-9xZp2mW", "support-lead")).toBeUndefined();
  });

  it("hashes with scrypt and a random salt; verifies the right password only", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery staple", a)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", a)).toBe(false);
    expect(await verifyPassword("anything", "md5$abc")).toBe(false);
  });

  it("says a hash of older parameters needs rehashing, and one of today's does not", async () => {
    expect(needsRehash(await hashPassword("correct horse battery staple"))).toBe(false);
    expect(needsRehash("scrypt$32768$8$1$c2FsdA$aGFzaA")).toBe(true);
    expect(needsRehash("md5$abc")).toBe(true);
  });
});
