import type { Content } from "../../content/types.js";
import type { SearchDocument } from "../../search/index.js";

/** The engine knows documents, not questions: this is where the FAQ becomes something to index. */

export function documentsFromContent(content: Content): SearchDocument[] {
  return content.questions.map((question) => ({
    id: question.id,
    title: question.title,
    keywords: question.keywords,
    codes: question.codes,
    category: content.categoryById.get(question.category)?.title ?? "",
    body: question.text,
  }));
}
