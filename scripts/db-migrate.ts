// `npm run db:migrate`: brings the database named by DATABASE_URL up to this release's schema. The server
// does the same at start; this is for deploying the schema before the new release serves.
import { readConfig } from "../src/config.js";
import { describeLocation } from "../src/db/database-url.js";
import { migrate, SchemaTooNewError } from "../src/db/migrations.js";
import { openDatabase } from "../src/db/open-database.js";

try {
  const { database } = readConfig(process.env);
  const where = describeLocation(database);
  const db = openDatabase(database);
  try {
    const { applied } = await migrate(db, database.kind);
    console.log(`${where}: ${applied.length === 0 ? "already up to date" : `applied ${applied.join(", ")}`}`);
  } catch (error) {
    if (error instanceof SchemaTooNewError) throw error;
    throw new Error(`${where}: ${(error as Error).message}`, { cause: error });
  } finally {
    await db.destroy();
  }
} catch (error) {
  // Each of these says what to fix; a stack would only hide it.
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
