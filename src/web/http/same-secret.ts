import { createHash, timingSafeEqual } from "node:crypto";

/** Compares a secret in constant time, whatever the lengths: digests of equal length are compared. */
export function sameSecret(given: string | undefined, expected: string | undefined): boolean {
  if (given === undefined || expected === undefined) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b) && given.length > 0 && expected.length > 0;
}
