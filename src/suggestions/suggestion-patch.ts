import type { Content } from "../content/types.js";
import { EditRefused, NEW_SYNONYMS_FILE, withKeyword, withSynonyms } from "./content-edits.js";
import type { Suggestion } from "./mine.js";
import { unifiedDiff } from "./unified-diff.js";

/** The synonyms file's path in the content folder, where load-content reads it. */
export const SYNONYMS_FILE = "synonyms.md";

/** One content file as it is and as the suggestions would leave it (`before` undefined: a new file). */
export interface FileChange {
  file: string;
  before: string | undefined;
  after: string;
}

export interface ContentChanges {
  changes: FileChange[];
  /** Why a suggestion could not be written (its answer is gone, its file is laid out by hand). */
  refused: string[];
}

/**
 * What the suggestions change in content/, file by file, given each file's text now (`read`: undefined when
 * the file does not exist). A suggestion already in the content changes nothing; a gap writes nothing.
 */
export function contentChanges(
  suggestions: readonly Suggestion[],
  content: Content,
  read: (file: string) => string | undefined,
): ContentChanges {
  const edited = new Map<string, FileChange>();
  const refused: string[] = [];
  const fileText = (file: string, fallback?: string) => {
    let change = edited.get(file);
    if (!change) {
      const before = read(file);
      edited.set(file, (change = { file, before, after: before ?? fallback ?? "" }));
    }
    return change;
  };
  for (const suggestion of suggestions) {
    try {
      if (suggestion.kind === "keyword") {
        const question = content.questionById.get(suggestion.question);
        if (!question) throw new EditRefused(`answer ${suggestion.question} no longer exists`);
        const change = fileText(question.file);
        if (change.before === undefined) throw new EditRefused(`${question.file} cannot be read`);
        change.after = withKeyword(change.after, question.file, suggestion.keyword);
      } else if (suggestion.kind === "synonym") {
        const change = fileText(SYNONYMS_FILE, NEW_SYNONYMS_FILE);
        change.after = withSynonyms(change.after, SYNONYMS_FILE, suggestion.words);
      }
    } catch (error) {
      if (!(error instanceof EditRefused)) throw error;
      refused.push(error.message);
    }
  }
  return { changes: [...edited.values()].filter((c) => c.before !== c.after), refused };
}

/** The changes as one patch for `git apply`, each file named by its path in the repository. */
export function patchOf(changes: readonly FileChange[], pathOf: (file: string) => string): string {
  return changes.map((c) => unifiedDiff(pathOf(c.file), c.before, c.after)).join("");
}
