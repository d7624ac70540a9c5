/**
 * An answer's opening sentence, whitespace folded: up to and with the first 。, or all of it when it has none.
 * What most answers open with is what they are about (an error code's answer states its cause there), so the
 * search weighs it apart from the rest and the error-code tiles show it.
 */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const end = flat.indexOf("。");
  return end === -1 ? flat : flat.slice(0, end + 1);
}
