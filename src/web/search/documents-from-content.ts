import { firstSentence } from "../../content/first-sentence.js";
import type { Content } from "../../content/types.js";
import { buildSearchIndex, type SearchDocument, type SearchIndex } from "../../search/index.js";

/** The engine knows documents, not questions: this is where the FAQ becomes something to index. */

export function documentsFromContent(content: Content): SearchDocument[] {
  return content.questions.map((question) => ({
    id: question.id,
    title: question.title,
    keywords: question.keywords,
    codes: question.codes,
    category: content.categoryById.get(question.category)?.title ?? "",
    lead: firstSentence(question.text),
    body: question.text,
  }));
}

/** The content's search index, built here on this thread: its answers and its synonym groups. */
export function searchIndexOf(content: Content): SearchIndex {
  return buildSearchIndex(documentsFromContent(content), { synonyms: content.synonyms });
}
