import { describe, expect, it } from "vitest";
import { sameSecret } from "../../../src/web/http/same-secret.js";

describe("sameSecret", () => {
  it("is true for the same secret only", () => {
    expect(sameSecret("token-123", "token-123")).toBe(true);
    expect(sameSecret("token-124", "token-123")).toBe(false);
  });

  it("compares secrets of any length without throwing (timingSafeEqual would, on unequal lengths)", () => {
    expect(sameSecret("short", "a much longer expected secret")).toBe(false);
    expect(sameSecret("x".repeat(10_000), "x")).toBe(false);
  });

  it("never matches a missing or empty secret, even against another", () => {
    expect(sameSecret(undefined, "token")).toBe(false);
    expect(sameSecret("token", undefined)).toBe(false);
    expect(sameSecret("", "")).toBe(false);
    expect(sameSecret(undefined, undefined)).toBe(false);
  });
});
