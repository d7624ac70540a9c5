import { randomBytes } from "node:crypto";

const SAFE = /^[A-Za-z0-9._:-]{1,64}$/;
// A random prefix per process and a counter: unique, cheap, and it says nothing about the reader.
const prefix = randomBytes(4).toString("hex");
let counter = 0;

/**
 * The id a request is logged under: the one a trusted proxy sent, when it is a short token of safe
 * characters, otherwise a new one. An untrusted or unsafe header is never echoed.
 */
export function requestId(header: string | string[] | undefined, trustProxy: boolean): string {
  if (trustProxy && typeof header === "string" && SAFE.test(header)) return header;
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `${prefix}-${counter.toString(36)}`;
}
