import { createHash, randomBytes } from "node:crypto";
import { clientKey } from "../limits/rate-limit.js";

/** A fresh salt for one day; it is deleted once the day is over, so keys cannot be linked across days. */
export function newSalt(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * Votes one client address may cast on one answer in one day: colleagues behind one office address still
 * count, and one machine that changes its User-Agent gets no more than this.
 */
export const VOTES_PER_ADDRESS = 3;

const hashed = (parts: string) => createHash("sha256").update(parts).digest("base64url").slice(0, 22);

/**
 * The key that tells readers apart within one day, as the rate limits do: by client address (IPv4, or an
 * IPv6 /64), never by what the client says of itself. It links a reader's clicks to their searches and
 * counts distinct readers in the reports. Without the day's salt it cannot be recomputed; the address is
 * not stored.
 */
export function readerKey(salt: string, address: string): string {
  return hashed(`${salt}\u0000${clientKey(address)}`);
}

/**
 * The key that de-duplicates votes: one of VOTES_PER_ADDRESS per address, chosen by the User-Agent, so a
 * later vote from the same browser replaces its earlier one.
 */
export function voteKey(salt: string, address: string, userAgent: string): string {
  const slot = createHash("sha256").update(userAgent).digest()[0]! % VOTES_PER_ADDRESS;
  return hashed(`${salt}\u0000${clientKey(address)}\u0000vote ${slot}`);
}
