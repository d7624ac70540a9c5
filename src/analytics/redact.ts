/**
 * Removes what could identify a person from text a reader typed, before anything is stored: e-mail
 * addresses, phone numbers, postal codes with the address after them, and any run of six or more digits
 * (member, order or card numbers). Runs on NFKC-normalised text, so full-width digits, ＠ and （ ） are
 * caught too, and on the separators Japanese readers type between digit groups (ー ｰ − ‐ – . ・ and the
 * like), read as hyphens for matching only: what is kept of the text keeps its own characters.
 */
const EMAIL = /[\p{L}\p{N}._%+。-]+\s*@\s*[\p{L}\p{N}-]+(?:\s*[.。]\s*[\p{L}\p{N}-]+)+/gu;
// 03-1234-5678, 090 1234 5678, (03)1234-5678, (03) 1234-5678, +81-90-1234-5678: digit groups and separators.
// Never from within a word: in "AE04 090-1234-5678" the number starts at 090, not at the code's 04.
const PHONE = /(?<![A-Za-z0-9])(?:\+\d{1,3}[\s-]?)?(?:\(\d{2,4}\)\s?|\d{2,4}[\s-])\d{2,4}[\s-]\d{3,4}(?!\d)/g;
// 〒100-0005 and the address written after it, up to the next space.
const POSTAL = /〒\s*\d{3}-?\d{4}(?:\s*[^\s]+)?/g;
const LONG_NUMBER = /\d{6,}/g;
/** Dashes and dots typed between digits; each stands for one hyphen, so positions stay as they are. */
const DIGIT_SEPARATOR = /(?<=[\d)])[ー\u2010-\u2015\u2212.・](?=[\d(])/g;

export const REDACTED = { email: "[メール]", phone: "[電話番号]", postal: "[住所]", number: "[数字]" } as const;

/** Replaces what `pattern` finds in `matchOn` at the same places of `text` (the two are of one length). */
function replaceAt(text: string, matchOn: string, pattern: RegExp, label: string): [string, string] {
  let kept = "";
  let read = "";
  let from = 0;
  for (const match of matchOn.matchAll(pattern)) {
    const start = match.index ?? 0;
    kept += text.slice(from, start) + label;
    read += matchOn.slice(from, start) + label;
    from = start + match[0].length;
  }
  return [kept + text.slice(from), read + matchOn.slice(from)];
}

/**
 * Text either engine stores: no NUL (PostgreSQL refuses it in text) and no lone surrogate (not UTF-8 at
 * all), so one reader's odd bytes can never make the database refuse the batch they are written in.
 */
export function storable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point.
  return text.replace(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "");
}

export function redact(text: string): string {
  let kept = storable(text).normalize("NFKC");
  let read = kept.replace(DIGIT_SEPARATOR, "-");
  for (const [pattern, label] of [
    [EMAIL, REDACTED.email],
    [POSTAL, REDACTED.postal],
    [PHONE, REDACTED.phone],
    [LONG_NUMBER, REDACTED.number],
  ] as const)
    [kept, read] = replaceAt(kept, read, pattern, label);
  return kept;
}

/** The longest query kept, in characters, after normalising (NFKC can lengthen text). */
export const MAX_STORED_QUERY = 200;

/** A query as the reports show it: width folded, spaces collapsed, Latin in lower case, redacted. */
export function storedQuery(query: string): string {
  const stored = redact(query).trim().replace(/\s+/g, " ").toLowerCase();
  return [...stored].slice(0, MAX_STORED_QUERY).join("");
}
