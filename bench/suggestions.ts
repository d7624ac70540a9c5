// Suggestions, simulated: a population of readers on the bundled content, each looking for one answer in
// words of their own that the bench writes itself (paraphrases, word swaps from its own thesaurus, typos,
// the FAQ's own wordings), reformulating when the first search fails and opening the answer. Their events go through the
// real writer into a fresh SQLite store; the suggestions are mined from it as the dashboard mines them, all
// of them reviewed against the dev and extra queries as the office's search checks, the accepted ones written
// into a copy of the content and checked; then the same sessions are replayed.
// Goals: the no-result rate after is at most half of before, and no query of the dev and extra sets loses
// its first place.
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { periodEnding } from "../src/admin/report-math.js";
import { AnalyticsStore } from "../src/analytics/analytics-store.js";
import type { ReaderEvent } from "../src/analytics/events.js";
import { storedQuery } from "../src/analytics/redact.js";
import { checkContent } from "../src/checks/check-content.js";
import { loadContent } from "../src/content/load-content.js";
import type { Content } from "../src/content/types.js";
import { migrate } from "../src/db/migrations.js";
import { openDatabase } from "../src/db/open-database.js";
import { defaultContentDir, projectRoot } from "../src/paths.js";
import { search, type SearchIndex } from "../src/search/index.js";
import { contentReader, writeChanges } from "../src/suggestions/content-files.js";
import { currentSuggestions } from "../src/suggestions/current-suggestions.js";
import type { Suggestion } from "../src/suggestions/mine.js";
import { contentChanges } from "../src/suggestions/suggestion-patch.js";
import { SuggestionStore } from "../src/suggestions/suggestion-store.js";
import { searchIndexOf } from "../src/web/search/documents-from-content.js";

const READERS = Number(process.env.BENCH_SUGGESTION_READERS ?? 4000);
const DAYS = 10;
/** Words readers use for the FAQ's words: the bench's own, not the content's synonyms. */
const THESAURUS: Record<string, string[]> = {
  ログイン: ["ログオン"],
  サインイン: ["ログオン"],
  パスワード: ["暗証番号"],
  メールアドレス: ["メルアド"],
  確認コード: ["認証番号", "ワンタイムコード"],
  統合: ["連携", "ひもづけ"],
  届かない: ["来ない"],
  変更: ["変えたい"],
  忘れた: ["失念"],
  ロック: ["凍結"],
  英語: ["英文"],
  画面: ["ページ"],
};
/** Ways readers say the same thing at more length. */
const PARAPHRASES: Array<[RegExp, string]> = [
  [/できない$/u, "できません"],
  [/忘れた$/u, "忘れてしまった"],
  [/$/u, "について"],
  [/$/u, " 方法"],
];
/** What the FAQ does not answer: readers who came for these give up. */
const OUT_OF_SCOPE = ["請求書 ダウンロード", "インク 注文", "保証 延長", "見積書 再発行", "配送状況"];

interface Session {
  reader: number;
  target: string | undefined;
  first: string;
  /** The wording that finds the answer, when the first does not. */
  fallback: string | undefined;
  givesUp: boolean;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const squash = (text: string) => text.normalize("NFKC").replace(/\s+/g, "");

interface LabelledQuery {
  q: string;
  expect: string[];
}

async function querySets(): Promise<LabelledQuery[]> {
  const read = async (file: string) =>
    (
      JSON.parse(await readFile(path.join(projectRoot, "test/search/fixtures", file), "utf8")) as {
        queries: LabelledQuery[];
      }
    ).queries;
  return [...(await read("dev-queries.json")), ...(await read("extra-queries.json"))];
}

/** The question a labelled query expects, as eval:search matches it (a fragment of the title). */
function expectedId(content: Content, query: LabelledQuery): string | undefined {
  return content.questions.find((q) => query.expect.some((e) => squash(q.title).includes(squash(e))))?.id;
}

const top = (index: SearchIndex, q: string) => search(index, q, { limit: 50 });

/** Each answer's wordings that find it first today: the labelled queries for it, and its title. */
function workingWordings(content: Content, index: SearchIndex, labelled: LabelledQuery[]): Map<string, string[]> {
  const wordings = new Map<string, string[]>();
  for (const question of content.questions) {
    const own = labelled.filter((l) => expectedId(content, l) === question.id).map((l) => l.q);
    const working = [...own, question.title].filter((q) => top(index, q).results[0]?.id === question.id);
    if (working.length > 0) wordings.set(question.id, working);
  }
  return wordings;
}

/** A reader's own wordings of a working one: a paraphrase, one word swapped, or a typo in a katakana word. */
function variantsOf(wording: string): string[] {
  const variants = new Set<string>();
  for (const [pattern, replacement] of PARAPHRASES)
    if (pattern.test(wording)) variants.add(wording.replace(pattern, replacement));
  for (const [word, others] of Object.entries(THESAURUS))
    if (wording.includes(word)) for (const other of others) variants.add(wording.replace(word, other));
  for (const run of wording.match(/[\u30a0-\u30ff]{4,}/gu) ?? []) {
    const middle = Math.floor(run.length / 2);
    variants.add(wording.replace(run, run.slice(0, middle) + run.slice(middle + 1)));
  }
  return [...variants];
}

function sessionsFor(wordings: Map<string, string[]>): Session[] {
  const next = random(7);
  const targets = [...wordings.keys()];
  // Some answers are asked for far more often than others (Zipf).
  const weights = targets.map((_, rank) => 1 / (rank + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const pickTarget = () => {
    let left = next() * total;
    for (let i = 0; i < targets.length; i++) if ((left -= weights[i]!) <= 0) return targets[i]!;
    return targets[targets.length - 1]!;
  };
  const sessions: Session[] = [];
  for (let reader = 1; reader <= READERS; reader++) {
    if (next() < 0.05) {
      const first = OUT_OF_SCOPE[Math.floor(next() * OUT_OF_SCOPE.length)]!;
      sessions.push({ reader, target: undefined, first, fallback: undefined, givesUp: true });
      continue;
    }
    const target = pickTarget();
    const own = wordings.get(target)!;
    const fallback = own[Math.floor(next() * own.length)]!;
    const variants = own.flatMap(variantsOf);
    const first = variants.length > 0 && next() < 0.6 ? variants[Math.floor(next() * variants.length)]! : fallback;
    sessions.push({ reader, target, first, fallback, givesUp: next() < 0.1 });
  }
  return sessions;
}

interface Played {
  searches: number;
  noResults: number;
  firstNoResults: number;
  events: ReaderEvent[];
}

/** Plays every session against an index: the events a server would record, and the no-result counts. */
function play(sessions: readonly Session[], index: SearchIndex, start: number): Played {
  const played: Played = { searches: 0, noResults: 0, firstNoResults: 0, events: [] };
  for (const session of sessions) {
    const at = start + (session.reader % DAYS) * 86_400_000 + (session.reader % 600) * 60_000;
    const who = {
      address: `10.${(session.reader >> 16) & 255}.${(session.reader >> 8) & 255}.${session.reader & 255}`,
      userAgent: "sim",
    };
    const tryQuery = (q: string, time: number): boolean => {
      const found = top(index, q);
      played.searches++;
      if (found.total === 0) played.noResults++;
      const query = storedQuery(q);
      played.events.push({
        type: "search",
        time,
        ...who,
        query,
        results: found.total,
        topResult: found.results[0]?.id ?? null,
        codeMatch: false,
        source: "page",
      });
      const position = found.results.slice(0, 3).findIndex((r) => r.id === session.target);
      if (position < 0) return false;
      played.events.push({
        type: "click",
        time: time + 20_000,
        ...who,
        query,
        question: session.target!,
        position: position + 1,
      });
      return true;
    };
    const foundFirst = tryQuery(session.first, at);
    if (top(index, session.first).total === 0) played.firstNoResults++;
    if (!foundFirst && !session.givesUp && session.fallback) tryQuery(session.fallback, at + 60_000);
  }
  return played;
}

/** For each labelled query, whether its expected answer is first (answerable) or nothing is found (none). */
function firstPlaces(content: Content, index: SearchIndex, labelled: LabelledQuery[]): Map<string, boolean> {
  const title = (id: string | undefined) => squash(content.questionById.get(id ?? "")?.title ?? "");
  return new Map(
    labelled.map((l) => {
      const results = top(index, l.q).results;
      const first = title(results[0]?.id);
      return [l.q, l.expect.length === 0 ? results.length === 0 : l.expect.some((e) => first.includes(squash(e)))];
    }),
  );
}

const described = (s: Suggestion) =>
  s.kind === "keyword" ? `「${s.keyword}」→ ${s.question}` : s.kind === "synonym" ? s.words.join(" = ") : "";

/**
 * The office's review, simulated: suggestions in the order the page lists them, each tried on the content with
 * those accepted before it, and accepted only if no labelled query loses its first place (what
 * search-checks.json and `npm run check` guard in the product). The rest are rejected.
 */
async function review(
  suggestions: readonly Suggestion[],
  at: {
    content: Content;
    contentDir: string;
    trialDir: string;
    labelled: LabelledQuery[];
    wasFirst: Map<string, boolean>;
  },
): Promise<{ accepted: Suggestion[]; rejected: Suggestion[] }> {
  const accepted: Suggestion[] = [];
  const rejected: Suggestion[] = [];
  for (const suggestion of suggestions) {
    await rm(at.trialDir, { recursive: true, force: true });
    await cp(at.contentDir, at.trialDir, { recursive: true });
    const trial = [...accepted, suggestion];
    writeChanges(at.trialDir, contentChanges(trial, at.content, contentReader(at.contentDir)).changes, "after");
    const edited = await loadContent(at.trialDir);
    const isFirst = firstPlaces(edited, searchIndexOf(edited), at.labelled);
    const loses = [...at.wasFirst].some(([q, first]) => first && !isFirst.get(q));
    (loses ? rejected : accepted).push(suggestion);
  }
  return { accepted, rejected };
}

export async function runSuggestionsBench(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "bench-suggestions-"));
  const contentDir = path.join(dir, "content");
  await cp(defaultContentDir, contentDir, { recursive: true });
  const db = openDatabase({ kind: "sqlite", file: path.join(dir, "sim.db") });
  try {
    await migrate(db, "sqlite");
    const content = await loadContent(contentDir);
    const index = searchIndexOf(content);
    const labelled = await querySets();
    const sessions = sessionsFor(workingWordings(content, index, labelled));
    const start = Date.now() - DAYS * 86_400_000;
    const before = play(sessions, index, start);
    const store = new AnalyticsStore(db);
    const events = before.events.sort((a, b) => a.time - b.time);
    for (let i = 0; i < events.length; i += 2000) await store.write(events.slice(i, i + 2000));

    const mining = performance.now();
    const suggestions = await currentSuggestions(new SuggestionStore(db), periodEnding(30, Date.now()), content, index);
    const minedMs = performance.now() - mining;
    const wasFirst = firstPlaces(content, index, labelled);
    const { accepted, rejected } = await review(
      suggestions.filter((s) => s.kind !== "gap"),
      { content, contentDir, trialDir: path.join(dir, "trial"), labelled, wasFirst },
    );
    const { changes, refused } = contentChanges(accepted, content, contentReader(contentDir));
    writeChanges(contentDir, changes, "after");
    const checked = await checkContent(contentDir);
    const edited = checked.content;
    const editedIndex = searchIndexOf(edited);
    const after = play(sessions, editedIndex, start);

    const isFirst = firstPlaces(edited, editedIndex, labelled);
    const lost = [...wasFirst].filter(([q, first]) => first && !isFirst.get(q)).map(([q]) => q);
    const rate = (p: Played) => p.noResults / p.searches;
    const firstRate = (p: Played) => p.firstNoResults / sessions.length;
    const halved = rate(after) <= rate(before) / 2;
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    const kinds = (kind: string) => suggestions.filter((s) => s.kind === kind).length;
    return [
      `${READERS.toLocaleString("en")} simulated readers over ${DAYS} days on the bundled content (${sessions.filter((s) => s.first !== s.fallback).length.toLocaleString("en")} of them starting with a paraphrase, a word swap, a typo or an out-of-scope question; 10% give up after a failed search), written through the real writer. Mined in ${minedMs.toFixed(0)} ms: ${kinds("keyword")} keyword, ${kinds("synonym")} synonym and ${kinds("gap")} no-answer suggestions; each keyword and synonym suggestion reviewed as the office would, with the dev and extra queries as its search checks: ${accepted.length} accepted and written (${changes.length} files${refused.length ? `, ${refused.length} refused` : ""}), ${rejected.length} rejected because they cost a labelled query its first place, then \`npm run check\`'s validation passed (${checked.failures.length} failed search checks).`,
      "",
      "| | before | after | goal |",
      "| --- | --- | --- | --- |",
      `| no-result rate, all searches | ${pct(rate(before))} (${before.noResults}/${before.searches}) | ${pct(rate(after))} (${after.noResults}/${after.searches}) | ≤ half of before ${halved ? "✓" : "✗"} |`,
      `| first searches that found nothing | ${pct(firstRate(before))} | ${pct(firstRate(after))} | – |`,
      `| dev and extra queries first (or rightly empty) | ${[...wasFirst.values()].filter(Boolean).length}/${labelled.length} | ${[...isFirst.values()].filter(Boolean).length}/${labelled.length} | none loses its first place ${lost.length === 0 ? "✓" : `✗ (${lost.join(", ")})`} |`,
      "",
      `Accepted: ${accepted.map(described).join("; ")}.`,
      "",
      `Rejected: ${rejected.map(described).join("; ") || "none"}.`,
    ].join("\n");
  } finally {
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
