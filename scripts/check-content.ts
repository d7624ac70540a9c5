// `npm run check`: the server's own content validation, without starting a server.
import { ContentError } from "../src/content/content-error.js";
import { loadContent } from "../src/content/load-content.js";
import { defaultContentDir } from "../src/paths.js";

const dir = process.argv[2] ?? process.env.CONTENT_DIR ?? defaultContentDir;
try {
  const content = await loadContent(dir);
  console.log(
    `OK: ${content.questions.length} questions in ${content.categories.length} categories, ${content.synonyms.length} synonym groups (${dir}).`,
  );
} catch (error) {
  console.error(error instanceof ContentError ? error.message : error);
  process.exitCode = 1;
}
