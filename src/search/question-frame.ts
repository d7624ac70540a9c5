/**
 * The words around what a reader asks that say only how they ask it: the frame of a question, not its subject.
 *
 * - How they met a message, said after it: 権限がないと言われる, アクセスできませんと出た, エラーって表示された.
 *   Only at the query's end, after と / って.
 * - What kind of answer they want: …の方法, やり方, 手順, 原因: every answer says how or why, and a FAQ that
 *   never writes 方法 still answers "パスワード変更の方法".
 *
 * Such words need not be covered by an answer, and are never the unknown word that makes a query find nothing
 * (unknown-word.ts); an answer that has them still scores for them. A closed list, like the particles in
 * colloquial.ts: it is about how a question is put, never about what it asks. Matched on the normalised query
 * (kana folded to hiragana).
 */
const REPORT = /(?:と|って)(?:言われ|いわれ|表示され|ひょうじされ|出|で)[ぁ-ゖ]*[。.!?！？]*$/u;
const WANT =
  /方法|やり方|やりかた|仕方|しかた|手順|対処法?|対策|原因|理由|意味|どうすれば(?:いい|よい)?|どうしたら(?:いい|よい)?/gu;

/** [start, end) in characters of `normal` of each frame word; never the whole query. */
export function frameSpans(normal: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const charAt = (index: number) => [...normal.slice(0, index)].length;
  const report = REPORT.exec(normal);
  if (report && report.index > 0) spans.push([charAt(report.index), charAt(report.index) + [...report[0]].length]);
  for (const want of normal.matchAll(WANT)) {
    const start = charAt(want.index);
    spans.push([start, start + [...want[0]].length]);
  }
  const framed = spans.reduce((sum, [start, end]) => sum + end - start, 0);
  return framed >= [...normal.replace(/\s+/g, "")].length ? [] : spans;
}
