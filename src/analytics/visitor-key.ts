import { createHash, randomBytes } from "node:crypto";

/** A fresh salt for one day; it is deleted once the day is over, so keys cannot be linked across days. */
export function newSalt(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * The key that de-duplicates one reader's votes and links their clicks to their searches within one day.
 * Neither the address nor the user agent is stored; without the day's salt the key cannot be recomputed.
 */
export function visitorKey(salt: string, address: string, userAgent: string): string {
  return createHash("sha256").update(`${salt}\u0000${address}\u0000${userAgent}`).digest("base64url").slice(0, 22);
}
