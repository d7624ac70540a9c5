import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

/**
 * Whether a password is among those an attacker tries first, judged by zxcvbn (zxcvbn-ts): its list of
 * about 49,000 passwords from public breaches, keyboard walks (1q2w3e4r…), repeats, sequences, dates and
 * l33t spellings of all of them, and the words given (the user name, the site's). A kept, tested library
 * rather than a list of our own: OWASP's authentication cheat sheet asks to block common and breached
 * passwords, which a short hand-made list cannot.
 */

/** zxcvbn's score (0–4) from which a password is accepted: 3 is "safely unguessable" past 10^8 guesses. */
export const MIN_SCORE = 3;
/** Words anyone would try against this site, beside the user name. */
const SITE_WORDS = ["hp", "advantageplus", "advantage", "faq", "admin", "operator"];

// Built on first use (its dictionaries take tens of milliseconds to load): only setting a password needs it.
let estimator: ZxcvbnFactory | undefined;

export function isGuessable(password: string, userInputs: readonly string[] = []): boolean {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return estimator.check(password, [...SITE_WORDS, ...userInputs]).score < MIN_SCORE;
}
