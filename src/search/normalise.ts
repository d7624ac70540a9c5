/**
 * One normalisation for documents and queries alike: NFKC (full/half width), lower case, katakana folded
 * to hiragana, every dash-like mark made "-", and the prolonged-sound mark after kana kept as "ー".
 */
export function normaliseChar(char: string): string {
  return foldChar(char.normalize("NFKC").toLowerCase());
}

/** The part of normalisation after NFKC and lower case: kana and dashes. */
export function foldChar(char: string): string {
  if (char.length !== 1) return char;
  const code = char.charCodeAt(0);
  if (code >= 0x30a1 && code <= 0x30f6) return String.fromCharCode(code - 0x60);
  if (code === 0x2010 || code === 0x2011 || code === 0x2013 || code === 0x2014 || code === 0x2212 || code === 0xff0d)
    return "-";
  return char;
}

/** The characters foldChar changes. */
const FOLDED = /[\u30a1-\u30f6\u2010\u2011\u2013\u2014\u2212\uff0d]/g;

export function normalise(text: string): string {
  // Whole-string NFKC first, so halfwidth kana with separate voicing marks (ﾊﾟ) compose to one character.
  return text.normalize("NFKC").toLowerCase().replace(FOLDED, foldChar);
}

/**
 * Normalises and keeps, for each output character, the index of the input character it came from,
 * so matches found in normalised text can be marked in the original.
 */
export function normaliseWithOffsets(text: string): { text: string; offsets: number[] } {
  let out = "";
  const offsets: number[] = [];
  let index = 0;
  for (const char of text) {
    const normal = normaliseChar(char);
    for (let i = 0; i < normal.length; i++) offsets.push(index);
    out += normal;
    index += char.length;
  }
  offsets.push(index);
  return { text: out, offsets };
}
