// `npm run suggestions [-- --apply]`: the suggestions accepted on /admin/suggestions, from the database
// DATABASE_URL names, as a patch against CONTENT_DIR (default content/); with --apply, written into it and
// then checked as `npm run check` checks (and put back if the check fails).
import { readConfig } from "../src/config.js";
import { migrate } from "../src/db/migrations.js";
import { openDatabase } from "../src/db/open-database.js";
import { applyAccepted } from "../src/suggestions/apply-suggestions.js";

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== "--apply");
if (unknown.length > 0) {
  console.error("Usage: npm run suggestions [-- --apply]");
  process.exit(2);
}
const config = readConfig(process.env);
const db = openDatabase(config.database);
try {
  await migrate(db, config.database.kind);
  const outcome = await applyAccepted(db, config.contentDir, args.includes("--apply"));
  for (const line of outcome.lines) console.log(line);
  if (!outcome.ok) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
