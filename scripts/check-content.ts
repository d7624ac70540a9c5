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
  const { contact } = content;
  console.log(
    contact
      ? `Contact: ${contact.name}, ${[contact.email, contact.url].filter(Boolean).join(" and ")}.`
      : "Contact: none (no contact.md with an email or url), so the site shows no contact link.",
  );
} catch (error) {
  console.error(error instanceof ContentError ? error.message : error);
  process.exitCode = 1;
}
