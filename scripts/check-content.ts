// `npm run check [-- --strict] [dir]`: the server's own content validation, without starting a server, plus
// the answers due for review (errors with --strict) and content/search-checks.json's queries.
import { checkContent, reportLines } from "../src/checks/check-content.js";
import { ContentError } from "../src/content/content-error.js";
import { defaultContentDir } from "../src/paths.js";

const args = process.argv.slice(2);
const strict = args.includes("--strict");
const dir = args.find((arg) => !arg.startsWith("--")) ?? process.env.CONTENT_DIR ?? defaultContentDir;
try {
  const { lines, ok } = reportLines(dir, await checkContent(dir), strict);
  for (const line of lines) (line.startsWith("Error") ? console.error : console.log)(line);
  if (!ok) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof ContentError ? error.message : error);
  process.exitCode = 1;
}
