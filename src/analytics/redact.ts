/**
 * Removes what could identify a person from text a reader typed, before anything is stored: e-mail
 * addresses, phone numbers and any run of six or more digits (member, order or card numbers). Runs on
 * NFKC-normalised text, so full-width digits and ＠ are caught too.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// 03-1234-5678, 090 1234 5678, (03)1234-5678, +81-90-1234-5678: digits in groups joined by separators.
const PHONE = /(?:\+\d{1,3}[\s-]?)?\(?\d{2,4}\)?[\s-]\d{2,4}[\s-]\d{3,4}(?!\d)/g;
const LONG_NUMBER = /\d{6,}/g;

export const REDACTED = { email: "[メール]", phone: "[電話番号]", number: "[数字]" } as const;

export function redact(text: string): string {
  return text
    .normalize("NFKC")
    .replace(EMAIL, REDACTED.email)
    .replace(PHONE, REDACTED.phone)
    .replace(LONG_NUMBER, REDACTED.number);
}

/** A query as the reports show it: width folded, spaces collapsed, Latin in lower case, redacted. */
export function storedQuery(query: string): string {
  return redact(query).trim().replace(/\s+/g, " ").toLowerCase();
}
