/**
 * Error codes as users type them: "AE01", "ae1", "AE-03", "ae 06", "ＡＥ－０６", "エラーコードae02が…".
 * Works on normalised text (NFKC, lower case), so width and case are already folded.
 */
const CODE = /(?<![a-z])([a-z]{2})[\s-]*(\d{1,2})(?!\d)/g;

export interface CodeMatch {
  code: string;
  start: number;
  end: number;
}

export function canonicalCode(letters: string, digits: string): string {
  return `${letters.toUpperCase()}${digits.padStart(2, "0")}`;
}

/** Every code-shaped span of normalised text that `keep` accepts, in canonical form. */
function matchCodes(normalised: string, keep: (code: string) => boolean): CodeMatch[] {
  const found: CodeMatch[] = [];
  for (const match of normalised.matchAll(CODE)) {
    const code = canonicalCode(match[1] ?? "", match[2] ?? "");
    if (keep(code)) found.push({ code, start: match.index, end: match.index + match[0].length });
  }
  return found;
}

/** Every code-shaped span of normalised text, known or not: an unknown one is worth telling the user about. */
export function codeShapes(normalised: string): CodeMatch[] {
  return matchCodes(normalised, () => true);
}

/** Every code-shaped span of normalised text whose canonical form is a known code. */
export function findCodes(normalised: string, known: ReadonlySet<string>): CodeMatch[] {
  return matchCodes(normalised, (code) => known.has(code));
}
