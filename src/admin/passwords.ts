import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { isGuessable } from "./common-passwords.js";

export const MIN_PASSWORD_CHARS = 12;

/** Why a password is refused, in words an operator can act on; undefined when it is acceptable. */
export function passwordProblem(password: string, name?: string): string | undefined {
  if ([...password].length < MIN_PASSWORD_CHARS)
    return `The password must be at least ${MIN_PASSWORD_CHARS} characters.`;
  const lower = password.toLowerCase();
  if (name && lower.includes(name.toLowerCase())) return "The password must not contain the user name.";
  if (isGuessable(password, name ? [name] : []))
    return "That password is among the common passwords and patterns attackers try first: choose a longer passphrase.";
  return undefined;
}

// scrypt, memory-hard, at OWASP's password storage cheat sheet's minimum: N = 2^17, r = 8, p = 1 (128 MiB
// and a few hundred ms per hash here; sign-in-guard.ts runs at most two at once).
const PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_BYTES = 64;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, so the cost can rise later without invalidating stored hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** Whether a stored hash was made with other parameters than today's: rehashed at the next good sign-in. */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p] = stored.split("$");
  return scheme !== "scrypt" || Number(n) !== PARAMS.N || Number(r) !== PARAMS.r || Number(p) !== PARAMS.p;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await derive(password, Buffer.from(salt, "base64url"), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A hash of a random password that no one knows: checked against when the user name does not exist, so a
 * wrong name costs the same time as a wrong password and timing tells nothing.
 */
export const decoyHash: Promise<string> = hashPassword(randomBytes(18).toString("base64url"));
